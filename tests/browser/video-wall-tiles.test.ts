// The 16-tile video wall read from three metres, on a 1920×1080 wall screen: every tile names its school and
// its camera in full, at least 24 px, white on a dark band (contrast at least 7:1 even over a white picture,
// nothing over it), inside the tile. A tile's buttons are out of sight until the pointer is over the tile or
// the keyboard is in it, and then cover neither name nor the middle of the picture (a double-click there fills
// the screen). No video is needed for this: the cameras are not
// connected (tests/browser/video-wall.test.ts plays live ones).
import type { Locator, Page } from 'playwright-core';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { artifactPath, intersect, loggedInPages, useBrowserWithTestServer, type Box } from '../support/browser';
import { TEST_PASSWORD } from '../support/test-server';

/** The least font size of a name on a wall tile, in CSS pixels (1.5rem): what reads at three metres. */
const MIN_NAME_PX = 24;
/** WCAG AAA for normal text. */
const MIN_CONTRAST = 7;

const inside = (inner: Box, outer: Box) =>
  inner.x >= outer.x - 0.5 &&
  inner.y >= outer.y - 0.5 &&
  inner.x + inner.width <= outer.x + outer.width + 0.5 &&
  inner.y + inner.height <= outer.y + outer.height + 0.5;

interface NameLook {
  text: string;
  fontSize: number;
  /** The text's contrast with its band laid over a white picture (the worst case). */
  contrast: number;
  /** Content wider or taller than the element shows. */
  clipped: boolean;
  box: Box;
}

