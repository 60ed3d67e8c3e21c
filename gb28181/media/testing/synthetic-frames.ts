// Access units shaped like a camera's (parameter sets and an IDR/IRAP slice on keyframes, one slice otherwise)
// with made-up slice data, for tests that need many frames of any size without running an encoder.
import { fc } from '@fast-check/vitest';
import type { VideoCodec } from '../es-frame';

const START = [0, 0, 0, 1];

// NAL headers (and, for slices, a first byte whose top bit marks the picture's first slice).
const NALS: Record<VideoCodec, { parameterSets: number[][]; keySlice: number[]; slice: number[] }> = {
  h264: {
    parameterSets: [
      [0x67, 0x4d, 0x40, 0x1f],
      [0x68, 0xee, 0x3c, 0x80],
    ],
    keySlice: [0x65, 0x88],
    slice: [0x41, 0x9a],
  },
  h265: {
    parameterSets: [
      [0x40, 0x01, 0x0c],
      [0x42, 0x01, 0x01],
      [0x44, 0x01, 0xc1],
    ],
    keySlice: [0x26, 0x01, 0xaf],
    slice: [0x02, 0x01, 0xd0],
  },
};

/** One access unit; `body` bytes must not be 0 (so they never form a start code). */
export function syntheticAccessUnit(codec: VideoCodec, keyframe: boolean, body: Uint8Array): Buffer {
  const nals = NALS[codec];
  const parts = keyframe ? nals.parameterSets.flatMap((nal) => [...START, ...nal]) : [];
  parts.push(...START, ...(keyframe ? nals.keySlice : nals.slice));
  return Buffer.concat([Buffer.from(parts), Buffer.from(body)]);
}

/** Frames of a GOP-like stream: a keyframe first, then keyframes where `keyframes` says. */
export const syntheticFrames = (codec: VideoCodec, options: { maxFrames?: number; maxBytes?: number } = {}) =>
  fc
    .array(
      fc.record({
        keyframe: fc.boolean(),
        body: fc.uint8Array({ min: 1, maxLength: options.maxBytes ?? 3000 }),
      }),
      { minLength: 1, maxLength: options.maxFrames ?? 20 },
    )
    .map((frames) =>
      frames.map(({ keyframe, body }, index) => ({
        codec,
        keyframe: index === 0 || keyframe,
        data: syntheticAccessUnit(codec, index === 0 || keyframe, body),
        pts: index * 3600,
      })),
    );
