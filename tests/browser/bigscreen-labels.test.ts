// The county labels of the city big screen, read from across the command room: at the initial city view on a
// 1920×1080 wall screen all eleven stand clear of each other (the small urban districts around the city centre
// crowd together) and inside the map; after the window is resized they are laid out again and still are. The
// screen as shown is kept as tests/artifacts/bigscreen-labels.png (and -1366.png) for people to look at; on the
// smaller screen the county ranking keeps a readable row per county.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { artifactPath, loggedInPages, mapSettled, useBrowserWithTestServer } from '../support/browser';
import { TEST_PASSWORD } from '../support/test-server';

interface Box {
  code: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The labels' boxes and the map's, in page pixels. */
async function labelBoxes(page: Page): Promise<{ map: Box; labels: Box[] }> {
  return page.evaluate(() => {
    const box = (element: Element, code = ''): Box => {
      const rect = element.getBoundingClientRect();
      return { code, x: rect.x, y: rect.y, width: rect.width, height: rect.height };
    };
    const map = document.querySelector('[data-testid="bigscreen-map"]')!;
    const labels = [...document.querySelectorAll('.bs-county-label')].map((label) => box(label, label.getAttribute('data-county') ?? ''));
    return { map: box(map), labels };
  });
}

const intersect = (a: Box, b: Box) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
const inside = (inner: Box, outer: Box) =>
  inner.x >= outer.x &&
  inner.y >= outer.y &&
  inner.x + inner.width <= outer.x + outer.width &&
  inner.y + inner.height <= outer.y + outer.height;

/** Pairs of labels that overlap, and labels outside the map: both empty when the layout is right. */
function problems({ map, labels }: { map: Box; labels: Box[] }): string[] {
  const found: string[] = [];
  for (const [i, a] of labels.entries()) {
    if (!inside(a, map)) found.push(`${a.code} outside the map`);
    for (const b of labels.slice(i + 1)) if (intersect(a, b)) found.push(`${a.code} overlaps ${b.code}`);
  }
  return found;
}

describe('county labels on the city big screen', () => {
  const rig = useBrowserWithTestServer({ canteens: 20 });
  const pages = loggedInPages(rig, TEST_PASSWORD);

  it('are pairwise disjoint and inside the map at the city view, and again after a resize', async () => {
    const page = await pages.open('city.duty', '/bigscreen', { timeout: 60_000 });
    const map = page.getByTestId('bigscreen-map');
    await map.and(page.locator('[data-ready="1"]')).waitFor();
    expect(await page.locator('.bs-county-label').count()).toBe(11);
    // Labels are laid out once the map has settled: wait for that, then check what stands.
    await expect.poll(() => map.getAttribute('data-labels')).toBe('11');
    const city = await labelBoxes(page);
    expect(city.labels).toHaveLength(11);
    expect(problems(city)).toEqual([]);
    // Each label still names its county in full, with its camera online rate.
    for (const label of await page.locator('.bs-county-label').all()) {
      expect(await label.locator('.bs-county-name').textContent()).toMatch(/(县|区|市)$/);
      expect(await label.locator('.bs-county-rate').textContent()).toMatch(/%|—/);
    }
    const idle = await mapSettled(map);
    await page.screenshot({ path: await artifactPath('bigscreen-labels.png') });

    // A smaller window: the map fits a new box, and the labels are laid out again for it.
    const before = JSON.stringify(city.labels);
    await page.setViewportSize({ width: 1366, height: 768 });
    await expect.poll(async () => JSON.stringify((await labelBoxes(page)).labels)).not.toBe(before);
    await expect.poll(async () => problems(await labelBoxes(page))).toEqual([]);
    // The county ranking beside it keeps a readable row per county (it scrolls rather than crowd the names).
    const ranking = await page.getByTestId('chart-ranking').boundingBox();
    expect(ranking!.height).toBeGreaterThanOrEqual(11 * 24);
    await mapSettled(map, idle);
    await page.screenshot({ path: await artifactPath('bigscreen-1366.png') });
    await pages.closeAll();
  });
});
