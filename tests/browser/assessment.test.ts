// The assessment page in a real browser: the city duty officer reads the counties' scores for a quarter (the
// same figures the API gives), opens the records behind a figure and one county's schools, and generates the
// quarter's bulletin, watching its progress reach 100 and downloading a real PDF. A county user sees its own
// county only.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { lastCompletePeriod } from '../../desktop/renderer/src/pages/assessment/periods';
import { artifactPath, loggedInPages, useBrowserWithTestServer } from '../support/browser';
import { TEST_PASSWORD } from '../support/test-server';

interface Unit {
  code: string;
  name: string;
  score: number | null;
  rank: number | null;
}

const shownScore = (score: number | null) => (score === null ? '—' : score.toFixed(1));

describe('assessment page', () => {
  const rig = useBrowserWithTestServer();

  it('shows the API scores per county, drills to records, builds a bulletin, and scopes a county user', { timeout: 240_000 }, async () => {
    const server = rig.server;
    const period = lastCompletePeriod('quarter', server.clock.now());
    const cityToken = await server.login('city.duty');
    // The seed keeps no ledgers: some kept over the period's last four weeks give two counties scores of their own.
    const { period: span } = (
      await server.request<{ period: { to: string } }>('GET', `/api/assessment?period=${period}`, { token: cityToken })
    ).body;
    const weekdays = Array.from({ length: 28 }, (_, back) => new Date(Date.parse(`${span.to}T00:00:00Z`) - back * 86_400_000))
      .filter((day) => day.getUTCDay() % 6 !== 0)
      .map((day) => day.toISOString().slice(0, 10));
    const countyCodes = [...new Set(server.dataset.schools.map((school) => school.countyCode))];
    const keeping = [
      ...server.dataset.schools.filter((school) => school.countyCode === countyCodes[0]),
      ...server.dataset.schools.filter((school) => school.countyCode === countyCodes[2]).slice(0, 1),
    ];
    await server.db('ledger_entries').insert(
      keeping.flatMap((school) =>
        weekdays.flatMap((day) =>
          ['morning_check', 'menu'].map((kind) => ({
            id: randomUUID(),
            school_id: school.id,
            scope_path: school.scopePath,
            kind,
            entry_date: day,
            payload: JSON.stringify({}),
          })),
        ),
      ),
    );
    const counties = (await server.request<{ units: Unit[] }>('GET', `/api/assessment?period=${period}`, { token: cityToken })).body.units;
    expect(counties).toHaveLength(11);
    expect(new Set(counties.map((county) => county.score)).size).toBeGreaterThan(1);

    const pages = loggedInPages(rig, TEST_PASSWORD);
    const open = (username: string) => pages.open(username, `/assessment?period=${period}`, { timeout: 30_000 });
    try {
      const city = await open('city.duty');
      const table = city.getByTestId('county-table');
      await expect.poll(() => table.locator('tbody tr').count()).toBe(11);
      for (const county of counties) {
        expect(await table.locator(`tr[data-unit="${county.code}"] [data-testid="unit-score"]`).textContent()).toBe(
          shownScore(county.score),
        );
      }
      await city.getByTestId('chart-score-ranking').locator('canvas').waitFor();
      // The rules behind the figures are said on the page: the handling limit is the setting in force (24 h).
      expect(await city.getByTestId('assessment-rules').textContent()).toContain('24 小时内确认或排除');

      // The patrol coverage of the first county: its canteens, each patrolled or not.
      const county = counties[0]!;
      const records = await server.request<{ items: { met: boolean }[] }>(
        'GET',
        `/api/assessment/records?period=${period}&indicator=patrol_coverage&county=${county.code}`,
        { token: cityToken },
      );
      expect(records.body.items.length).toBeGreaterThan(0);
      await table.locator(`tr[data-unit="${county.code}"] td[data-indicator="patrol_coverage"] button`).click();
      const drawer = city.getByTestId('records-drawer');
      await expect.poll(() => drawer.getByTestId('record-row').count()).toBe(records.body.items.length);
      const unmet = records.body.items.filter((item) => !item.met).length;
      await drawer.getByRole('button', { name: '未达标' }).click();
      await expect.poll(() => drawer.locator('[data-testid="record-row"][data-met="true"]').count()).toBe(0);
      await expect.poll(() => drawer.getByTestId('record-row').count()).toBe(unmet);
      await drawer.getByRole('button', { name: '关闭' }).click();

      // The county: its radar and its schools ranked.
      const schools = await server.request<{ units: Unit[] }>('GET', `/api/assessment?period=${period}&county=${county.code}`, {
        token: cityToken,
      });
      await table.locator(`tr[data-unit="${county.code}"] button.as-link`).first().click();
      await city.waitForURL((url) => url.hash.includes(`county=${county.code}`));
      const detail = city.getByTestId('county-detail');
      await detail.getByTestId('chart-radar').locator('canvas').waitFor();
      await expect.poll(() => detail.getByTestId('school-table').locator('tbody tr').count()).toBe(schools.body.units.length);
      await city.screenshot({ path: await artifactPath('assessment-city.png'), fullPage: true });

      // The bulletin of the quarter: progress to 100, then a PDF to download.
      const posted = city.waitForResponse(
        (response) => response.url().endsWith('/api/bulletins') && response.request().method() === 'POST',
      );
      await city.getByRole('button', { name: '生成通报' }).click();
      const bulletin = (await (await posted).json()) as { id: string };
      const row = city.locator(`[data-bulletin="${bulletin.id}"]`);
      await expect.poll(() => row.getByTestId('bulletin-percent').textContent(), { timeout: 120_000 }).toBe('100%');
      const pdf = row.getByTestId('bulletin-pdf');
      await pdf.waitFor();
      const href = await pdf.getAttribute('href');
      expect(href).toBe(`/api/bulletins/${bulletin.id}/pdf`);
      const head = await city.evaluate(async (url) => {
        const response = await fetch(url);
        return new TextDecoder().decode((await response.arrayBuffer()).slice(0, 4));
      }, href!);
      expect(head).toBe('%PDF');

      // A county user: its own county only.
      const own = counties[1]!;
      const countyPage = await open(`county.${own.code}`);
      const ownTable = countyPage.getByTestId('county-table');
      await expect.poll(() => ownTable.locator('tbody tr').count()).toBe(1);
      expect(await ownTable.locator('tbody tr').getAttribute('data-unit')).toBe(own.code);
      expect(await ownTable.locator('[data-testid="unit-score"]').textContent()).toBe(shownScore(own.score));
      await countyPage.getByTestId('county-detail').waitFor();
      await countyPage.screenshot({ path: await artifactPath('assessment-county.png'), fullPage: true });
    } finally {
      await pages.closeAll();
    }
  });
});
