// The city big screen in a real browser (WebGL through SwiftShader): the map draws the 11 counties and every
// canteen in its grade's colour (pixels checked, the screenshot kept as tests/artifacts/bigscreen-map.png);
// the headline figures are the API's; a new alert and a new task change them, and the alert tops the feed
// with its snapshot, without a reload; a county click zooms to it and a canteen click opens its card. Nothing
// is fetched from outside the server, and the page throws nothing.
import { writeFile } from 'node:fs/promises';
import type { Browser, Locator, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServiceToken } from '../../server/auth/commands/createServiceToken';
import { systemActor } from '../../server/policy/actor';
import { jpegWithExif, upload } from '../support/images';
import { artifactPath, launchBrowser, loginThroughForm, mapSettled, newWatchedContext, type WatchedContext } from '../support/browser';
import { startTestServer, TEST_PASSWORD, type TestServer } from '../support/test-server';

const XL = '130822';
const GRADES = ['A', 'B', 'C', 'D'] as const;
// The map's colours (desktop/renderer/src/pages/bigscreen/map/colors.ts).
const GRADE_RGB: Record<(typeof GRADES)[number], [number, number, number]> = {
  A: [0x2e, 0xcc, 0x71],
  B: [0x3f, 0xa9, 0xff],
  C: [0xf5, 0xb8, 0x3d],
  D: [0xff, 0x5a, 0x5f],
};
const COUNTY_OUTLINE: [number, number, number] = [0x8f, 0xe3, 0xff];
const TOLERANCE = 14;

interface Pixels {
  data: Buffer;
  width: number;
  height: number;
}

const near = (pixels: Pixels, x: number, y: number, [r, g, b]: [number, number, number]) => {
  const i = (y * pixels.width + x) * 3;
  return (
    Math.abs(pixels.data[i]! - r) <= TOLERANCE &&
    Math.abs(pixels.data[i + 1]! - g) <= TOLERANCE &&
    Math.abs(pixels.data[i + 2]! - b) <= TOLERANCE
  );
};

function countColour(pixels: Pixels, colour: [number, number, number]): number {
  let count = 0;
  for (let y = 0; y < pixels.height; y += 1) for (let x = 0; x < pixels.width; x += 1) if (near(pixels, x, y, colour)) count += 1;
  return count;
}

/** Centres of dots of a colour: pixels whose 5×5 neighbourhood is all that colour. */
function dotCentres(pixels: Pixels, colour: [number, number, number]): Array<{ x: number; y: number }> {
  const found: Array<{ x: number; y: number }> = [];
  for (let y = 2; y < pixels.height - 2; y += 1) {
    for (let x = 2; x < pixels.width - 2; x += 1) {
      let solid = true;
      for (let dy = -2; dy <= 2 && solid; dy += 1)
        for (let dx = -2; dx <= 2 && solid; dx += 1) solid = near(pixels, x + dx, y + dy, colour);
      if (solid && !found.some((p) => Math.abs(p.x - x) < 8 && Math.abs(p.y - y) < 8)) found.push({ x, y });
    }
  }
  return found;
}

/** A screenshot of the map with the HTML overlays (labels, legend, panels) blacked out, as raw RGB. */
async function mapPixels(page: Page, map: Locator): Promise<Pixels> {
  const png = await map.screenshot({
    mask: [page.locator('.bs-county-label'), page.locator('.bs-legend'), page.locator('.bs-county'), page.locator('.bs-card')],
    maskColor: '#000000',
  });
  const { data, info } = await sharp(png).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}

const percent = (ratio: number | null) => (ratio === null ? '—' : `${(ratio * 100).toFixed(1)}%`);