/** How a name on a tile is drawn: its text, size, contrast against its band, and whether any of it is cut off. */
async function look(name: Locator): Promise<NameLook> {
  return name.evaluate((element) => {
    const rgba = (value: string) => (value.match(/[\d.]+/g) ?? []).map(Number);
    const luminance = ([r, g, b]: number[]) => {
      const channel = (c: number) => ((c /= 255) <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
      return 0.2126 * channel(r!) + 0.7152 * channel(g!) + 0.0722 * channel(b!);
    };
    // The band is the nearest element with a background; over a white picture its colour mixes with white.
    let band: Element | null = element;
    while (band && rgba(getComputedStyle(band).backgroundColor)[3] === 0) band = band.parentElement;
    const [r, g, b, a = 1] = rgba(getComputedStyle(band!).backgroundColor);
    const behind = [r!, g!, b!].map((c) => c * a + 255 * (1 - a));
    const [lighter, darker] = [luminance(rgba(getComputedStyle(element).color)), luminance(behind)].sort((x, y) => y - x);
    const style = getComputedStyle(element);
    const rect = element.getBoundingClientRect();
    return {
      text: element.textContent ?? '',
      fontSize: Number.parseFloat(style.fontSize),
      contrast: (lighter! + 0.05) / (darker! + 0.05),
      clipped: element.scrollWidth > element.clientWidth + 1 || element.scrollHeight > element.clientHeight + 1,
      box: { x: rect.x, y: rect.y, width: rect.width, height: rect.height },
    };
  });
}

/** The brightest channel value that every channel of some pixel of the element's screenshot reaches. */
async function brightest(element: Locator): Promise<number> {
  const { data, info } = await sharp(await element.screenshot())
    .removeAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  let best = 0;
  for (let at = 0; at < data.length; at += info.channels) best = Math.max(best, Math.min(data[at]!, data[at + 1]!, data[at + 2]!));
  return best;
}

const actionsOpacity = (tile: Locator) =>
  tile.locator('.wall-tile-actions').evaluate((element) => Number(getComputedStyle(element).opacity));

describe('the 16-tile video wall from three metres', () => {
  const rig = useBrowserWithTestServer({ canteens: 40 });
  const pages = loggedInPages(rig, TEST_PASSWORD);

  it('names each tile’s school and camera in full, large and in high contrast, and shows its buttons only on hover or focus', async () => {
    const server = rig.server;
    const schoolName = new Map(server.dataset.schools.map((school) => [school.id, school.name]));
    // The cameras of the schools with the longest names, one per canteen: the hardest names to fit.
    const chosen = [...server.dataset.cameras]
      .sort((a, b) => schoolName.get(b.schoolId)!.length - schoolName.get(a.schoolId)!.length || b.name.length - a.name.length)
      .filter((camera, index, all) => all.findIndex((other) => other.canteenId === camera.canteenId) === index)
      .slice(0, 16);
    expect(chosen).toHaveLength(16);

    const page: Page = await pages.open('city.duty', `/wall?cameras=${chosen.map((camera) => camera.id).join(',')}`);
    // Nothing hovered: the pointer is away from the wall.
    await page.mouse.move(0, 0);
    await expect.poll(() => page.getByRole('button', { name: '16 画面' }).getAttribute('aria-pressed')).toBe('true');
    const tiles = page.getByTestId('wall-tile');
    await expect.poll(() => tiles.count()).toBe(16);
    await page.evaluate(() => document.fonts.ready.then(() => undefined));

    for (const [index, camera] of chosen.entries()) {
      const tile = tiles.nth(index);
      await expect.poll(() => tile.getAttribute('data-camera')).toBe(camera.id);
      const tileBox = (await tile.boundingBox())!;
      const school = await look(tile.locator('.wall-tile-school'));
      const name = await look(tile.locator('.video-tile-name'));
      for (const [shown, expected, element] of [
        [school, schoolName.get(camera.schoolId)!, tile.locator('.wall-tile-school')],
        [name, camera.name, tile.locator('.video-tile-name')],
      ] as const) {
        expect(shown.text).toBe(expected);
        expect(shown.fontSize, expected).toBeGreaterThanOrEqual(MIN_NAME_PX);
        expect(shown.contrast, expected).toBeGreaterThanOrEqual(MIN_CONTRAST);
        expect(shown.clipped, `${expected} cut off`).toBe(false);
        expect(inside(shown.box, tileBox), `${expected} inside its tile`).toBe(true);
        // Drawn white as it is on screen: nothing over the name dims it.
        expect(await brightest(element), `${expected} dimmed`).toBeGreaterThanOrEqual(240);
      }
      // Out of sight until asked for.
      await expect.poll(() => actionsOpacity(tile)).toBe(0);
    }
    await page.screenshot({ path: await artifactPath('video-wall-16.png') });

    // Pointed at, a tile shows its buttons, over neither name; pointed away, they go again.
    const tile = tiles.nth(5);
    const tileBox = (await tile.boundingBox())!;
    await page.mouse.move(tileBox.x + tileBox.width / 2, tileBox.y + tileBox.height / 2);
    await expect.poll(() => actionsOpacity(tile)).toBe(1);
    expect(await actionsOpacity(tiles.nth(6))).toBe(0);
    const names = [(await look(tile.locator('.wall-tile-school'))).box, (await look(tile.locator('.video-tile-label'))).box];
    const buttons = await tile.locator('.wall-tile-actions button').all();
    expect(buttons).toHaveLength(5);
    for (const button of buttons) {
      const box = (await button.boundingBox())!;
      expect(inside(box, tileBox), `${await button.textContent()} inside the tile`).toBe(true);
      for (const nameBox of names) expect(intersect(box, nameBox), `${await button.textContent()} over a name`).toBe(false);
    }
    await page.screenshot({ path: await artifactPath('video-wall-16-hover.png') });
    // The middle of the picture is left free: a double-click there fills the screen and presses no button.
    await tile.dblclick();
    await expect.poll(() => tile.getAttribute('class')).toContain('fullscreen');
    expect(await page.getByRole('dialog').count()).toBe(0);
    expect(await tile.getByRole('button', { name: 'MPEG-1' }).getAttribute('aria-pressed')).toBe('false');
    await page.keyboard.press('Escape');
    await expect.poll(() => tile.getAttribute('class')).not.toContain('fullscreen');
    await page.mouse.move(0, 0);
    await expect.poll(() => actionsOpacity(tile)).toBe(0);

    // From the keyboard: tabbing on from a tile's number reaches its first button, and shows them.
    await tile.locator('.wall-tile-number').focus();
    await page.keyboard.press('Tab');
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('抓拍');
    expect(await tile.evaluate((element) => element.contains(document.activeElement))).toBe(true);
    await expect.poll(() => actionsOpacity(tile)).toBe(1);
    await pages.closeAll();
  });
});
