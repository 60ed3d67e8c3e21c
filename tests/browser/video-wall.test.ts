// The video wall in a real browser against `npm start` with the demo: the embedded relay pulls the simulated
// RTSP cameras, and the county of the demo logins watches four of them on a 4-tile wall. A tile must show a
// moving picture (its frame counter grows and two screenshots a moment apart differ), a snapshot must come
// back as an image the page shows, and nothing may be fetched from outside the server.
import type { Browser, Locator } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { artifactPath, launchBrowser, loginThroughForm, newWatchedContext } from '../support/browser';
import type { ServerProcess } from '../support/server-process';
import { waitUntil } from '../support/sockets';
import { createStore, type Store } from '../support/store';
import { loginAt, request } from '../support/test-server';
import { startVideoDemo, waitForOnlineCameras } from '../support/video-demo';

const PASSWORD = 'wall-Video-1';
const COUNTY = 'county.130822';

type Camera = { id: string; name: string; area: string; status: string; connected: boolean; canteen: { id: string; name: string } };

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
    server = await startVideoDemo(store, PASSWORD);
    browser = await launchBrowser();
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop('SIGTERM');
    await store?.dispose();
  });

  /** The county's demo cameras, once the relay reports them online. */
  async function onlineCameras(token: string): Promise<Camera[]> {
    return waitForOnlineCameras<Camera>(server!.url, token, 90_000, 'four demo cameras online');
  }

  it('plays the county’s demo cameras live on a 4-tile wall and keeps a snapshot', { timeout: 180_000 }, async () => {
    await waitUntil(() => server!.stdout().includes('Demo logins'), 90_000, 'the demo banner');
    const token = await loginAt(server!.url, COUNTY, PASSWORD);
    const online = await onlineCameras(token);
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
    // Applied once, the link leaves the URL: a reload keeps what the user makes of the wall from here.
    await expect.poll(() => page.url()).not.toContain('cameras=');
    const first = tiles.nth(0);
    await expect.poll(() => first.locator('.video-tile').getAttribute('data-status')).toBe('online');
    await expect.poll(() => first.getByText('在线').count()).toBeGreaterThan(0);

    // Moving video: the frame counter grows, and the picture changes between two screenshots.
    await expect.poll(() => framesOf(first), { timeout: 30_000 }).toBeGreaterThan(25);
    await expect.poll(() => first.locator('.video-tile').getAttribute('data-format')).toBe('mpegts');
    const framesBefore = await framesOf(first);
    const video = first.locator('video');
    const before = await video.screenshot();
    // A second of video later (the clip runs at 25 fps).
    await expect.poll(() => framesOf(first), { timeout: 30_000 }).toBeGreaterThan(framesBefore + 25);
    const after = await video.screenshot();
    expect(await changedShare(before, after)).toBeGreaterThan(0.01);
    // Every tile plays, not just the first.
    for (let index = 1; index < 4; index += 1) {
      await expect.poll(() => framesOf(tiles.nth(index)), { timeout: 30_000 }).toBeGreaterThan(5);
    }
    await page.screenshot({ path: await artifactPath('video-wall.png') });

    // The MPEG-1 fallback of one tile: the relay transcodes, jsmpeg draws on a canvas, the frames go on.
    const second = tiles.nth(1);
    await second.getByRole('button', { name: 'MPEG-1' }).click();
    await expect.poll(() => second.locator('.video-tile').getAttribute('data-format')).toBe('mpeg1');
    await expect.poll(() => framesOf(second), { timeout: 30_000 }).toBeGreaterThan(5);
    await second.getByRole('button', { name: 'MPEG-1' }).click();
    await expect.poll(() => second.locator('.video-tile').getAttribute('data-format'), { timeout: 15_000 }).toBe('mpegts');

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

    // Playback: the hour being recorded shows its segments on the timeline; a click plays from there.
    await first.getByRole('button', { name: '回放' }).click();
    const dialog = page.getByRole('dialog');
    await expect.poll(() => dialog.getByTestId('playback-segment').count(), { timeout: 45_000 }).toBeGreaterThan(0);
    // The longest one: segments are cut on the clock, so the newest may be a second old.
    const lengths = await dialog
      .getByTestId('playback-segment')
      .evaluateAll((spans) =>
        spans.map((span) => Number((span as HTMLElement).dataset.spanEnd) - Number((span as HTMLElement).dataset.spanStart)),
      );
    await dialog
      .getByTestId('playback-segment')
      .nth(lengths.indexOf(Math.max(...lengths)))
      .click();
    const playback = dialog.getByTestId('playback-video');
    await expect
      .poll(() => playback.evaluate((element: HTMLVideoElement) => element.currentTime), { timeout: 20_000 })
      .toBeGreaterThan(0.5);
    await expect.poll(() => dialog.getByTestId('playback-position').count()).toBe(1);
    await dialog.getByRole('button', { name: '关闭回放' }).click();
    await expect.poll(() => page.getByRole('dialog').count()).toBe(0);

    // The list filtered to online cameras (kept in the URL) marks the four on the wall. A removed tile is
    // free again, and a click on a camera in the list puts it there.
    await page.getByLabel('状态').selectOption('online');
    await expect.poll(() => page.url()).toContain('status=online');
    const listed = page.getByTestId('wall-camera');
    await expect.poll(() => listed.count()).toBeGreaterThan(0);
    const listedIds = await listed.evaluateAll((items) => items.map((item) => (item as HTMLElement).dataset.camera));
    const moved = chosen.findLastIndex((camera) => listedIds.includes(camera.id) && camera.id !== chosen[0]!.id);
    expect(moved).toBeGreaterThan(0);
    const last = chosen[moved]!;
    const item = page.locator(`[data-testid="wall-camera"][data-camera="${last.id}"]`);
    await expect.poll(() => item.textContent()).toContain('已上墙');
    await tiles.nth(moved).getByRole('button', { name: '移除' }).click();
    await expect.poll(() => tiles.nth(moved).getAttribute('data-camera')).toBeNull();
    await expect.poll(() => item.textContent()).not.toContain('已上墙');
    await item.click();
    await expect.poll(() => tiles.nth(moved).getAttribute('data-camera')).toBe(last.id);
    // Dragging a camera from the list onto another tile moves it there (the two tiles swap).
    await item.dragTo(tiles.nth(0));
    await expect.poll(() => tiles.nth(0).getAttribute('data-camera')).toBe(last.id);
    await expect.poll(() => tiles.nth(moved).getAttribute('data-camera')).toBe(chosen[0]!.id);

    // One tile full screen by double-click; Escape brings the wall back.
    await first.dblclick();
    await expect.poll(() => first.getAttribute('class')).toContain('fullscreen');
    await page.keyboard.press('Escape');
    await expect.poll(() => first.getAttribute('class')).not.toContain('fullscreen');

    // The layout and tiles are kept for this screen: a reload without the link shows the same wall.
    await page.reload();
    await expect.poll(() => page.getByTestId('wall-tile').count()).toBe(4);
    await expect.poll(() => page.getByTestId('wall-tile').nth(0).getAttribute('data-camera')).toBe(last.id);

    // The patrol rotation puts the cameras of today's plan on the wall, starting with its first canteen.
    const plan = await request<{ items: Array<{ canteen: { id: string; name: string } }> }>(server!.url, 'GET', '/api/patrol/plan', {
      token,
    });
    const firstCanteen = plan.body.items[0]!.canteen;
    const planned = await request<{ items: Camera[] }>(server!.url, 'GET', `/api/cameras?canteen=${firstCanteen.id}&pageSize=64`, {
      token,
    });
    await page.getByRole('button', { name: '开始轮播' }).click();
    const rotation = page.getByTestId('wall-rotation-status');
    // The wall loads the plan and its canteens' cameras first: seconds on a busy machine.
    const slow = { timeout: 30_000 };
    await expect.poll(() => rotation.textContent(), slow).toContain(firstCanteen.name);
    await expect.poll(() => page.getByTestId('wall-tile').nth(0).getAttribute('data-camera'), slow).toBe(planned.body.items[0]!.id);
    await page.getByRole('button', { name: '暂停轮播' }).click();
    await expect.poll(() => rotation.textContent(), slow).toBe('轮播已暂停');

    expect(watched.foreignRequests).toEqual([]);
    expect(watched.pageErrors).toEqual([]);
    await watched.context.close();
  });

  it('captures a snapshot from a canteen camera into a patrol record', { timeout: 120_000 }, async () => {
    const token = await loginAt(server!.url, COUNTY, PASSWORD);
    const camera = (await onlineCameras(token)).find((candidate) => candidate.area === 'cooking')!;
    const watched = await newWatchedContext(browser, server!.url);
    const page = await watched.newPage();
    await loginThroughForm(page, server!.url, COUNTY, PASSWORD, `/patrol?canteen=${camera.canteen.id}`);

    // The canteen's camera plays beside the checklist; its snapshot joins the record being made.
    const tile = page.locator(`.video-tile[data-camera="${camera.id}"]`);
    await expect.poll(async () => Number(await tile.getAttribute('data-frames')), { timeout: 30_000 }).toBeGreaterThan(5);
    await tile.getByRole('button', { name: '抓拍' }).click();
    const shot = page.getByTestId('patrol-snapshot');
    await expect.poll(() => shot.count(), { timeout: 20_000 }).toBe(1);
    const attachment = (await shot.getAttribute('data-attachment'))!;
    await expect
      .poll(() => shot.locator('img').evaluate((element: HTMLImageElement) => element.complete && element.naturalWidth))
      .toBeGreaterThan(0);

    const failing = page.getByTestId('checklist-item').first();
    const code = (await failing.getAttribute('data-item'))!;
    await failing.getByLabel('不合格').check();
    await failing.getByLabel('说明').fill('画面中厨师未戴口罩');
    await page.getByRole('button', { name: '其余项标为合格' }).click();
    await page.getByRole('button', { name: '提交巡查记录' }).click();
    const result = page.getByTestId('patrol-result');
    await expect.poll(() => result.getAttribute('data-result')).toBe('failed');

    const record = await request<{ answers: Array<{ item: string; snapshotIds?: string[] }> }>(
      server!.url,
      'GET',
      `/api/patrol/records/${await result.getAttribute('data-record')}`,
      { token },
    );
    expect(record.body.answers.find((answer) => answer.item === code)?.snapshotIds).toEqual([attachment]);
    expect(watched.foreignRequests).toEqual([]);
    expect(watched.pageErrors).toEqual([]);
    await watched.context.close();
  });
});
