import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { parseRtp, RtpParseError, serializeRtp, type RtpPacket } from './rtp';

const packet: RtpPacket = {
  marker: true,
  payloadType: 96,
  sequence: 65_535,
  timestamp: 0xfffffff0,
  ssrc: 0x12345678,
  payload: Buffer.from('pack'),
};

/** A packet with what devices may add: CSRCs, a header extension, padding. */
function withExtras(payload: Buffer, { csrcs = 0, extensionWords = -1, padding = 0 } = {}): Buffer {
  const header = Buffer.from(serializeRtp({ ...packet, payload: Buffer.alloc(0) }));
  header[0] = 0x80 | (padding > 0 ? 0x20 : 0) | (extensionWords >= 0 ? 0x10 : 0) | csrcs;
  const parts: Buffer[] = [header, Buffer.alloc(4 * csrcs, 0xcc)];
  if (extensionWords >= 0) {
    const extension = Buffer.alloc(4 + 4 * extensionWords, 0xee);
    extension.writeUInt16BE(extensionWords, 2);
    parts.push(extension);
  }
  parts.push(payload);
  if (padding > 0) parts.push(Buffer.alloc(padding - 1), Buffer.from([padding]));
  return Buffer.concat(parts);
}

function withLastByte(bytes: Buffer, value: number): Buffer {
  bytes[bytes.length - 1] = value;
  return bytes;
}

describe('parseRtp', () => {
  it('reads back what serializeRtp wrote, sequence and timestamp at their limits', () => {
    expect(parseRtp(serializeRtp(packet))).toEqual(packet);
  });

  it('skips CSRCs, a header extension and padding to find the payload', () => {
    const parsed = parseRtp(withExtras(Buffer.from('video'), { csrcs: 3, extensionWords: 2, padding: 4 }));
    expect(parsed.payload.toString()).toBe('video');
    expect(parsed.ssrc).toBe(packet.ssrc);
  });

  it.each([
    ['too short', Buffer.alloc(11, 0x80)],
    ['version 1', Buffer.from([0x40, ...Buffer.alloc(15)])],
    ['CSRCs past the end', withExtras(Buffer.alloc(0), { csrcs: 15 }).subarray(0, 20)],
    ['an extension past the end', withExtras(Buffer.alloc(0), { extensionWords: 100 }).subarray(0, 24)],
    ['padding longer than the payload', withLastByte(withExtras(Buffer.from('ab'), { padding: 4 }), 200)],
    ['padding of 0', withLastByte(withExtras(Buffer.from('ab'), { padding: 2 }), 0)],
    ['a packet over 64 KiB', Buffer.concat([serializeRtp(packet), Buffer.alloc(65_536)])],
  ])('refuses %s with an RtpParseError', (_, bytes) => {
    expect(() => parseRtp(bytes)).toThrow(RtpParseError);
  });
});

const rtpPacket = fc.record({
  marker: fc.boolean(),
  payloadType: fc.integer({ min: 0, max: 127 }),
  sequence: fc.integer({ min: 0, max: 0xffff }),
  timestamp: fc.integer({ min: 0, max: 0xffffffff }),
  ssrc: fc.integer({ min: 0, max: 0xffffffff }),
  payload: fc.uint8Array({ maxLength: 1500 }).map((bytes) => Buffer.from(bytes)),
});

describe('parseRtp (fuzzed)', () => {
  test.prop([rtpPacket])('round-trips any packet', (original) => {
    expect(parseRtp(serializeRtp(original))).toEqual(original);
  });

  test.prop([fc.uint8Array({ maxLength: 2000 })])('throws nothing but RtpParseError on arbitrary bytes', (bytes) => {
    expectOnlyParseErrors(() => parseRtp(Buffer.from(bytes)));
  });

  test.prop([rtpPacket, fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 8 })])(
    'throws nothing but RtpParseError on mutated packets, and a payload stays inside the packet',
    (original, mutations) => {
      const bytes = Buffer.from(serializeRtp(original));
      for (const [at, value] of mutations) bytes[at % bytes.length] = value;
      expectOnlyParseErrors(() => {
        const parsed = parseRtp(bytes);
        expect(parsed.payload.byteOffset - bytes.byteOffset + parsed.payload.length).toBeLessThanOrEqual(bytes.length);
      });
    },
  );
});

function expectOnlyParseErrors(run: () => void): void {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(RtpParseError);
  }
}
