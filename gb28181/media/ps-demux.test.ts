import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import type { EsFrame } from './es-frame';
import { MAX_FRAME_BYTES, PsDemuxer } from './ps-demux';
import { muxPs } from './ps-mux';
import { syntheticAccessUnit, syntheticFrames } from './testing/synthetic-frames';

const key264 = { codec: 'h264' as const, keyframe: true, data: syntheticAccessUnit('h264', true, Buffer.alloc(5000, 3)), pts: 3600 };
const next264 = { codec: 'h264' as const, keyframe: false, data: syntheticAccessUnit('h264', false, Buffer.alloc(800, 4)), pts: 7200 };

const demuxAll = (bytes: Buffer[]) => {
  const demuxer = new PsDemuxer();
  return { frames: [...bytes.flatMap((chunk) => demuxer.push(chunk)), ...demuxer.flush()], demuxer };
};
const summary = (frames: EsFrame[]) =>
  frames.map(({ codec, keyframe, pts, data }) => ({ codec, keyframe, pts, data: data.toString('hex') }));

function pes(streamId: number, payload: Buffer): Buffer {
  const header = Buffer.from([0, 0, 1, streamId, 0, 0, 0x80, 0, 0]);
  header.writeUInt16BE(3 + payload.length, 4);
  return Buffer.concat([header, payload]);
}

describe('PsDemuxer', () => {
  it('gives back each pack as one frame with its PTS, codec from the stream map, keyframes marked', () => {
    const { frames } = demuxAll([muxPs(key264), muxPs(next264)]);
    expect(summary(frames)).toEqual(summary([key264, next264]));
  });

  it('emits a frame when the next pack begins, before flush', () => {
    const demuxer = new PsDemuxer();
    expect(demuxer.push(muxPs(key264))).toEqual([]);
    expect(demuxer.push(muxPs(next264)).map((frame) => frame.pts)).toEqual([3600]);
  });

  it('reads pack stuffing, skips audio and private PES, and frames larger than one PES', () => {
    const big = { ...key264, data: syntheticAccessUnit('h264', true, Buffer.alloc(200_000, 5)) };
    const stuffed = Buffer.from(muxPs(big));
    const pack = Buffer.concat([stuffed.subarray(0, 13), Buffer.from([0xfb, 0xff, 0xff, 0xff])]); // 3 stuffing bytes
    const withAudio = Buffer.concat([pack, pes(0xc0, Buffer.alloc(320, 0xd5)), pes(0xbd, Buffer.alloc(10, 1)), stuffed.subarray(14)]);
    expect(summary(demuxAll([withAudio, muxPs(next264)]).frames)).toEqual(summary([big, next264]));
  });

  it('takes the codec H.265 from the stream map (stream_type 0x24) and marks IRAP pictures', () => {
    const key265 = { codec: 'h265' as const, keyframe: true, data: syntheticAccessUnit('h265', true, Buffer.alloc(100, 2)), pts: 0 };
    const next265 = { codec: 'h265' as const, keyframe: false, data: syntheticAccessUnit('h265', false, Buffer.alloc(90, 2)), pts: 3600 };
    expect(summary(demuxAll([muxPs(key265), muxPs(next265)]).frames)).toEqual(summary([key265, next265]));
  });

  it('tells H.265 by its NAL headers when a stream never sends a map', () => {
    const key265 = { codec: 'h265' as const, keyframe: true, data: syntheticAccessUnit('h265', true, Buffer.alloc(100, 2)), pts: 0 };
    const { frames } = demuxAll([muxPs(key265, { withHeaders: false })]);
    expect(frames.map((frame) => [frame.codec, frame.keyframe])).toEqual([['h265', true]]);
  });

  it('resyncs after garbage and counts the bytes it skipped', () => {
    const garbage = Buffer.from('not a program stream at all, 0001 no start code here');
    const { frames, demuxer } = demuxAll([garbage, muxPs(key264), Buffer.from([0, 0, 1, 0xba, 0x00]), garbage, muxPs(next264)]);
    expect(summary(frames)).toEqual(summary([key264, next264]));
    expect(demuxer.stats.skippedBytes).toBeGreaterThanOrEqual(2 * garbage.length);
  });

  it('drops a frame that grows without bound (no pack headers) instead of holding it', () => {
    const demuxer = new PsDemuxer();
    const chunk = pes(0xe0, Buffer.alloc(65_000, 1));
    for (let index = 0; index < Math.ceil(MAX_FRAME_BYTES / 65_000) + 2; index++) demuxer.push(chunk);
    expect(demuxer.flush()).toEqual([]);
    expect(demuxer.stats.droppedFrames).toBe(1);
  });
});

describe('PsDemuxer (fuzzed)', () => {
  test.prop([fc.array(fc.uint8Array({ maxLength: 4000 }), { maxLength: 50 })])('never throws on arbitrary bytes', (chunks) => {
    const demuxer = new PsDemuxer();
    for (const chunk of chunks) demuxer.push(Buffer.from(chunk));
    demuxer.flush();
    expect(heldBytes(demuxer)).toBeLessThanOrEqual(70_000 + 4000);
  });

  test.prop([
    syntheticFrames('h264', { maxFrames: 8 }),
    fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 20 }),
    fc.array(fc.nat(), { maxLength: 10 }),
  ])('never throws on mutated program streams cut anywhere, and holds at most a packet and a frame', (frames, mutations, cuts) => {
    const stream = Buffer.concat(frames.map((frame) => muxPs(frame)));
    for (const [at, value] of mutations) stream[at % stream.length] = value;
    const points = [...new Set(cuts.map((cut) => cut % stream.length))].sort((a, b) => a - b);
    const demuxer = new PsDemuxer();
    let from = 0;
    for (const point of [...points, stream.length]) {
      for (const frame of demuxer.push(stream.subarray(from, point))) expect(frame.data.length).toBeLessThanOrEqual(MAX_FRAME_BYTES);
      from = point;
      expect(heldBytes(demuxer)).toBeLessThanOrEqual(70_000 + stream.length);
    }
    demuxer.flush();
  });

  test.prop([fc.oneof(syntheticFrames('h264'), syntheticFrames('h265')), fc.array(fc.nat(), { maxLength: 30 })])(
    'gives back every frame exactly, whatever pieces the stream arrives in',
    (frames, cuts) => {
      const stream = Buffer.concat(frames.map((frame) => muxPs(frame)));
      const points = [...new Set(cuts.map((cut) => cut % stream.length))].sort((a, b) => a - b);
      const pieces = [...points, stream.length].map((point, index, all) => stream.subarray(index === 0 ? 0 : all[index - 1], point));
      expect(summary(demuxAll(pieces).frames)).toEqual(summary(frames));
    },
  );
});

function heldBytes(demuxer: PsDemuxer): number {
  const inside = demuxer as unknown as { bufferedBytes: number; frameBytes: number };
  return inside.bufferedBytes + inside.frameBytes;
}
