import sharp, { type Sharp } from 'sharp';
import { describe, expect, it } from 'vitest';
import { DETECTOR_CATEGORIES } from '../rules/catalogue';
import type { FiringBox } from '../rules/engine';
import { annotateFrame, annotationTexts, textInput } from './annotate';

const NOON = new Date('2026-11-23T12:00:00+08:00').getTime();
const DOG: FiringBox = { label: 'dog', score: 0.4, box: [200, 150, 400, 300], trackId: 3 };
const options = { caption: DETECTOR_CATEGORIES.animal.zh, at: NOON };

/** The ink of a drawing (alpha over half) as its bounding box's width and height. */
async function inkSize(input: Sharp): Promise<[number, number]> {
  const { data, info } = await input.raw().toBuffer({ resolveWithObject: true });
  let [minX, maxX, minY, maxY] = [Infinity, -1, Infinity, -1];
  for (let y = 0; y < info.height; y++)
    for (let x = 0; x < info.width; x++)
      if (data[(y * info.width + x) * 4 + 3]! > 128)
        [minX, maxX, minY, maxY] = [Math.min(minX, x), Math.max(maxX, x), Math.min(minY, y), Math.max(maxY, y)];
  return [maxX - minX + 1, maxY - minY + 1];
}

/** Share of the pixels of a region of an RGB image that are near a colour. */
async function share(
  jpeg: Buffer,
  region: { left: number; top: number; width: number; height: number },
  near: (r: number, g: number, b: number) => boolean,
) {
  const { data, info } = await sharp(jpeg).extract(region).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  let hits = 0;
  for (let i = 0; i < data.length; i += info.channels) if (near(data[i]!, data[i + 1]!, data[i + 2]!)) hits += 1;
  return hits / (info.width * info.height);
}

describe('the annotated snapshot', () => {
  it('writes the label and the category in Chinese, with the score and the Beijing time', () => {
    const texts = annotationTexts([DOG, { label: 'cell phone', score: 0.812, box: [0, 0, 10, 10] }], options);
    expect(texts).toEqual({ tags: ['狗 0.40', '手机 0.81'], caption: '猫狗出没  2026-11-23 12:00:00 +08:00' });
    expect(texts.tags.join('')).not.toMatch(/[A-Za-z]/);
  });

  it('draws Chinese with the bundled Noto Sans SC, not a missing-glyph box, whatever fonts the host has', async () => {
    expect(textInput('狗', 100, '#000000').fontfile).toMatch(/NotoSansHans-Regular\.otf$/);
    // 狗 in Noto Sans SC spans 886 × 913 of its 1000 units; a host without a CJK font draws a 69 × 87 hex box
    // at this size, and librsvg (the SVG path the annotation used to take) such boxes too.
    const [width, height] = await inkSize(sharp({ text: textInput('狗', 100, '#000000') }));
    expect(width).toBeGreaterThanOrEqual(86);
    expect(width).toBeLessThanOrEqual(90);
    expect(height).toBeGreaterThanOrEqual(90);
    expect(height).toBeLessThanOrEqual(94);
  });

  it('draws the box, its tag with the Chinese label above it and the caption at the bottom, at the frame’s size', async () => {
    const grey = await sharp({ create: { width: 640, height: 360, channels: 3, background: '#808080' } })
      .jpeg()
      .toBuffer();
    const annotated = await annotateFrame(grey, [DOG], options);
    expect(await sharp(annotated).metadata()).toMatchObject({ width: 640, height: 360, format: 'jpeg' });
    // JPEG's halved chroma pales a 2-pixel stroke: orange here is a red well above the blue.
    const orange = (r: number, g: number, b: number) => r > 170 && r - b > 80;
    const black = (r: number, g: number, b: number) => r < 90 && g < 90 && b < 90;
    const white = (r: number, g: number, b: number) => r > 200 && g > 200 && b > 200;
    // The box's left edge is stroked in the dog colour, its inside is untouched.
    expect(await share(annotated, { left: 199, top: 160, width: 2, height: 120 }, orange)).toBeGreaterThan(0.9);
    expect(await share(annotated, { left: 250, top: 200, width: 100, height: 60 }, orange)).toBe(0);
    // Above the box: an orange tag with black writing on it (狗 0.40 in 12-pixel type).
    const tag = { left: 200, top: 128, width: 48, height: 22 };
    expect(await share(annotated, tag, orange)).toBeGreaterThan(0.4);
    expect(await share(annotated, tag, black)).toBeGreaterThan(0.02);
    // Bottom left: a dark caption with white writing.
    const caption = { left: 0, top: 338, width: 210, height: 22 };
    expect(await share(annotated, caption, white)).toBeGreaterThan(0.04);
    expect(await share(annotated, caption, black)).toBeGreaterThan(0.5);
    expect(
      await share(annotated, { left: 400, top: 20, width: 200, height: 100 }, (r, g, b) => r === g && g === b && Math.abs(r - 128) < 4),
    ).toBeGreaterThan(0.95);
  });
});
