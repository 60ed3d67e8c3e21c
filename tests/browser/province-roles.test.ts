// A province user in a real browser: the administrator's navigation (accounts, storage, devices), the
// assessment page ranking the province's cities with the API's scores and drilling to one city's counties,
// and the province's patrol plan naming each canteen's city.
import { describe, expect, it } from 'vitest';
import { lastCompletePeriod } from '../../desktop/renderer/src/pages/assessment/periods';
import { artifactPath, loggedInPages, useBrowserWithTestServer } from '../support/browser';
import { twoCities } from '../support/scope-records';
import { TEST_PASSWORD } from '../support/test-server';

interface Unit {
  code: string;
  name: string;
  score: number | null;
}

describe('province roles in the renderer', () => {
  const rig = useBrowserWithTestServer({ dataset: twoCities() });

  it('ranks the cities, drills to a city, and patrols the province plan', { timeout: 240_000 }, async () => {
    const server = rig.server;
    const token = await server.login('province.admin');
    const period = lastCompletePeriod('quarter', server.clock.now());
    const cities = (await server.request<{ units: Unit[] }>('GET', `/api/assessment?period=${period}`, { token })).body.units;
    expect(cities.map((city) => city.name).sort()).toEqual(['张家口市', '承德市'].sort());

    const pages = loggedInPages(rig, TEST_PASSWORD);
    try {
      const page = await pages.open('province.admin', `/assessment?period=${period}`, { timeout: 30_000 });
      // The administrator's links, as a city administrator has them.
      for (const link of ['指挥大屏', '登录限制', '录像存储', '设备接入']) {
        await expect.poll(() => page.locator('header.topbar nav a', { hasText: link }).count(), { message: link }).toBeGreaterThan(0);
      }
      expect(await page.getByTestId('who').textContent()).toContain('河北省');

      const table = page.getByTestId('city-table');
      await expect.poll(() => table.locator('tbody tr').count()).toBe(2);
      for (const city of cities) {
        expect(await table.locator(`tr[data-unit="${city.code}"] [data-testid="unit-score"]`).textContent()).toBe(
          city.score === null ? '—' : city.score.toFixed(1),
        );
      }
      await expect.poll(() => page.locator('h2', { hasText: '各市综合得分排名' }).count()).toBe(1);

      const chengde = cities.find((city) => city.name === '承德市')!;
      await table.locator(`tr[data-unit="${chengde.code}"] button.as-link`).first().click();
      await page.waitForURL((url) => url.hash.includes(`city=${chengde.code}`));
      const detail = page.getByTestId('city-detail');
      await expect.poll(() => detail.getByTestId('county-table').locator('tbody tr').count()).toBe(11);
      await page.screenshot({ path: await artifactPath('assessment-province.png'), fullPage: true });

      // The province's plan: every canteen of the two cities (fewer than 200), each saying its city.
      const plan = (await server.request<{ total: number }>('GET', '/api/patrol/plan', { token })).body;
      await page.goto(`${server.url}/#/patrol`);
      await expect.poll(() => page.getByTestId('plan-item').count(), { timeout: 30_000 }).toBe(plan.total);
      await expect.poll(() => page.getByTestId('plan-item').filter({ hasText: '张家口市 · ' }).count()).toBeGreaterThan(0);
    } finally {
      await pages.closeAll();
    }
  });
});
