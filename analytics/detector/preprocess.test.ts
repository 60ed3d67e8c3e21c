import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import type { ModelManifest } from '../models/manifest';
import { computeGeometry, prepareInput, toSourceBox, toTensor } from './preprocess';

const input = (overrides: Partial<ModelManifest['input']> = {}): ModelManifest['input'] => ({
  name: 'x',
  layout: 'NHWC',
  width: 8,
  height: 8,
  colourOrder: 'RGB',
  normalisation: { scale: 1 },
  resize: 'letterbox',
  ...overrides,
});

describe('geometry', () => {
  it('letterboxes a wide image into the middle and maps boxes back', () => {
    const geometry = computeGeometry(640, 320, input({ width: 416, height: 416 }));
    expect(geometry).toEqual({ sourceWidth: 640, sourceHeight: 320, scaleX: 0.65, scaleY: 0.65, padLeft: 0, padTop: 104 });
    expect(toSourceBox([65, 104 + 13, 130, 104 + 26], geometry)).toEqual([100, 20, 200, 40]);
  });

  it('stretches without padding, and clamps mapped boxes to the image', () => {
    const geometry = computeGeometry(200, 100, input({ resize: 'stretch', width: 100, height: 100 }));
    expect(geometry).toMatchObject({ scaleX: 0.5, scaleY: 1, padLeft: 0, padTop: 0 });
    expect(toSourceBox([-5, -5, 120, 50], geometry)).toEqual([0, 0, 200, 50]);
  });
});

describe('toTensor', () => {
  const pixels = Uint8Array.from([10, 20, 30, 40, 50, 60]); // two RGB pixels

  it('lays out NHWC and NCHW, in RGB or BGR, scaled or mean/std normalised', () => {
    const size = { width: 2, height: 1 };
    expect(Array.from(toTensor(pixels, input({ ...size, normalisation: { scale: 0.5 } })))).toEqual([5, 10, 15, 20, 25, 30]);
    expect(Array.from(toTensor(pixels, input({ ...size, layout: 'NCHW' })))).toEqual([10, 40, 20, 50, 30, 60]);
    expect(Array.from(toTensor(pixels, input({ ...size, layout: 'NCHW', colourOrder: 'BGR' })))).toEqual([30, 60, 20, 50, 10, 40]);
    const normalised = toTensor(pixels, input({ ...size, colourOrder: 'BGR', normalisation: { mean: [30, 20, 10], std: [10, 5, 2] } }));
    expect(Array.from(normalised)).toEqual([0, 0, 0, 3, 6, 15]);
  });
});

describe('prepareInput', () => {
  it('letterboxes raw pixels with grey bars and the same result as the encoded image', async () => {
    const red = Buffer.alloc(8 * 4 * 3);
    for (let i = 0; i < 8 * 4; i++) red.set([200, 0, 0], i * 3);
    const prepared = await prepareInput({ data: red, width: 8, height: 4 }, input());
    expect(prepared.dims).toEqual([1, 8, 8, 3]);
    expect(prepared.geometry).toMatchObject({ padTop: 2, padLeft: 0, scaleX: 1, scaleY: 1 });
    expect(Array.from(prepared.data.subarray(0, 3))).toEqual([114, 114, 114]);
    expect(Array.from(prepared.data.subarray(3 * 8 * 3, 3 * 8 * 3 + 3))).toEqual([200, 0, 0]);
    const png = await sharp(red, { raw: { width: 8, height: 4, channels: 3 } })
      .png()
      .toBuffer();
    expect((await prepareInput(png, input())).data).toEqual(prepared.data);
  });

  it('honours EXIF orientation', async () => {
    const portrait = await sharp({ create: { width: 20, height: 10, channels: 3, background: { r: 0, g: 0, b: 255 } } })
      .jpeg()
      .withMetadata({ orientation: 6 })
      .toBuffer();
    const prepared = await prepareInput(portrait, input());
    expect(prepared.geometry).toMatchObject({ sourceWidth: 10, sourceHeight: 20 });
  });

  it('rejects raw data of the wrong length', async () => {
    await expect(prepareInput({ data: new Uint8Array(10), width: 4, height: 4 }, input())).rejects.toThrow('needs 48 bytes, got 10');
  });
});
