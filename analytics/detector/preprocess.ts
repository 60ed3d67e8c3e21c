// Turns an image into the model's input tensor with sharp: decode (EXIF-oriented), letterbox or stretch to
// the input size, then lay out and normalise the pixels as the manifest says. Returns the geometry needed to
// map boxes back to the original image.
import sharp, { type Sharp } from 'sharp';
import type { ModelManifest } from '../models/manifest';
import type { Box } from './types';

// Raw 8-bit pixels, e.g. a decoded camera frame. RGB (3 channels) or RGBA (4, alpha ignored).
export interface RawImage {
  readonly data: Uint8Array;
  readonly width: number;
  readonly height: number;
  readonly channels?: 3 | 4;
}

// An encoded image in any format sharp reads (JPEG, PNG, WebP...), or raw pixels.
export type ImageInput = Uint8Array | RawImage;

export interface InputGeometry {
  readonly sourceWidth: number;
  readonly sourceHeight: number;
  // Model-input pixels per source pixel.
  readonly scaleX: number;
  readonly scaleY: number;
  readonly padLeft: number;
  readonly padTop: number;
}

export interface PreparedInput {
  readonly data: Float32Array;
  readonly dims: readonly number[];
  readonly geometry: InputGeometry;
}

// Mid-grey, as YOLO-family letterboxes use; close to the mean pixel so padding reads as "nothing there".
const LETTERBOX_GREY = 114;

function isRaw(image: ImageInput): image is RawImage {
  return !(image instanceof Uint8Array);
}

export function computeGeometry(sourceWidth: number, sourceHeight: number, input: ModelManifest['input']): InputGeometry {
  if (input.resize === 'stretch') {
    return { sourceWidth, sourceHeight, scaleX: input.width / sourceWidth, scaleY: input.height / sourceHeight, padLeft: 0, padTop: 0 };
  }
  const scale = Math.min(input.width / sourceWidth, input.height / sourceHeight);
  const width = Math.min(input.width, Math.max(1, Math.round(sourceWidth * scale)));
  const height = Math.min(input.height, Math.max(1, Math.round(sourceHeight * scale)));
  return {
    sourceWidth,
    sourceHeight,
    scaleX: width / sourceWidth,
    scaleY: height / sourceHeight,
    padLeft: Math.floor((input.width - width) / 2),
    padTop: Math.floor((input.height - height) / 2),
  };
}

// From model-input pixels back to source pixels, clamped to the image.
export function toSourceBox(box: Box, geometry: InputGeometry): Box {
  const x = (value: number) => Math.min(geometry.sourceWidth, Math.max(0, (value - geometry.padLeft) / geometry.scaleX));
  const y = (value: number) => Math.min(geometry.sourceHeight, Math.max(0, (value - geometry.padTop) / geometry.scaleY));
  return [x(box[0]), y(box[1]), x(box[2]), y(box[3])];
}

async function sourceOf(image: ImageInput): Promise<{ pipeline: Sharp; width: number; height: number }> {
  if (isRaw(image)) {
    const channels = image.channels ?? 3;
    if (image.data.length !== image.width * image.height * channels) {
      throw new Error(
        `raw image of ${image.width}x${image.height}x${channels} needs ${image.width * image.height * channels} bytes, got ${image.data.length}`,
      );
    }
    return {
      pipeline: sharp(image.data, { raw: { width: image.width, height: image.height, channels } }),
      width: image.width,
      height: image.height,
    };
  }
  const pipeline = sharp(image, { autoOrient: true });
  const metadata = await pipeline.metadata();
  return { pipeline, width: metadata.autoOrient.width, height: metadata.autoOrient.height };
}

export async function prepareInput(image: ImageInput, input: ModelManifest['input']): Promise<PreparedInput> {
  const source = await sourceOf(image);
  const geometry = computeGeometry(source.width, source.height, input);
  const width = Math.round(source.width * geometry.scaleX);
  const height = Math.round(source.height * geometry.scaleY);
  let pipeline = source.pipeline.removeAlpha().toColourspace('srgb').resize(width, height, { fit: 'fill' });
  if (width !== input.width || height !== input.height) {
    pipeline = pipeline.extend({
      top: geometry.padTop,
      left: geometry.padLeft,
      bottom: input.height - height - geometry.padTop,
      right: input.width - width - geometry.padLeft,
      background: { r: LETTERBOX_GREY, g: LETTERBOX_GREY, b: LETTERBOX_GREY },
    });
  }
  const pixels = await pipeline.raw().toBuffer();
  return {
    data: toTensor(pixels, input),
    dims: input.layout === 'NCHW' ? [1, 3, input.height, input.width] : [1, input.height, input.width, 3],
    geometry,
  };
}

// Interleaved RGB bytes to a normalised float tensor in the model's layout and colour order.
export function toTensor(pixels: Uint8Array, input: ModelManifest['input']): Float32Array {
  const count = input.width * input.height;
  if (pixels.length !== count * 3) throw new Error(`expected ${count * 3} RGB bytes, got ${pixels.length}`);
  const normalisation = input.normalisation;
  const [offsets, multipliers] =
    'scale' in normalisation
      ? [[0, 0, 0], new Array<number>(3).fill(normalisation.scale)]
      : [normalisation.mean, normalisation.std.map((std) => 1 / std)];
  // Model channel c comes from source (RGB) channel order[c]; mean and std are in the model's order.
  const order = input.colourOrder === 'RGB' ? [0, 1, 2] : [2, 1, 0];
  const tensor = new Float32Array(count * 3);
  const planar = input.layout === 'NCHW';
  for (let channel = 0; channel < 3; channel++) {
    const [source, offset, multiplier] = [order[channel]!, offsets[channel]!, multipliers[channel]!];
    for (let i = 0; i < count; i++) {
      tensor[planar ? channel * count + i : i * 3 + channel] = (pixels[i * 3 + source]! - offset) * multiplier;
    }
  }
  return tensor;
}
