// What a camera's picture says about the camera: a lens covered (or painted over, or pointed at a wall) makes
// a dark or uniform picture; a lens out of focus, fogged or greasy (a kitchen!) makes a soft one. Measured on
// the newest keyframe, greyscale at ANALYSIS_WIDTH px: brightness is the mean grey level, contrast its
// standard deviation, sharpness the variance of the 3×3 Laplacian.
import sharp from 'sharp';

export const ANALYSIS_WIDTH = 320;
// Calibrated on the fixture clips (fixtures/media/clips.ts), every keyframe of each at 320 px:
//   clip       brightness   contrast    sharpness
//   pattern    173          62          329–440
//   noise      163–165      58–60       407–902
//   people     153–154      46          954–1031
//   substream  170–171      63          536–721
//   covered    7            0.3–0.6     0.5–3.3
//   blurred    152–154      36          4.8–5.2
// Each threshold sits well inside the gap, nearer the faulty side, so a dim or plain kitchen is not a fault.
/** Mean grey level (0–255) at or below which the lens is taken as covered. */
export const COVERED_MAX_BRIGHTNESS = 20;
/** Standard deviation of grey levels at or below which the picture is taken as uniform (covered). */
export const COVERED_MAX_CONTRAST = 4;
/** Laplacian variance at or below which the picture is taken as blurred. */
export const BLURRED_MAX_SHARPNESS = 30;

export interface PictureMeasure {
  brightness: number;
  contrast: number;
  sharpness: number;
}

export type PictureVerdict = 'online' | 'covered' | 'blurred';

export async function measurePicture(jpeg: Buffer): Promise<PictureMeasure> {
  const { data, info } = await sharp(jpeg)
    .greyscale()
    .resize({ width: ANALYSIS_WIDTH, withoutEnlargement: true })
    .extractChannel(0)
    .raw()
    .toBuffer({ resolveWithObject: true });
  return measureGrey(data, info.width, info.height);
}

/** Brightness, contrast and sharpness of an 8-bit greyscale image (row-major, one byte a pixel). */
export function measureGrey(pixels: Uint8Array, width: number, height: number): PictureMeasure {
  let sum = 0;
  let sumOfSquares = 0;
  for (const value of pixels) {
    sum += value;
    sumOfSquares += value * value;
  }
  const count = Math.max(1, width * height);
  const brightness = sum / count;
  const contrast = Math.sqrt(Math.max(0, sumOfSquares / count - brightness * brightness));

  let laplacianSum = 0;
  let laplacianSquares = 0;
  let samples = 0;
  for (let y = 1; y < height - 1; y += 1) {
    for (let x = 1; x < width - 1; x += 1) {
      const at = y * width + x;
      const laplacian = pixels[at - 1]! + pixels[at + 1]! + pixels[at - width]! + pixels[at + width]! - 4 * pixels[at]!;
      laplacianSum += laplacian;
      laplacianSquares += laplacian * laplacian;
      samples += 1;
    }
  }
  const meanLaplacian = samples > 0 ? laplacianSum / samples : 0;
  const sharpness = samples > 0 ? laplacianSquares / samples - meanLaplacian * meanLaplacian : 0;
  return { brightness: round(brightness), contrast: round(contrast), sharpness: round(sharpness) };
}

export function judgePicture(measure: PictureMeasure): PictureVerdict {
  if (measure.brightness <= COVERED_MAX_BRIGHTNESS || measure.contrast <= COVERED_MAX_CONTRAST) return 'covered';
  if (measure.sharpness <= BLURRED_MAX_SHARPNESS) return 'blurred';
  return 'online';
}

const round = (value: number) => Math.round(value * 10) / 10;
