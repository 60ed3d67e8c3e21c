import { describe, expect, it } from 'vitest';
import { containsKeyframe, splitAccessUnits } from './annexb';
import { syntheticAccessUnit } from './testing/synthetic-frames';

describe('splitAccessUnits', () => {
  it.each(['h264', 'h265'] as const)('cuts a %s stream into its access units and tells the keyframes', (codec) => {
    const units = [
      syntheticAccessUnit(codec, true, Buffer.alloc(300, 7)),
      syntheticAccessUnit(codec, false, Buffer.alloc(100, 8)),
      syntheticAccessUnit(codec, false, Buffer.alloc(50, 9)),
      syntheticAccessUnit(codec, true, Buffer.alloc(200, 10)),
    ];
    const split = splitAccessUnits(codec, Buffer.concat(units));
    expect(split.map((unit) => unit.data.toString('hex'))).toEqual(units.map((unit) => unit.toString('hex')));
    expect(split.map((unit) => unit.keyframe)).toEqual([true, false, false, true]);
  });

  it('keeps the slices of one picture together (a second slice is not a new frame)', () => {
    const picture = Buffer.concat([syntheticAccessUnit('h264', false, Buffer.alloc(40, 1)), Buffer.from([0, 0, 1, 0x41, 0x12, 5, 5])]);
    expect(splitAccessUnits('h264', Buffer.concat([picture, picture]))).toHaveLength(2);
  });

  it('tells H.264 IDR/SPS and H.265 IRAP/VPS from other pictures', () => {
    expect(containsKeyframe('h264', Buffer.from([0, 0, 1, 0x65, 0x88]))).toBe(true);
    expect(containsKeyframe('h264', Buffer.from([0, 0, 1, 0x41, 0x9a]))).toBe(false);
    expect(containsKeyframe('h265', Buffer.from([0, 0, 1, 0x2a, 0x01, 0x80]))).toBe(true); // CRA (21)
    expect(containsKeyframe('h265', Buffer.from([0, 0, 1, 0x02, 0x01, 0x80]))).toBe(false);
  });
});
