// A 16-tile video wall in headless Chromium: mpegts.js (H.264 passed through, decoded by the browser through
// Media Source Extensions) against jsmpeg (MPEG-1 transcoded by the relay, decoded in JavaScript), in the
// same run, on the same 16 simulated 720p cameras through the server's live WebSocket. Reports frames per
// second per tile (presented frames for mpegts.js, decoded frames for jsmpeg) and the time to the first frame.
// Run: npx tsx bench/video-wall.ts
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import chromium from '@sparticuz/chromium';
import { chromium as playwright } from 'playwright-core';
import { startVideoRig } from './support/video-rig';

const TILES = 16;
const WARMUP_MS = 5_000;
const MEASURE_MS = 15_000;
const require = createRequire(import.meta.url);
const here = path.dirname(fileURLToPath(import.meta.url));

const files: Record<string, { file: string; type: string }> = {
  '/': { file: path.join(here, 'wall/index.html'), type: 'text/html; charset=utf-8' },
  '/vendor/mpegts.js': { file: require.resolve('mpegts.js/dist/mpegts.js'), type: 'text/javascript' },
  '/vendor/jsmpeg.js': {
    file: path.join(path.dirname(require.resolve('@cycjimmy/jsmpeg-player')), 'jsmpeg-player.umd.min.js'),
    type: 'text/javascript',
  },
};

const page = http.createServer((req, res) => {
  const entry = files[new URL(req.url ?? '/', 'http://x').pathname];
  if (!entry) return res.writeHead(404).end();
  res.writeHead(200, { 'content-type': entry.type });
  fs.createReadStream(entry.file).pipe(res);
});
await new Promise<void>((resolve) => page.listen(0, '127.0.0.1', resolve));
const pageUrl = `http://127.0.0.1:${(page.address() as AddressInfo).port}/`;

const rig = await startVideoRig({ cameras: TILES });

async function run(player: 'mpegts' | 'mpeg1') {
  // A browser per run: the packaged Chromium runs single-process, where closing the last tab ends it.
  const browser = await playwright.launch({
    executablePath: await chromium.executablePath(),
    args: [...chromium.args, '--autoplay-policy=no-user-gesture-required'],
    headless: true,
  });
  const tab = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
  await tab.goto(pageUrl);
  const urls = await Promise.all(rig.cameraIds.map((id) => rig.liveUrl(id, player)));
  await tab.evaluate(([u, p]) => (window as unknown as { startWall(u: string[], p: string): void }).startWall(u, p), [
    urls,
    player === 'mpegts' ? 'mpegts' : 'jsmpeg',
  ] as const);
  await new Promise((resolve) => setTimeout(resolve, WARMUP_MS));
  type Stat = { frames: number; firstFrameMs: number | null };
  const stats = () => tab.evaluate(() => (window as unknown as { wallStats(): Stat[] }).wallStats());
  const before = await stats();
  await new Promise((resolve) => setTimeout(resolve, MEASURE_MS));
  const after = await stats();
  await browser.close();
  const fps = after.map((tile, index) => (tile.frames - before[index]!.frames) / (MEASURE_MS / 1000)).sort((a, b) => a - b);
  const firsts = after
    .map((tile) => tile.firstFrameMs)
    .filter((value): value is number => value !== null)
    .sort((a, b) => a - b);
  return {
    player: player === 'mpegts' ? 'mpegts.js (H.264 passthrough)' : 'jsmpeg (MPEG-1 640×360)',
    tilesPlaying: fps.filter((value) => value > 1).length,
    fpsMin: fps[0]!.toFixed(1),
    fpsMedian: fps[Math.floor(fps.length / 2)]!.toFixed(1),
    fpsMean: (fps.reduce((sum, value) => sum + value, 0) / fps.length).toFixed(1),
    firstFrameMedianMs: firsts.length ? Math.round(firsts[Math.floor(firsts.length / 2)]!) : null,
    firstFrameMaxMs: firsts.length ? Math.round(firsts[firsts.length - 1]!) : null,
  };
}

try {
  const results = [await run('mpegts'), await run('mpeg1')];
  console.table(results);
} finally {
  await rig.close();
  page.close();
}
