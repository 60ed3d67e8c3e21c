import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { serializeRtp } from './rtp';
import { frameForTcp, RtpFramingError, RtpTcpDeframer } from './rtp-tcp';

// Compared as text: a deep equality of 64 KiB buffers byte by byte takes seconds.
const asText = (packets: Buffer[]) => packets.map((packet) => packet.toString('base64'));
const rtp = (size: number, sequence = 0) =>
  serializeRtp({ marker: false, payloadType: 96, sequence, timestamp: 0, ssrc: 1, payload: Buffer.alloc(size, sequence & 0xff) });

/** Cuts `bytes` at the given points (as TCP reads do). */
function cut(bytes: Buffer, points: number[]): Buffer[] {
  const sorted = [...new Set(points.map((point) => point % (bytes.length + 1)))].sort((a, b) => a - b);
  const pieces: Buffer[] = [];
  let from = 0;
  for (const point of [...sorted, bytes.length]) {
    pieces.push(bytes.subarray(from, point));
    from = point;
  }
  return pieces;
}

describe('RtpTcpDeframer', () => {
  it('gives back each packet, whatever reads the stream arrives in', () => {
    const packets = [rtp(100, 1), rtp(65_000, 2), rtp(0, 3), rtp(1400, 4)];
    const stream = Buffer.concat(packets.map(frameForTcp));
    for (const points of [[], [1], [1, 2, 3], [5000, 5001, 65_010], Array.from({ length: 200 }, (_, index) => index * 331)]) {
      const deframer = new RtpTcpDeframer();
      const out = cut(stream, points).flatMap((piece) => deframer.push(piece));
      expect(asText(out)).toEqual(asText(packets));
    }
  });

  it('skips empty frames, but hangs up on a run of them', () => {
    const deframer = new RtpTcpDeframer();
    expect(deframer.push(Buffer.concat([Buffer.alloc(4), frameForTcp(rtp(10))]))).toEqual([rtp(10)]);
    expect(() => deframer.push(Buffer.alloc(200))).toThrow(RtpFramingError);
  });

  it('throws RtpFramingError on a stream that is not RFC 4571 RTP (an HTTP request)', () => {
    expect(() => new RtpTcpDeframer().push(Buffer.from('GET / HTTP/1.1\r\n\r\n'))).toThrow(RtpFramingError);
  });

  it('refuses to frame a packet longer than 65535 bytes', () => {
    expect(() => frameForTcp(Buffer.alloc(65_536))).toThrow(RangeError);
  });
});

describe('RtpTcpDeframer (fuzzed)', () => {
  test.prop([fc.array(fc.integer({ min: 0, max: 3000 }), { maxLength: 30 }), fc.array(fc.nat(), { maxLength: 20 })])(
    'gives back any packets cut at any points',
    (sizes, points) => {
      const packets = sizes.map((size, index) => rtp(size, index));
      const deframer = new RtpTcpDeframer();
      const out = cut(Buffer.concat(packets.map(frameForTcp)), points).flatMap((piece) => deframer.push(piece));
      expect(asText(out)).toEqual(asText(packets));
    },
  );

  test.prop([fc.array(fc.uint8Array({ maxLength: 5000 }), { maxLength: 40 })])(
    'on arbitrary bytes throws nothing but RtpFramingError and holds at most one packet',
    (chunks) => {
      const deframer = new RtpTcpDeframer();
      try {
        for (const chunk of chunks) {
          for (const packet of deframer.push(Buffer.from(chunk))) expect(packet.length).toBeLessThanOrEqual(65_535);
          expect((deframer as unknown as { pendingBytes: number }).pendingBytes).toBeLessThanOrEqual(2 + 65_535 + 5000);
        }
      } catch (error) {
        expect(error).toBeInstanceOf(RtpFramingError);
      }
    },
  );
});
