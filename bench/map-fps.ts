// Frame rate of the big screen's map while it moves: 17,183 canteens (Hebei's count) as deck.gl points coloured
// by grade, over the alert heatmap and the county polygons, panned by dragging and zoomed by the mouse wheel as
// a duty officer would. Counted over each motion: the frames the map's deck.gl layer actually drew (the map's
// data-frames), and the page's animation frames (requestAnimationFrame) with the gaps between them, which show
// how long the page stood still. The baseline in the same run: the same page standing still, and the city's
// 1,200 canteens.
// Headless Chromium renders WebGL in software (SwiftShader) on the CPU it shares with the server: the figures
// are a floor, not what a command-room PC with a GPU shows.
// Run: npx tsx bench/map-fps.ts [--canteens=1200,17183] [--seconds=10]
import type { Page } from 'playwright-core';
import { median, percentile } from './support/bench-db';
import { startBigscreenRig } from './support/bigscreen-rig';
import { argList, argValue } from './support/args';

const sizes = argList('canteens', '1200,17183').map(Number);
const SECONDS = Number(argValue('seconds', '10'));

// Page-side frame counter, as a string: tsx would wrap named functions in a helper the page does not have.
const START_COUNTING = `(() => {
  window.__frames = [];
  window.__counting = true;
  const loop = () => { window.__frames.push(performance.now()); if (window.__counting) requestAnimationFrame(loop); };
  requestAnimationFrame(loop);
})()`;
const STOP_COUNTING = `(() => { window.__counting = false; return window.__frames; })()`;

interface FrameStats {
  drawnFps: number;
  fps: number;
  medianFrameMs: number;
  p95FrameMs: number;
  longestFrameMs: number;
}

async function framesDuring(page: Page, work: (until: number) => Promise<void>): Promise<FrameStats> {
  const drawn = async () => Number((await page.getByTestId('bigscreen-map').getAttribute('data-frames')) ?? 0);
  const drawnBefore = await drawn();
  const started = Date.now();
  await page.evaluate(START_COUNTING);
  await work(started + SECONDS * 1000);
  const times = await page.evaluate<number[]>(STOP_COUNTING);
  const drawnFrames = (await drawn()) - drawnBefore;
  const elapsed = (Date.now() - started) / 1000;
  const gaps = times.slice(1).map((time, i) => time - times[i]!);
  const span = times[times.length - 1]! - times[0]!;
  return {
    drawnFps: Math.round((drawnFrames / elapsed) * 10) / 10,
    fps: Math.round(((times.length - 1) / (span / 1000)) * 10) / 10,
    medianFrameMs: Math.round(median(gaps) * 10) / 10,
    p95FrameMs: Math.round(percentile(gaps, 95) * 10) / 10,
    longestFrameMs: Math.round(Math.max(...gaps)),
  };
}

async function run(canteens: number) {
  const started = performance.now();
  const rig = await startBigscreenRig(canteens);
  console.log(`${canteens} canteens: ${JSON.stringify(rig.counts)} set up in ${Math.round((performance.now() - started) / 1000)} s`);
  try {
    const context = await rig.newContext();
    const page = await context.newPage();
    await page.goto(`${rig.server.url}/#/bigscreen`);
    const map = page.getByTestId('bigscreen-map');
    await map.and(page.locator('[data-ready="1"]')).waitFor({ timeout: 180_000 });
    const drawn = { canteens: Number(await map.getAttribute('data-canteens')), heat: Number(await map.getAttribute('data-heat-points')) };
    await page.waitForTimeout(2000);
    const box = (await map.boundingBox())!;
    const cx = box.x + box.width / 2;
    const cy = box.y + box.height / 2;

    const still = await framesDuring(page, (until) => page.waitForTimeout(until - Date.now()));
    // Drag in circles of 200 px, one circle a second or so, as far as the input events go.
    const pan = await framesDuring(page, async (until) => {
      await page.mouse.move(cx + 200, cy);
      await page.mouse.down();
      for (let step = 0; Date.now() < until; step += 1) {
        const angle = (step / 24) * 2 * Math.PI;
        await page.mouse.move(cx + 200 * Math.cos(angle), cy + 200 * Math.sin(angle));
      }
      await page.mouse.up();
    });
    // Wheel in and out around the centre: four notches in, four out, each zoom animated by the map.
    const zoom = await framesDuring(page, async (until) => {
      await page.mouse.move(cx, cy);
      for (let step = 0; Date.now() < until; step += 1) {
        await page.mouse.wheel(0, step % 8 < 4 ? -240 : 240);
        await page.waitForTimeout(120);
      }
    });
    await context.close();
    return [
      { canteens, heatPoints: drawn.heat, drawn: drawn.canteens, motion: 'still (baseline)', ...still },
      { canteens, heatPoints: drawn.heat, drawn: drawn.canteens, motion: 'pan (drag)', ...pan },
      { canteens, heatPoints: drawn.heat, drawn: drawn.canteens, motion: 'zoom (wheel)', ...zoom },
    ];
  } finally {
    await rig.close();
  }
}

const rows = [];
for (const canteens of sizes) rows.push(...(await run(canteens)));
console.log(
  `Map frame rate over ${SECONDS} s per motion, 1920×1080, headless Chromium with SwiftShader (software WebGL): a floor. ` +
    "drawnFps: frames the map drew; fps and frame gaps: the page's animation frames",
);
console.table(rows);
