// The big screen of a province operator, on a province of two cities: it opens on the cities, shaded and
// labelled with their canteens and high-risk counts as the API counts them, ranked as cities, and no canteen
// point is fetched for the whole province. A click on a city drills into it: its counties, its canteens on
// the map (fetched for that city only) and its own figures; a county of it drills further, with its alert
// feed; and the way back returns to the cities.
import type { Page, Request } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { CHENGDE_CODE } from '../../fixtures/chengde';
import { recomputeRisk } from '../../server/risk/commands/recomputeRisk';
import { artifactPath, loggedInPages, mapSettled, useBrowserWithTestServer, WALL_SCREEN } from '../support/browser';
import { TEST_PASSWORD } from '../support/test-server';
import { generateTwoCityRegion, ZHANGJIAKOU_CODE } from '../support/two-city-region';

const XL = '130822';

interface Child {
  code: string;
  name: string;
  canteens: number;
  grades: { C: number; D: number };
}

describe('the big screen of a province', () => {
  const rig = useBrowserWithTestServer({ dataset: generateTwoCityRegion(24) });
  const pages = loggedInPages(rig, TEST_PASSWORD);
  let cities: Child[] = [];

  beforeAll(async () => {
    const server = rig.server;
    // Graded canteens: the cities' high-risk counts are something to compare.
    await recomputeRisk(server.server.ctx);
    const token = await server.login('province.duty');
    cities = (await server.request<{ items: Child[] }>('GET', '/api/dashboard/children', { token })).body.items;
    expect(cities.map((city) => city.code)).toEqual([ZHANGJIAKOU_CODE, CHENGDE_CODE]);
  });

  /** Requests for the map's canteen points, as the page makes them. */
  const canteenRequests = (page: Page) => {
    const seen: string[] = [];
    page.on('request', (request: Request) => {
      const url = new URL(request.url());
      if (url.pathname === '/api/dashboard/canteens') seen.push(url.search);
    });
    return seen;
  };

  it('opens on the cities, drills into a city and one of its counties, and comes back', async () => {
    const page = await pages.open('province.duty', '/bigscreen', { context: WALL_SCREEN, timeout: 60_000 });
    const canteenFetches = canteenRequests(page);
    const map = page.getByTestId('bigscreen-map');
    await map.and(page.locator('[data-ready="1"]')).waitFor();
    await mapSettled(map);

    // The province's own screen: its cities, each with its figures, and no canteen points at all.
    await expect.poll(() => page.locator('.bs-header h1').textContent()).toContain('河北省');
    const labels = page.locator('.bs-county-label[data-level="city"]');
    expect(await labels.evaluateAll((found) => found.map((label) => (label as HTMLElement).dataset.county))).toEqual(
      cities.map((city) => city.code),
    );
    for (const city of cities) {
      const totals = page.locator(`.bs-county-label[data-county="${city.code}"] [data-testid="city-totals"]`);
      expect(await totals.textContent(), city.name).toBe(`食堂 ${city.canteens} · C/D级 ${city.grades.C + city.grades.D}`);
    }
    expect(await map.getAttribute('data-canteens')).toBe('0');
    expect(canteenFetches).toEqual([]);
    await expect.poll(() => page.locator('.bs-ranking-panel h2').textContent()).toBe('城市排名');
    expect(await page.getByTestId('bigscreen-back').count()).toBe(0);
    await page.screenshot({ path: await artifactPath('bigscreen-province.png') });

    // Into 承德市: its counties on the map, its canteens (and only its) as points, its name on the screen.
    const chengde = cities.find((city) => city.code === CHENGDE_CODE)!;
    await page.locator(`.bs-county-label[data-county="${CHENGDE_CODE}"]`).click();
    await expect.poll(() => page.locator('.bs-header h1').textContent()).toContain('承德市');
    const drilled = page.getByTestId('bigscreen-map');
    await drilled.and(page.locator('[data-ready="1"]')).waitFor();
    await expect.poll(() => drilled.getAttribute('data-canteens')).toBe(String(chengde.canteens));
    // A new map for the city (its own outlines, fitted anew): settled from its own first idle.
    await mapSettled(drilled);
    expect(
      await page
        .locator('.bs-county-label[data-level="county"]')
        .evaluateAll((found) => found.map((label) => (label as HTMLElement).dataset.county)),
    ).toEqual([XL, '130824']);
    expect(canteenFetches).toEqual([`?county=${CHENGDE_CODE}`]);
    await expect.poll(() => page.locator('.bs-ranking-panel h2').textContent()).toBe('区县排名');
    const back = page.getByTestId('bigscreen-back');
    expect(await back.textContent()).toBe('返回河北省');

    // Into 兴隆县 of it: the county panel and the feed of that county.
    await page.locator(`.bs-county-label[data-county="${XL}"]`).click();
    await expect.poll(() => page.getByTestId('county-panel').getAttribute('data-county')).toBe(XL);
    await expect.poll(() => page.locator('.bs-feed-panel h2').textContent()).toContain('兴隆县');
    await page.screenshot({ path: await artifactPath('bigscreen-province-county.png') });

    // And back to the province's cities.
    await back.click();
    await expect.poll(() => page.locator('.bs-header h1').textContent()).toContain('河北省');
    await page.getByTestId('bigscreen-map').and(page.locator('[data-ready="1"]')).waitFor();
    await expect.poll(() => page.locator('.bs-county-label[data-level="city"]').count()).toBe(2);
    expect(await page.getByTestId('bigscreen-map').getAttribute('data-canteens')).toBe('0');
    expect(await page.getByTestId('county-panel').count()).toBe(0);
    await pages.closeAll();
  });

  it("answers a city operator's request for the other city with 404", async () => {
    const server = rig.server;
    const token = await server.login('city.duty');
    for (const path of ['/api/dashboard/summary', '/api/dashboard/canteens', '/api/dashboard/counties']) {
      const response = await server.request('GET', `${path}?county=${ZHANGJIAKOU_CODE}`, { token });
      expect(response.status, path).toBe(404);
    }
  });
});
