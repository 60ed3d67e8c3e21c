import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import type { RtpPacket } from './rtp';
import { RtpReorderBuffer } from './rtp-reorder';

const packet = (sequence: number, ssrc = 7): RtpPacket => ({
  marker: false,
  payloadType: 96,
  sequence: sequence & 0xffff,
  timestamp: 0,
  ssrc,
  payload: Buffer.alloc(0),
});
const sequences = (packets: RtpPacket[]) => packets.map((each) => each.sequence);

function pushAll(buffer: RtpReorderBuffer, order: number[]): number[] {
  return [...order.flatMap((sequence) => sequences(buffer.push(packet(sequence)))), ...sequences(buffer.flush())];
}

describe('RtpReorderBuffer', () => {
  it('puts packets swapped within the window back in order, across the 16-bit wrap', () => {
    const buffer = new RtpReorderBuffer({ window: 8 });
    expect(pushAll(buffer, [65_533, 65_535, 65_534, 1, 0, 2, 4, 3])).toEqual([65_533, 65_534, 65_535, 0, 1, 2, 3, 4]);
    expect(buffer.stats).toMatchObject({ received: 8, reordered: 3, lost: 0, late: 0 });
  });

  it('waits for a gap until the window is full, then counts it lost and carries on', () => {
    const buffer = new RtpReorderBuffer({ window: 4 });
    expect(sequences(buffer.push(packet(10)))).toEqual([10]);
    expect(sequences(buffer.push(packet(12)))).toEqual([]);
    expect(sequences(buffer.push(packet(13)))).toEqual([]);
    expect(sequences(buffer.push(packet(14)))).toEqual([]);
    expect(sequences(buffer.push(packet(15)))).toEqual([12, 13, 14, 15]);
    expect(buffer.stats.lost).toBe(1);
    // 11 comes after it was given up: late, dropped.
    expect(buffer.push(packet(11))).toEqual([]);
    expect(buffer.stats.late).toBe(1);
  });

  it('drops the packets of a foreign SSRC (the one asked for, else the first seen)', () => {
    const asked = new RtpReorderBuffer({ ssrc: 7 });
    expect(asked.push(packet(1, 8))).toEqual([]);
    expect(sequences(asked.push(packet(1, 7)))).toEqual([1]);
    const first = new RtpReorderBuffer();
    first.push(packet(1, 9));
    expect(first.push(packet(2, 7))).toEqual([]);
    expect([asked.stats.foreignSsrc, first.stats.foreignSsrc]).toEqual([1, 1]);
  });

  it('drops duplicates', () => {
    const buffer = new RtpReorderBuffer();
    expect(pushAll(buffer, [1, 3, 3, 2, 2])).toEqual([1, 2, 3]);
    expect(buffer.stats.duplicates + buffer.stats.late).toBe(2);
  });

  it('follows a sender that restarts its sequence numbers', () => {
    const buffer = new RtpReorderBuffer({ window: 4 });
    pushAll(buffer, [40_000, 40_001]);
    const out = pushAll(buffer, [5, 6, 7, 8, 9, 10]);
    expect(out.slice(-3)).toEqual([8, 9, 10]);
  });
});

describe('RtpReorderBuffer (fuzzed)', () => {
  test.prop([
    fc.integer({ min: 0, max: 0xffff }),
    fc.integer({ min: 2, max: 64 }),
    fc.array(fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }), { minLength: 1, maxLength: 300 }),
  ])('gives back every packet in order when the shuffle stays within the window', (first, window, jitter) => {
    // Packet i arrives at time i + (less than a window): no packet overtakes one a window or more before it.
    const arrivals = jitter
      .map((fraction, index) => ({ sequence: (first + index) & 0xffff, at: index === 0 ? 0 : index + fraction * (window - 1) }))
      .sort((a, b) => a.at - b.at);
    const buffer = new RtpReorderBuffer({ window });
    const out = pushAll(
      buffer,
      arrivals.map((arrival) => arrival.sequence),
    );
    expect(out).toEqual(jitter.map((_, index) => (first + index) & 0xffff));
    expect(buffer.stats).toMatchObject({ lost: 0, late: 0, received: jitter.length });
  });

  test.prop([
    fc.array(fc.record({ sequence: fc.integer({ min: 0, max: 0xffff }), ssrc: fc.integer({ min: 0, max: 2 }) }), { maxLength: 500 }),
  ])('holds at most a window of packets, and hands on each packet at most once', (arrivals) => {
    const buffer = new RtpReorderBuffer({ window: 16 });
    const handed: RtpPacket[] = [];
    for (const { sequence, ssrc } of arrivals) {
      handed.push(...buffer.push(packet(sequence, ssrc)));
      expect((buffer as unknown as { waiting: Map<number, RtpPacket> }).waiting.size).toBeLessThanOrEqual(16);
    }
    handed.push(...buffer.flush());
    expect(new Set(handed).size).toBe(handed.length);
    expect(handed.length).toBeLessThanOrEqual(arrivals.length);
  });
});
