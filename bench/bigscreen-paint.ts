// Time to the first meaningful paint of the city big screen: from navigation start to the moment the map has
// drawn its counties and every canteen and the headline figures are filled in (the page's `bigscreen:ready`
// mark), with the figures and the map separately, against the browser's own first contentful paint (the
// loading text) in the same navigation. Cold: a fresh browser context each run (nothing cached); warm: a new
// tab in a context that has loaded the page before (scripts, styles and fonts from the HTTP cache). Median of several runs, headless
// Chromium with software WebGL (SwiftShader). --screens=city,province measures the province operator's screen
// (Hebei's cities, no canteen points until a city is drilled into) against the city duty officer's in one run.
// Run: npx tsx bench/bigscreen-paint.ts [--canteens=1200,17183] [--screens=city,province] [--runs=7]
import type { BrowserContext, Page } from 'playwright-core';
import { median, percentile } from './support/bench-db';
import { startBigscreenRig, type Screen } from './support/bigscreen-rig';
import { argList, argValue } from './support/args';

const sizes = argList('canteens', '1200').map(Number);
const RUNS = Number(argValue('runs', '7'));
const screens = argList('screens', 'city') as Screen[];

interface Timing {
  fcp: number;
  kpis: number;
  map: number;
  ready: number;
}

async function measure(page: Page): Promise<Timing> {
  await page.waitForFunction(() => performance.getEntriesByName('bigscreen:ready').length > 0, undefined, {
    timeout: 120_000,
    polling: 50,
  });
  // (No named functions inside evaluate: tsx would wrap them in a helper the page does not have.)
  const [fcp, kpis, map, ready] = await page.evaluate(() =>
    ['first-contentful-paint', 'bigscreen:kpis', 'bigscreen:map', 'bigscreen:ready'].map(
      (name) => performance.getEntriesByName(name)[0]?.startTime ?? NaN,
    ),
  );
  return { fcp: fcp!, kpis: kpis!, map: map!, ready: ready! };
}

interface Loaded {
  kind: string;
  files: number;
  bytes: number;
}

/** What the page downloaded by the time it was ready, by kind (bytes as sent: the server does not compress). */
async function downloaded(page: Page): Promise<Loaded[]> {
  return page.evaluate(() => {
    const byKind: Record<string, { kind: string; files: number; bytes: number }> = {};
    for (const entry of performance.getEntriesByType('resource') as PerformanceResourceTiming[]) {
      const path = new URL(entry.name).pathname;
      const kind = /\.m?js$/.test(path)
        ? 'JavaScript'
        : path.endsWith('.css')
          ? 'CSS'
          : /\.woff2?$/.test(path)
            ? 'fonts'
            : path.startsWith('/api/')
              ? 'API (JSON, images)'
              : 'other';
      byKind[kind] ??= { kind, files: 0, bytes: 0 };
      byKind[kind].files += 1;
      byKind[kind].bytes += entry.encodedBodySize;
    }
    return Object.values(byKind);
  });
}

let lastCold: Loaded[] = [];

async function cold(newContext: () => Promise<BrowserContext>, url: string): Promise<Timing> {
  const context = await newContext();
  const page = await context.newPage();
  await page.goto(url);
  const timing = await measure(page);
  lastCold = await downloaded(page);
  await context.close();
  return timing;
}

const summarise = (screen: Screen, label: string, canteens: number, runs: Timing[]) => {
  const pick = (key: keyof Timing) => runs.map((run) => run[key]);
  const fmt = (values: number[]) => `${Math.round(median(values))} (p90 ${Math.round(percentile(values, 90))})`;
  return {
    screen,
    canteens,
    load: label,
    runs: runs.length,
    fcpMs: fmt(pick('fcp')),
    kpisMs: fmt(pick('kpis')),
    mapMs: fmt(pick('map')),
    readyMs: fmt(pick('ready')),
  };
};

const rows = [];
for (const screen of screens)
  for (const canteens of sizes) {
    const started = performance.now();
    const rig = await startBigscreenRig(canteens, screen);
    console.log(
      `${screen}, ${canteens} canteens: ${JSON.stringify(rig.counts)} set up in ${Math.round((performance.now() - started) / 1000)} s`,
    );
    const url = `${rig.server.url}/#/bigscreen`;
    try {
      await cold(rig.newContext, url); // warm the server (first queries planned, the renderer's files read)
      const colds: Timing[] = [];
      for (let i = 0; i < RUNS; i += 1) colds.push(await cold(rig.newContext, url));
      const context = await rig.newContext();
      const warms: Timing[] = [];
      for (let i = 0; i <= RUNS; i += 1) {
        // A new tab in the same context each time: its HTTP cache is warm, and no old page is torn down on the
        // way (a reload spends seconds unloading the previous page's WebGL in software, which is not the page).
        const page = await context.newPage();
        await page.goto(url);
        const timing = await measure(page);
        await page.close();
        if (i > 0) warms.push(timing);
      }
      await context.close();
      rows.push(summarise(screen, 'cold', canteens, colds), summarise(screen, 'warm', canteens, warms));
      console.log(`${screen}, ${canteens} canteens, downloaded by a cold load until ready:`);
      console.table(lastCold.map((row) => ({ ...row, KB: Math.round(row.bytes / 102.4) / 10 })));
    } finally {
      await rig.close();
    }
  }
console.log(`Big screen, navigation start → mark, ms: median (p90) of ${RUNS} runs`);
console.table(rows);
