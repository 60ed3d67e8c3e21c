// RTP over TCP as GB/T 28181 devices send it: each packet prefixed with its 2-byte big-endian length (RFC 4571).
import { MAX_RTP_PACKET_BYTES } from './rtp';

export class RtpFramingError extends Error {
  override name = 'RtpFramingError';
}

const LENGTH_BYTES = 2;
const MIN_RTP_BYTES = 12;
// RFC 4571 allows empty frames; a long run of them is not an RTP stream, and the caller should hang up.
const MAX_EMPTY_FRAMES_IN_A_ROW = 64;

/**
 * Splits a TCP byte stream into RTP packets. It keeps at most one unfinished packet (≤ 64 KiB) between pushes.
 * It throws RtpFramingError when the stream is not RFC 4571 RTP (a frame too short to be RTP or not version 2,
 * a run of empty frames): the framing is then lost for good and the caller should close the connection.
 */
export class RtpTcpDeframer {
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private emptyFramesInARow = 0;

  push(chunk: Buffer): Buffer[] {
    if (chunk.length === 0) return [];
    this.pending.push(chunk);
    this.pendingBytes += chunk.length;
    if (this.pendingBytes < LENGTH_BYTES) return [];
    // Checked before waiting for the whole frame: garbage would otherwise be waited on for up to 64 KiB.
    const length = (this.peek(0) << 8) | this.peek(1);
    if (length !== 0 && this.pendingBytes > LENGTH_BYTES) checkFrameStart(length, this.peek(LENGTH_BYTES));
    if (this.pendingBytes < LENGTH_BYTES + length) return [];

    // Joined only once a whole packet is there, so a packet that arrives in many reads is copied once.
    const bytes = this.pending.length === 1 ? this.pending[0]! : Buffer.concat(this.pending, this.pendingBytes);
    const packets: Buffer[] = [];
    let offset = 0;
    while (bytes.length - offset >= LENGTH_BYTES) {
      const length = bytes.readUInt16BE(offset);
      if (length === 0) {
        if (++this.emptyFramesInARow > MAX_EMPTY_FRAMES_IN_A_ROW) throw new RtpFramingError('a run of empty RFC 4571 frames');
        offset += LENGTH_BYTES;
        continue;
      }
      this.emptyFramesInARow = 0;
      if (bytes.length - offset > LENGTH_BYTES) checkFrameStart(length, bytes[offset + LENGTH_BYTES]!);
      if (bytes.length - offset < LENGTH_BYTES + length) break;
      packets.push(bytes.subarray(offset + LENGTH_BYTES, offset + LENGTH_BYTES + length));
      offset += LENGTH_BYTES + length;
    }
    const rest = bytes.subarray(offset);
    this.pending = rest.length > 0 ? [rest] : [];
    this.pendingBytes = rest.length;
    return packets;
  }

  /** The byte at `index` of what is buffered (the first bytes may sit in several chunks). */
  private peek(index: number): number {
    for (const chunk of this.pending) {
      if (index < chunk.length) return chunk[index]!;
      index -= chunk.length;
    }
    return 0;
  }
}

/** A frame must be long enough for an RTP header and begin with version 2. */
function checkFrameStart(length: number, firstByte: number): void {
  if (length < MIN_RTP_BYTES) throw new RtpFramingError(`an RFC 4571 frame of ${length} bytes cannot hold RTP`);
  if (firstByte >> 6 !== 2) throw new RtpFramingError('an RFC 4571 frame that does not start with an RTP version 2 header');
}

/** Prefixes one RTP packet with its RFC 4571 length. */
export function frameForTcp(packet: Buffer): Buffer {
  if (packet.length > MAX_RTP_PACKET_BYTES) throw new RangeError(`RTP packet of ${packet.length} bytes is too long for RFC 4571`);
  const framed = Buffer.allocUnsafe(LENGTH_BYTES + packet.length);
  framed.writeUInt16BE(packet.length, 0);
  packet.copy(framed, LENGTH_BYTES);
  return framed;
}
