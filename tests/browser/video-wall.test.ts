// The video wall in a real browser against `npm start` with the demo: the embedded relay pulls the simulated
// RTSP cameras, and the county of the demo logins watches four of them on a 4-tile wall. A tile must show a
// moving picture (its frame counter grows and two screenshots a moment apart differ), a snapshot must come
// back as an image the page shows, and nothing may be fetched from outside the server.
import type { Browser, Locator } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { artifactPath, launchBrowser, loginThroughForm, newWatchedContext } from '../support/browser';
import { freePort, startServerProcess, type ServerProcess } from '../support/server-process';
import { waitUntil } from '../support/sockets';
import { createStore, type Store } from '../support/store';
import { loginAt, request } from '../support/test-server';

const PASSWORD = 'wall-Video-1';
const COUNTY = 'county.130822';

type Camera = { id: string; name: string; area: string; status: string; connected: boolean };

/** The share of pixels that changed between two PNG screenshots of the same element. */
async function changedShare(first: Buffer, second: Buffer): Promise<number> {
  const [a, b] = await Promise.all([first, second].map((png) => sharp(png).removeAlpha().raw().toBuffer({ resolveWithObject: true })));
  expect(a!.info.width).toBe(b!.info.width);
  let changed = 0;
  const pixels = a!.info.width * a!.info.height;
  for (let pixel = 0; pixel < pixels; pixel += 1) {
    const at = pixel * 3;
    const delta =
      Math.abs(a!.data[at]! - b!.data[at]!) + Math.abs(a!.data[at + 1]! - b!.data[at + 1]!) + Math.abs(a!.data[at + 2]! - b!.data[at + 2]!);
    if (delta > 24) changed += 1;
  }
  return changed / pixels;
}

const framesOf = async (tile: Locator) => Number((await tile.locator('.video-tile').getAttribute('data-frames')) ?? 0);

describe('the video wall', () => {
  let store: Store;
  let server: ServerProcess | undefined;
  let browser: Browser;

  beforeAll(async () => {
    store = await createStore();
    server = await startServerProcess({
      ...store.env,
      PORT: String(await freePort()),
      DEMO_PASSWORD: PASSWORD,
      RELAY: 'embedded',
      SIMULATED_CAMERAS: 'auto',
      SIMULATED_CAMERA_PORT: '0',
    });
    browser = await launchBrowser();
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop('SIGTERM');
    await store?.dispose();
  });

  it('plays the county’s demo cameras live on a 4-tile wall and keeps a snapshot', { timeout: 180_000 }, async () => {
    await waitUntil(() => server!.stdout().includes('Demo logins'), 90_000, 'the demo banner');
    const token = await loginAt(server!.url, COUNTY, PASSWORD);
    let online: Camera[] = [];
    await waitUntil(
      async () => {
        const page = await request<{ items: Camera[] }>(server!.url, 'GET', '/api/cameras?status=online&pageSize=100', { token });
        online = page.body.items;
        return online.length >= 4;
      },
      90_000,
      'four demo cameras online',
    );
    // The kitchen camera (a pan over a photo with people) first: its picture moves all the time.
    const chosen = [...online].sort((a, b) => Number(b.area === 'cooking') - Number(a.area === 'cooking')).slice(0, 4);

    const watched = await newWatchedContext(browser, server!.url);
    const page = await watched.newPage();
    await loginThroughForm(page, server!.url, COUNTY, PASSWORD, `/wall?cameras=${chosen.map((camera) => camera.id).join(',')}`);
    await expect.poll(() => page.url()).toContain('#/wall');

    // The link's cameras fill a 4-tile layout, in order, each marked online.
    await expect.poll(() => page.getByRole('button', { name: '4 画面' }).getAttribute('aria-pressed')).toBe('true');
    const tiles = page.getByTestId('wall-tile');
    await expect.poll(() => tiles.count()).toBe(4);
    for (const [index, camera] of chosen.entries()) {
      await expect.poll(() => tiles.nth(index).getAttribute('data-camera')).toBe(camera.id);
    }
    const first = tiles.nth(0);
    await expect.poll(() => first.locator('.video-tile').getAttribute('data-status')).toBe('online');
    await expect.poll(() => first.getByText('在线').count()).toBeGreaterThan(0);

    // Moving video: the frame counter grows, and the picture changes between two screenshots.
    await expect.poll(() => framesOf(first), { timeout: 30_000 }).toBeGreaterThan(25);
    await expect.poll(() => first.locator('.video-tile').getAttribute('data-format')).toBe('mpegts');
    const framesBefore = await framesOf(first);
    const video = first.locator('video');
    const before = await video.screenshot();
    await page.waitForTimeout(1500);
    const after = await video.screenshot();
    expect(await framesOf(first)).toBeGreaterThan(framesBefore);
    expect(await changedShare(before, after)).toBeGreaterThan(0.01);
    // Every tile plays, not just the first.
    for (let index = 1; index < 4; index += 1) {
      await expect.poll(() => framesOf(tiles.nth(index)), { timeout: 30_000 }).toBeGreaterThan(5);
    }
    await page.screenshot({ path: await artifactPath('video-wall.png') });

    // A snapshot of the first tile comes back as an attachment the page shows and offers to download.
    await first.getByRole('button', { name: '抓拍' }).click();
    const snapshot = page.getByTestId('wall-snapshot');
    await expect.poll(() => snapshot.count(), { timeout: 20_000 }).toBe(1);
    const image = snapshot.locator('img');
    await expect
      .poll(() => image.evaluate((element: HTMLImageElement) => element.complete && element.naturalWidth), { timeout: 10_000 })
      .toBeGreaterThan(100);
    const attachment = await snapshot.getAttribute('data-attachment');
    expect(await snapshot.getByRole('link', { name: '下载抓拍' }).getAttribute('href')).toBe(`/api/attachments/${attachment}`);
    const stored = await fetch(`${server!.url}/api/attachments/${attachment}`, { headers: { authorization: `Bearer ${token}` } });
    expect(stored.headers.get('content-type')).toBe('image/jpeg');

    // One tile full screen by double-click; Escape brings the wall back.
    await first.dblclick();
    await expect.poll(() => first.getAttribute('class')).toContain('fullscreen');
    await page.keyboard.press('Escape');
    await expect.poll(() => first.getAttribute('class')).not.toContain('fullscreen');

    // The layout and tiles are kept for this screen: a reload without the link shows the same wall.
    await page.goto(`${server!.url}/#/wall`);
    await page.reload();
    await expect.poll(() => page.getByTestId('wall-tile').count()).toBe(4);
    await expect.poll(() => page.getByTestId('wall-tile').nth(0).getAttribute('data-camera')).toBe(chosen[0]!.id);

    expect(watched.foreignRequests).toEqual([]);
    expect(watched.pageErrors).toEqual([]);
    await watched.context.close();
  });
});