describe('the city big screen', () => {
  let server: TestServer;
  let browser: Browser;
  let duty: string;
  let analytics: string;
  let relay: string;
  const gradeOf = new Map<string, (typeof GRADES)[number]>();

  const summary = async () => (await server.request('GET', '/api/dashboard/summary', { token: duty })).body;
  const raise = async (cameraId: string, category: string, snapshotId?: string) => {
    const response = await server.request('POST', '/api/alerts', {
      token: analytics,
      body: { source: 'ai', category, cameraId, confidence: 0.9, snapshotId, idempotencyKey: `bigscreen-${category}-${cameraId}` },
    });
    expect(response.status, response.text).toBe(201);
    return response.body.alert.id as string;
  };
  const dispatch = async (assignee: string) => {
    const response = await server.request('POST', '/api/tasks', {
      token: duty,
      body: { title: '后厨卫生整改', assignee, deadlineHours: 48 },
    });
    expect(response.status, response.text).toBe(201);
  };

  beforeAll(async () => {
    server = await startTestServer({ canteens: 60 });
    browser = await launchBrowser();
    duty = await server.login('city.duty');
    analytics = (await createServiceToken(server.server.ctx, { actor: systemActor('test') }, { name: 'analytics-bs', kind: 'analytics' }))
      .token;
    relay = (await createServiceToken(server.server.ctx, { actor: systemActor('test') }, { name: 'relay-bs', kind: 'relay' })).token;
    expect((await server.request('POST', '/api/risk/recompute', { token: await server.login('city.admin') })).status).toBe(200);
    // A spread of grades, so that every grade colour has points to find on the map.
    for (const [index, canteen] of server.dataset.canteens.entries()) {
      const grade = GRADES[index % GRADES.length]!;
      gradeOf.set(canteen.id, grade);
      await server.db('canteen_risk').where({ canteen_id: canteen.id }).update({ grade });
    }
    // Something to count before the page opens: two alerts, a task, three cameras online.
    const cameras = server.dataset.cameras;
    await raise(cameras[0]!.id, 'no_mask');
    await raise(cameras[5]!.id, 'smoking');
    await dispatch(XL);
    for (const camera of cameras.slice(0, 3)) {
      const reported = await server.request('POST', `/api/cameras/${camera.id}/status`, {
        token: relay,
        body: { status: 'online', observedAt: new Date().toISOString() },
      });
      expect(reported.status).toBe(200);
    }
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  let watched: WatchedContext;
  let page: Page;

  it('draws the 11 counties and every canteen in the colour of its grade', async () => {
    watched = await newWatchedContext(browser, server.url);
    page = await watched.newPage();
    await loginThroughForm(page, server.url, 'city.duty', TEST_PASSWORD, '/bigscreen');
    await expect.poll(() => page.url()).toContain('#/bigscreen');
    const map = page.getByTestId('bigscreen-map');
    await map.and(page.locator('[data-ready="1"]')).waitFor({ timeout: 60_000 });
    expect(await map.getAttribute('data-counties')).toBe('11');
    expect(await map.getAttribute('data-canteens')).toBe(String(server.dataset.canteens.length));
    // maplibre draws in animation frames after its last data event: wait for the last one to land.
    await mapSettled(map);

    // Kept for people to look at, as the screen shows it; the pixels are counted without the HTML over the map.
    await writeFile(await artifactPath('bigscreen-map.png'), await map.screenshot());
    const pixels = await mapPixels(page, map);
    // The county outlines: 11 polygons' borders, two pixels wide.
    expect(countColour(pixels, COUNTY_OUTLINE)).toBeGreaterThan(3000);
    // Every grade's points: at least half the dots of each grade visible (some overlap or hide under a label).
    for (const grade of GRADES) {
      const canteens = [...gradeOf.values()].filter((g) => g === grade).length;
      const dots = dotCentres(pixels, GRADE_RGB[grade]).length;
      expect(dots, `grade ${grade}: ${canteens} canteens`).toBeGreaterThanOrEqual(Math.floor(canteens / 2));
      expect(dots, `grade ${grade}`).toBeLessThanOrEqual(canteens);
    }
  });

  it("shows the API's figures, each leading to its records", async () => {
    const { kpis } = await summary();
    const text = (name: string) => page.getByTestId(`kpi-${name}`).textContent();
    await expect.poll(() => text('alertsToday')).toBe(String(kpis.alertsToday));
    expect(kpis.alertsToday).toBe(2);
    expect(await text('openTasks')).toBe(String(kpis.openTasks));
    expect(kpis.openTasks).toBe(1);
    expect(await text('overdueTasks')).toBe(String(kpis.overdueTasks));
    expect(await text('patrolDone')).toBe(String(kpis.patrol.done));
    expect(await text('patrolPassRate')).toBe(percent(kpis.patrol.passRateToday));
    expect(await text('camerasOnline')).toBe(String(kpis.cameras.online));
    expect(kpis.cameras.online).toBe(3);

    const link = (name: string) => page.getByTestId(`kpi-${name}`).locator('xpath=ancestor::a').getAttribute('href');
    expect(await link('alertsToday')).toBe('#/desk?tab=alerts');
    expect(await link('openTasks')).toBe('#/desk?tab=tasks&state=open');
    expect(await link('overdueTasks')).toBe('#/desk?tab=tasks&overdue=1');
    expect(await link('camerasOnline')).toBe('#/wall?status=offline');
    expect(await page.getByRole('link', { name: '兴隆县' }).getAttribute('href')).toBe(`#/desk?tab=tasks&county=${XL}`);

    const feed = page.getByTestId('alert-feed');
    expect(await feed.locator('[data-alert-id]').count()).toBe(2);
  });

  it('counts a new alert and a new task, and shows the alert first in the feed with its snapshot, without a reload', async () => {
    await page.evaluate(() => ((window as unknown as { stillHere: boolean }).stillHere = true));
    const before = (await summary()).kpis;
    const camera = server.dataset.cameras[10]!;
    const school = server.dataset.schools.find((s) => s.id === camera.schoolId)!;
    const snapshot = await upload(server.url, analytics, await jpegWithExif(320, 180), { node: school.code, purpose: 'snapshot' });
    expect(snapshot.status).toBe(201);
    const alertId = await raise(camera.id, 'rodent', snapshot.body.id);
    await dispatch(school.code);

    await expect.poll(() => page.getByTestId('kpi-alertsToday').textContent(), { timeout: 15_000 }).toBe(String(before.alertsToday + 1));
    await expect.poll(() => page.getByTestId('kpi-openTasks').textContent(), { timeout: 15_000 }).toBe(String(before.openTasks + 1));
    const first = page.getByTestId('alert-feed').locator('[data-alert-id]').first();
    await expect.poll(() => first.getAttribute('data-alert-id')).toBe(alertId);
    expect(await first.getAttribute('href')).toBe(`#/desk?tab=alerts&alert=${alertId}`);
    const thumb = first.locator('img');
    expect(await thumb.getAttribute('src')).toBe(`/api/attachments/${snapshot.body.id}/thumb`);
    await expect.poll(() => thumb.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
    expect(await page.evaluate(() => (window as unknown as { stillHere?: boolean }).stillHere)).toBe(true);
  });

  it('zooms to a county on click and opens a canteen card with its grade, cameras and ledger warnings', async () => {
    const map = page.getByTestId('bigscreen-map');
    const idle = await mapSettled(map);
    await page.locator(`.bs-county-label[data-county="${XL}"]`).click();
    await expect.poll(() => map.getAttribute('data-selected-county')).toBe(XL);
    await expect.poll(() => page.getByTestId('county-panel').getAttribute('data-county')).toBe(XL);
    await mapSettled(map, idle); // the zoom's animation has ended
    const pixels = await mapPixels(page, map);
    const dots = GRADES.flatMap((grade) => dotCentres(pixels, GRADE_RGB[grade]).map((dot) => ({ ...dot, grade })));
    expect(dots.length).toBeGreaterThan(0);
    const box = (await map.boundingBox())!;
    const dot = dots[0]!;
    await page.mouse.click(box.x + dot.x, box.y + dot.y);
    const card = page.getByTestId('canteen-card');
    await card.waitFor();
    const canteenId = (await card.getAttribute('data-canteen'))!;
    expect(gradeOf.get(canteenId)).toBe(dot.grade);
    await expect.poll(() => card.getByTestId('canteen-grade').textContent()).toBe(`${dot.grade}级`);
    await expect.poll(() => card.getByText('暂无台账预警').count()).toBe(1);
    const cameras = server.dataset.cameras.filter((c) => c.canteenId === canteenId);
    if (cameras.length > 0) expect(await card.locator('.video-tile').count()).toBe(Math.min(2, cameras.length));
    expect(await card.getByRole('link', { name: '发起网络巡查' }).getAttribute('href')).toBe(`#/patrol?canteen=${canteenId}`);
    await card.getByRole('button', { name: '关闭' }).click();
    await expect.poll(() => card.count()).toBe(0);
  });

  it('fetched nothing from outside the server and threw nothing', async () => {
    expect(watched.foreignRequests).toEqual([]);
    expect(watched.pageErrors).toEqual([]);
    await watched.context.close();
  });
});
