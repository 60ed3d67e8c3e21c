// RTP packets (RFC 3550) as GB/T 28181 devices send them: version 2, payload type 96 carrying MPEG-2 PS.
// The parser reads (and skips) CSRC lists, header extensions and padding, and refuses anything malformed with
// an RtpParseError: a packet from the network is never trusted.

export interface RtpPacket {
  marker: boolean;
  payloadType: number;
  sequence: number;
  timestamp: number;
  ssrc: number;
  payload: Buffer;
}

export class RtpParseError extends Error {
  override name = 'RtpParseError';
}

const FIXED_HEADER_BYTES = 12;
/** The largest packet either transport can carry (an RFC 4571 length, a UDP datagram). */
export const MAX_RTP_PACKET_BYTES = 65_535;

/** Reads one RTP packet; the payload is a view of `packet`, not a copy. */
export function parseRtp(packet: Buffer): RtpPacket {
  if (packet.length < FIXED_HEADER_BYTES) throw new RtpParseError(`RTP packet of ${packet.length} bytes is shorter than its header`);
  if (packet.length > MAX_RTP_PACKET_BYTES) throw new RtpParseError(`RTP packet of ${packet.length} bytes is too large`);
  const first = packet[0]!;
  const version = first >> 6;
  if (version !== 2) throw new RtpParseError(`RTP version ${version} (expected 2)`);
  const hasPadding = (first & 0x20) !== 0;
  const hasExtension = (first & 0x10) !== 0;
  const csrcCount = first & 0x0f;

  let offset = FIXED_HEADER_BYTES + 4 * csrcCount;
  if (hasExtension) {
    if (packet.length < offset + 4) throw new RtpParseError('RTP header extension is cut short');
    offset += 4 + 4 * packet.readUInt16BE(offset + 2);
  }
  let end = packet.length;
  if (hasPadding) {
    const padding = packet[packet.length - 1]!;
    if (padding === 0) throw new RtpParseError('RTP padding of 0 bytes');
    end -= padding;
  }
  if (offset > end) throw new RtpParseError('RTP header (CSRC, extension, padding) is longer than the packet');

  return {
    marker: (packet[1]! & 0x80) !== 0,
    payloadType: packet[1]! & 0x7f,
    sequence: packet.readUInt16BE(2),
    timestamp: packet.readUInt32BE(4),
    ssrc: packet.readUInt32BE(8),
    payload: packet.subarray(offset, end),
  };
}

/** Writes a packet with the fixed header only (no CSRC, extension or padding), as a sender of PS does. */
export function serializeRtp(packet: RtpPacket): Buffer {
  if (packet.payload.length + FIXED_HEADER_BYTES > MAX_RTP_PACKET_BYTES) {
    throw new RangeError(`RTP payload of ${packet.payload.length} bytes does not fit in one packet`);
  }
  const out = Buffer.allocUnsafe(FIXED_HEADER_BYTES + packet.payload.length);
  out[0] = 0x80;
  out[1] = (packet.marker ? 0x80 : 0) | (packet.payloadType & 0x7f);
  out.writeUInt16BE(packet.sequence & 0xffff, 2);
  out.writeUInt32BE(packet.timestamp >>> 0, 4);
  out.writeUInt32BE(packet.ssrc >>> 0, 8);
  packet.payload.copy(out, FIXED_HEADER_BYTES);
  return out;
}
