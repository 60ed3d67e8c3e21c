// The whole receive path against the whole send path: frames → PS → RTP → (reordered within the window, as UDP
// does) → reorder buffer → PS demuxer → the same frames.
import { fc, test } from '@fast-check/vitest';
import { readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ensureClips, ensureH265Clips } from '../../fixtures/media/clips';
import { splitAccessUnits } from './annexb';
import type { EsFrame } from './es-frame';
import { PsDemuxer } from './ps-demux';
import { muxPs } from './ps-mux';
import { parseRtp, RtpParseError } from './rtp';
import { packetizeRtp } from './rtp-packetize';
import { RtpReorderBuffer } from './rtp-reorder';
import { syntheticFrames } from './testing/synthetic-frames';

const WINDOW = 32;

function send(frames: (EsFrame & { pts: number })[], firstSequence: number): Buffer[] {
  let sequence = firstSequence;
  return frames.flatMap((frame) => {
    const { packets, nextSequence } = packetizeRtp(muxPs(frame), { ssrc: 0x01020304, sequence, timestamp: frame.pts, maxPayload: 1000 });
    sequence = nextSequence;
    return packets;
  });
}

function receive(packets: Buffer[]): { frames: EsFrame[]; reorder: RtpReorderBuffer } {
  const reorder = new RtpReorderBuffer({ ssrc: 0x01020304, window: WINDOW });
  const demuxer = new PsDemuxer();
  const frames: EsFrame[] = [];
  const take = (ordered: { payload: Buffer }[]) => ordered.forEach((packet) => frames.push(...demuxer.push(packet.payload)));
  for (const packet of packets) take(reorder.push(parseRtp(packet)));
  take(reorder.flush());
  frames.push(...demuxer.flush());
  return { frames, reorder };
}

/** Each packet arrives up to a window's worth of packets late; the first stays first. */
function shuffleWithinWindow(packets: Buffer[], jitter: number[]): Buffer[] {
  return packets
    .map((packet, index) => ({ packet, at: index === 0 ? 0 : index + (jitter[index % jitter.length] ?? 0) * (WINDOW - 1) }))
    .sort((a, b) => a.at - b.at)
    .map(({ packet }) => packet);
}

const summary = (frames: EsFrame[]) =>
  frames.map(({ codec, keyframe, pts, data }) => ({ codec, keyframe, pts, data: data.toString('base64') }));
const jitter = fc.array(fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }), { minLength: 1, maxLength: 64 });

describe('frames → PS → RTP → shuffled → reorder → demux', () => {
  for (const codec of ['h264', 'h265'] as const) {
    test.prop([syntheticFrames(codec, { maxBytes: 20_000 }), fc.integer({ min: 0, max: 0xffff }), jitter])(
      `gives back the ${codec} frames exactly`,
      (frames, firstSequence, delays) => {
        const { frames: received, reorder } = receive(shuffleWithinWindow(send(frames, firstSequence), delays));
        expect(summary(received)).toEqual(summary(frames));
        expect(reorder.stats).toMatchObject({ lost: 0, late: 0 });
      },
    );
  }

  test.prop([syntheticFrames('h264', { maxFrames: 10 }), fc.array(fc.nat(), { minLength: 1, maxLength: 5 })])(
    'loses only the frames whose packets were lost, never garbles the others into something else',
    (frames, lostPicks) => {
      const packets = send(frames, 100);
      const lost = new Set(lostPicks.map((pick) => pick % packets.length));
      const { frames: received } = receive(packets.filter((_, index) => !lost.has(index)));
      const sent = new Set(summary(frames).map((frame) => JSON.stringify(frame)));
      // A frame with a lost packet may come out short; every frame that comes out whole is one that was sent.
      const whole = summary(received).filter((frame) => sent.has(JSON.stringify(frame)));
      expect(whole.length).toBeGreaterThanOrEqual(frames.length - lost.size * 2);
    },
  );

  for (const codec of ['h264', 'h265'] as const) {
    it(`gives back a real ${codec} clip byte for byte, its packets shuffled within the window`, async () => {
      const cache = path.join(os.tmpdir(), 'canteen-command-clips');
      const clip = codec === 'h264' ? (await ensureClips(cache)).pattern : (await ensureH265Clips(cache)).hevc;
      const frames = splitAccessUnits(codec, await readFile(clip)).map((unit, index) => ({ codec, ...unit, pts: index * 3600 }));
      const { frames: received } = receive(shuffleWithinWindow(send(frames, 65_000), [0.9, 0.1, 0.5, 0.99, 0.3]));
      expect(received.map((frame) => [frame.pts, frame.keyframe])).toEqual(frames.map((frame) => [frame.pts, frame.keyframe]));
      expect(received.every((frame, index) => frame.data.equals(frames[index]!.data))).toBe(true);
    });
  }

  test.prop([
    syntheticFrames('h265', { maxFrames: 6 }),
    fc.array(fc.tuple(fc.nat(), fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 30 }),
  ])('never throws on corrupted packets (only RtpParseError from the RTP parser), and what comes out is bounded', (frames, corruptions) => {
    const packets = send(frames, 0).map((packet) => Buffer.from(packet));
    for (const [which, at, value] of corruptions) {
      const packet = packets[which % packets.length]!;
      packet[at % packet.length] = value;
    }
    const reorder = new RtpReorderBuffer({ window: 8 });
    const demuxer = new PsDemuxer();
    let bytesOut = 0;
    for (const bytes of packets) {
      let packet;
      try {
        packet = parseRtp(bytes);
      } catch (error) {
        expect(error).toBeInstanceOf(RtpParseError);
        continue;
      }
      for (const ordered of reorder.push(packet)) for (const frame of demuxer.push(ordered.payload)) bytesOut += frame.data.length;
    }
    for (const frame of demuxer.flush()) bytesOut += frame.data.length;
    expect(bytesOut).toBeLessThanOrEqual(packets.reduce((sum, packet) => sum + packet.length, 0));
  });
});
