// The big screen as a county sees it and as the city drills into a county, on a 1920×1080 wall screen. A
// county user (兴隆县) has no way up to the city, one camera online rate written alike on the map, the
// headline figure and the county panel, and its canteens ranked by risk instead of a ranking of itself. The
// city's alert feed follows a drill into a county and shows everything again back at the city. At the
// city view the legend covers no county (兴隆县 lies in the south, next to it), and an emergency report's
// banner leaves the navigation uncovered and usable.
import type { Locator, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { createServiceToken } from '../../server/auth/commands/createServiceToken';
import { systemActor } from '../../server/policy/actor';
import { artifactPath, intersect, loggedInPages, mapSettled, useBrowserWithTestServer, type Box } from '../support/browser';
import { TEST_PASSWORD } from '../support/test-server';

const XL = '130822';

/** A rate as the screen writes it (desktop/renderer/src/format/time.ts formatPercent). */
const percent = (ratio: number | null) => (ratio === null ? '—' : `${(ratio * 100).toFixed(1)}%`);

/** Every [lng, lat] of a GeoJSON geometry's coordinates. */
function positions(coordinates: unknown): Array<[number, number]> {
  if (!Array.isArray(coordinates)) return [];
  if (typeof coordinates[0] === 'number') return [coordinates as [number, number]];
  return coordinates.flatMap(positions);
}

const mercatorY = (lat: number) => Math.log(Math.tan(Math.PI / 4 + (lat * Math.PI) / 360));

/**
 * A geometry's bounding box on the page: the map shows the longitudes and latitudes of data-bounds across its
 * element (Web Mercator, no rotation).
 */
async function screenBox(map: Locator, geometry: { coordinates: unknown }): Promise<Box> {
  const [[west, south], [east, north]] = JSON.parse((await map.getAttribute('data-bounds'))!) as [[number, number], [number, number]];
  const element = (await map.boundingBox())!;
  const x = (lng: number) => element.x + ((lng - west) / (east - west)) * element.width;
  const y = (lat: number) => element.y + ((mercatorY(north) - mercatorY(lat)) / (mercatorY(north) - mercatorY(south))) * element.height;
  const points = positions(geometry.coordinates);
  const xs = points.map(([lng]) => x(lng));
  const ys = points.map(([, lat]) => y(lat));
  return { x: Math.min(...xs), y: Math.min(...ys), width: Math.max(...xs) - Math.min(...xs), height: Math.max(...ys) - Math.min(...ys) };
}

async function openBigScreen(pages: ReturnType<typeof loggedInPages>, username: string): Promise<{ page: Page; map: Locator }> {
  const page = await pages.open(username, '/bigscreen', { timeout: 60_000 });
  const map = page.getByTestId('bigscreen-map');
  await map.and(page.locator('[data-ready="1"]')).waitFor();
  await mapSettled(map);
  return { page, map };
}

describe('the big screen of a county, and a county drilled into from the city', () => {
  const rig = useBrowserWithTestServer({ canteens: 40 });
  const pages = loggedInPages(rig, TEST_PASSWORD);
  const alertIds = { inXl: [] as string[], elsewhere: [] as string[] };

  beforeAll(async () => {
    const server = rig.server;
    const actor = { actor: systemActor('test') };
    const analytics = (await createServiceToken(server.server.ctx, actor, { name: 'analytics-county', kind: 'analytics' })).token;
    const relay = (await createServiceToken(server.server.ctx, actor, { name: 'relay-county', kind: 'relay' })).token;
    expect((await server.request('POST', '/api/risk/recompute', { token: await server.login('city.admin') })).status).toBe(200);
    const countyOf = new Map(server.dataset.schools.map((school) => [school.id, school.countyCode]));
    const inXl = server.dataset.cameras.filter((camera) => countyOf.get(camera.schoolId) === XL);
    const elsewhere = server.dataset.cameras.filter((camera) => countyOf.get(camera.schoolId) !== XL);
    // One of the county's cameras online: a rate with a fraction, which rounding to whole percent would lose.
    const online = await server.request('POST', `/api/cameras/${inXl[0]!.id}/status`, {
      token: relay,
      body: { status: 'online', observedAt: new Date().toISOString() },
    });
    expect(online.status).toBe(200);
    // Alerts in 兴隆县 and in other counties, for the feed to tell apart.
    const raise = async (cameraId: string, category: string) => {
      const response = await server.request('POST', '/api/alerts', {
        token: analytics,
        body: { source: 'ai', category, cameraId, confidence: 0.9, idempotencyKey: `county-${category}-${cameraId}` },
      });
      expect(response.status, response.text).toBe(201);
      return response.body.alert.id as string;
    };
    alertIds.inXl.push(await raise(inXl[0]!.id, 'no_mask'), await raise(inXl[1]!.id, 'smoking'));
    alertIds.elsewhere.push(await raise(elsewhere[0]!.id, 'no_mask'), await raise(elsewhere[elsewhere.length - 1]!.id, 'rodent'));
  });

  it('shows a county user its county with no way up to the city, one online rate, and its canteens ranked by risk', async () => {
    const server = rig.server;
    const token = await server.login(`county.${XL}`);
    const [{ body: counties }, { body: risks }] = await Promise.all([
      server.request('GET', '/api/dashboard/counties', { token }),
      server.request('GET', '/api/risk/canteens?pageSize=20', { token }),
    ]);
    expect(counties.items).toHaveLength(1);
    const rate = percent(counties.items[0].cameras.onlineRate);
    expect(rate).not.toMatch(/\.0%$/);

    const { page } = await openBigScreen(pages, `county.${XL}`);
    // The county is shown as chosen from the start, with its figures, and nothing leads above it.
    const panel = page.getByTestId('county-panel');
    await expect.poll(() => panel.getAttribute('data-county')).toBe(XL);
    expect(await page.getByRole('button', { name: '返回全市' }).count()).toBe(0);

    // One figure, written alike everywhere it stands.
    const label = page.locator(`.bs-county-label[data-county="${XL}"] .bs-county-rate`);
    await expect.poll(() => label.textContent()).toBe(`在线率 ${rate}`);
    const panelRate = panel.getByRole('link', { name: /摄像头在线率/ }).locator('.bs-figure-value');
    expect(await panelRate.textContent()).toBe(rate);
    const kpi = page.getByTestId('kpi-camerasOnline').locator('xpath=..').locator('.bs-kpi-sub');
    expect(await kpi.textContent()).toContain(rate);

    // No one-bar ranking of the county against itself: its canteens, riskiest first, as the risk API ranks them.
    expect(await page.getByTestId('chart-ranking').count()).toBe(0);
    const ranking = page.getByTestId('canteen-ranking');
    const rows = ranking.locator('[data-canteen]');
    await expect.poll(() => rows.count()).toBe(risks.items.length);
    expect(risks.items.length).toBeGreaterThan(1);
    const shown = await rows.evaluateAll((buttons) => buttons.map((button) => (button as HTMLElement).dataset.canteen));
    expect(shown).toEqual(risks.items.map((row: { canteen: { id: string } }) => row.canteen.id));
    // A canteen in the ranking opens its card on the map.
    await rows.first().click();
    await expect.poll(() => page.getByTestId('canteen-card').getAttribute('data-canteen')).toBe(shown[0]);
    await page.screenshot({ path: await artifactPath('bigscreen-county.png') });
    await pages.closeAll();
  });

  it('keeps the city view clear of the legend, follows a drill with the alert feed, and back', async () => {
    const server = rig.server;
    const token = await server.login('city.duty');
    const { body: boundaries } = await server.request('GET', '/api/jurisdictions/boundaries', { token });
    const counties = (
      boundaries.features as Array<{ properties: { code: string; name: string; level: string }; geometry: unknown }>
    ).filter((feature) => feature.properties.level === 'county');
    expect(counties).toHaveLength(11);

    const { page, map } = await openBigScreen(pages, 'city.duty');
    // No county lies under the legend at the city view (兴隆县, in the south, was the one it covered).
    const legend = (await page.locator('.bs-legend').boundingBox())!;
    for (const county of counties) {
      const box = await screenBox(map, county.geometry as { coordinates: unknown });
      expect(intersect(box, legend), `${county.properties.name} under the legend`).toBe(false);
    }
    const xlLabel = (await page.locator(`.bs-county-label[data-county="${XL}"]`).boundingBox())!;
    expect(intersect(xlLabel, legend)).toBe(false);
    await page.screenshot({ path: await artifactPath('bigscreen-legend.png') });

    // The feed holds the alerts of every county: each shown as "<兴隆县 or other>:<alert id>", sorted.
    const feed = async () =>
      (
        await page
          .getByTestId('alert-feed')
          .locator('[data-alert-id]')
          .evaluateAll((items) => items.map((item) => [(item as HTMLElement).dataset.county, (item as HTMLElement).dataset.alertId]))
      )
        .map(([county, id]) => `${county === XL ? XL : 'other'}:${id}`)
        .sort();
    const inXl = alertIds.inXl.map((id) => `${XL}:${id}`).sort();
    const all = [...inXl, ...alertIds.elsewhere.map((id) => `other:${id}`)].sort();
    await expect.poll(feed).toEqual(all);

    // Drilled into 兴隆县: only its alerts, under its name, and 全部预警 leads to its alerts at the desk.
    const idle = Number(await map.getAttribute('data-idle'));
    await page.locator(`.bs-county-label[data-county="${XL}"]`).click();
    await expect.poll(() => page.getByTestId('county-panel').getAttribute('data-county')).toBe(XL);
    await expect.poll(feed).toEqual(inXl);
    const feedPanel = page.locator('.bs-feed-panel');
    expect(await feedPanel.locator('h2').textContent()).toContain('实时预警 · 兴隆县');
    expect(await feedPanel.getByRole('link', { name: '全部预警' }).getAttribute('href')).toBe(`#/desk?tab=alerts&county=${XL}`);
    // Zoomed in, the county stays clear of its panel and of the legend.
    await mapSettled(map, idle);
    const xl = await screenBox(map, counties.find((county) => county.properties.code === XL)!.geometry as { coordinates: unknown });
    expect(intersect(xl, (await page.getByTestId('county-panel').boundingBox())!)).toBe(false);
    expect(intersect(xl, (await page.locator('.bs-legend').boundingBox())!)).toBe(false);

    // Back at the city, the feed shows every county again.
    await page.getByRole('button', { name: '返回全市' }).click();
    await expect.poll(feed).toEqual(all);
    expect(await feedPanel.locator('h2').textContent()).not.toContain('兴隆县');
    await pages.closeAll();
  });

  it('shows an emergency report above the navigation, not over it', async () => {
    const server = rig.server;
    const school = server.dataset.schools.find((candidate) => candidate.countyCode === XL)!;
    const { page } = await openBigScreen(pages, 'city.duty');
    const report = await server.request('POST', '/api/ledgers/entries', {
      token: await server.login(`school.${school.code}`),
      body: {
        kind: 'emergency_report',
        payload: {
          type: 'suspected_food_poisoning',
          occurredAt: server.clock.now().toISOString(),
          affected: 5,
          description: '午餐后多名学生腹痛',
          measures: '已采取处置措施',
        },
      },
    });
    expect(report.status).toBe(201);
    const banner = page.getByTestId('emergency-banner');
    await banner.locator(`[data-report="${report.body.id}"]`).waitFor();

    const nav = page.locator('.topbar nav');
    const [bannerBox, navBox] = [(await banner.boundingBox())!, (await nav.boundingBox())!];
    expect(intersect(bannerBox, navBox)).toBe(false);
    expect(bannerBox.y + bannerBox.height).toBeLessThanOrEqual(navBox.y);
    // The navigation still answers where it is drawn: its links are what lies under them.
    for (const link of await nav.getByRole('link').all()) {
      const box = (await link.boundingBox())!;
      const hit = await page.evaluate(({ x, y }) => document.elementFromPoint(x, y)?.closest('nav a')?.textContent ?? null, {
        x: box.x + box.width / 2,
        y: box.y + box.height / 2,
      });
      expect(hit).toBe(await link.textContent());
    }
    // The big screen below still fits the window.
    const screen = (await page.getByTestId('bigscreen').boundingBox())!;
    expect(screen.y).toBeGreaterThanOrEqual(navBox.y + navBox.height);
    expect(screen.y + screen.height).toBeLessThanOrEqual(1080 + 1);
    await page.screenshot({ path: await artifactPath('bigscreen-emergency.png') });
    await page.getByRole('link', { name: '调度台' }).click();
    await expect.poll(() => page.url()).toContain('#/desk');
    await pages.closeAll();
  });
});
