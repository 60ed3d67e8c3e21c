// Takes the video out of an MPEG-2 Program Stream as GB/T 28181 devices send it (one video frame per pack).
// Input is whatever bytes arrive (RTP payloads in order); garbage, cut packets and unknown streams are skipped
// until the next start code, so the demuxer never throws, and it holds at most one PS packet and one frame.
import { containsKeyframe, nalUnits } from './annexb';
import type { EsFrame, VideoCodec } from './es-frame';
import { codecOfStreamType, PACK_START, PROGRAM_END, PROGRAM_STREAM_MAP, VIDEO_STREAM_FIRST, VIDEO_STREAM_LAST } from './ps-codes';

export interface PsDemuxStats {
  packs: number;
  frames: number;
  /** Bytes that were not part of any PS packet (garbage, a resync). */
  skippedBytes: number;
  /** Frames thrown away because they grew past MAX_FRAME_BYTES (a stream with no pack headers). */
  droppedFrames: number;
}

const START_CODE_PREFIX = Buffer.from([0, 0, 1]);
/** A 4K H.265 keyframe is 1–2 MB; anything far beyond is not a frame. */
export const MAX_FRAME_BYTES = 8 * 1024 * 1024;
const PES_HEADER_BYTES = 9;
const PTS_MODULUS = 2 ** 33;

type Parsed = { length: number } | 'need-more' | 'invalid';

export class PsDemuxer {
  readonly stats: PsDemuxStats = { packs: 0, frames: 0, skippedBytes: 0, droppedFrames: 0 };
  private chunks: Buffer[] = [];
  private bufferedBytes = 0;
  /** How many buffered bytes the next step needs before it can parse anything. */
  private needed = 4;
  /** stream_type per elementary stream id, from the program stream map. */
  private readonly streamTypes = new Map<number, number>();
  /** The codec told by the NAL headers, for streams whose map has not come (yet). */
  private guessedCodec: VideoCodec | undefined;
  private videoStreamId: number | undefined;
  private frameParts: Buffer[] = [];
  private frameBytes = 0;
  private framePts: number | undefined;
  private frameTooLarge = false;

  push(bytes: Buffer): EsFrame[] {
    if (bytes.length === 0) return [];
    this.chunks.push(bytes);
    this.bufferedBytes += bytes.length;
    if (this.bufferedBytes < this.needed) return [];
    // Joined only once the next packet is whole, so a PES that arrives in many RTP packets is copied once.
    const data = this.chunks.length === 1 ? this.chunks[0]! : Buffer.concat(this.chunks, this.bufferedBytes);
    const frames: EsFrame[] = [];
    const consumed = this.parse(data, frames);
    const rest = data.subarray(consumed);
    this.chunks = rest.length > 0 ? [rest] : [];
    this.bufferedBytes = rest.length;
    return frames;
  }

  /** Hands on the frame in progress (the end of a stream, or when no next pack will come soon). */
  flush(): EsFrame[] {
    const frames: EsFrame[] = [];
    this.endFrame(frames);
    return frames;
  }

  /** Parses whole packets from `data`; returns how many bytes were used. */
  private parse(data: Buffer, frames: EsFrame[]): number {
    let offset = 0;
    for (;;) {
      const found = data.indexOf(START_CODE_PREFIX, offset);
      if (found === -1) {
        // The last two bytes may be the beginning of a start code.
        const keep = Math.min(2, data.length - offset);
        this.stats.skippedBytes += data.length - offset - keep;
        this.needed = 4;
        return data.length - keep;
      }
      this.stats.skippedBytes += found - offset;
      offset = found;
      const parsed = this.parsePacket(data, offset, frames);
      if (parsed === 'need-more') return offset;
      if (parsed === 'invalid') {
        this.stats.skippedBytes += 1;
        offset += 1;
      } else offset += parsed.length;
    }
  }

  private parsePacket(data: Buffer, at: number, frames: EsFrame[]): Parsed {
    const available = data.length - at;
    if (available < 4) return this.needMore(4);
    const id = data[at + 3]!;
    if (id === PACK_START) {
      if (available < 14) return this.needMore(14);
      const marker = data[at + 4]!;
      // MPEG-2 packs carry '01' and a stuffing length; MPEG-1 packs ('0010') are 12 bytes.
      const length = marker >> 6 === 1 ? 14 + (data[at + 13]! & 0x07) : marker >> 4 === 2 ? 12 : 0;
      if (length === 0) return 'invalid';
      if (available < length) return this.needMore(length);
      this.endFrame(frames);
      this.stats.packs++;
      return { length };
    }
    if (id === PROGRAM_END) {
      this.endFrame(frames);
      return { length: 4 };
    }
    if (id < PROGRAM_END) return 'invalid';
    if (available < 6) return this.needMore(6);
    const length = 6 + data.readUInt16BE(at + 4);
    if (available < length) return this.needMore(length);
    if (id === PROGRAM_STREAM_MAP) this.readStreamMap(data.subarray(at, at + length));
    else if (id >= VIDEO_STREAM_FIRST && id <= VIDEO_STREAM_LAST) {
      if (!this.takeVideo(data.subarray(at, at + length), id, frames)) return 'invalid';
    }
    // System header, audio, private and padding streams: skipped whole.
    return { length };
  }

  private needMore(bytes: number): 'need-more' {
    this.needed = bytes;
    return 'need-more';
  }

  private readStreamMap(map: Buffer): void {
    if (map.length < 12) return;
    let at = 10 + map.readUInt16BE(8); // past program_stream_info
    if (at + 2 > map.length) return;
    const end = Math.min(at + 2 + map.readUInt16BE(at), map.length - 4); // the map ends with a CRC
    at += 2;
    while (at + 4 <= end) {
      this.streamTypes.set(map[at + 1]!, map[at]!);
      at += 4 + map.readUInt16BE(at + 2);
    }
  }

  /** Adds a video PES's payload to the frame in progress; false when it is no PES after all. */
  private takeVideo(pes: Buffer, id: number, frames: EsFrame[]): boolean {
    if (pes.length < PES_HEADER_BYTES || pes[6]! >> 6 !== 2) return false;
    const headerLength = pes[8]!;
    const payloadStart = PES_HEADER_BYTES + headerLength;
    if (payloadStart > pes.length) return false;
    this.videoStreamId ??= id;
    if (id !== this.videoStreamId) return true; // a second video stream: not ours to show
    const pts = (pes[7]! & 0x80) !== 0 && headerLength >= 5 ? readTimestamp(pes, PES_HEADER_BYTES) : undefined;
    // A new time stamp is a new frame even when the device put two frames in one pack.
    if (pts !== undefined && this.frameBytes > 0 && pts !== this.framePts) this.endFrame(frames);
    if (this.frameBytes === 0 && !this.frameTooLarge) this.framePts = pts;
    const payload = pes.subarray(payloadStart);
    if (this.frameTooLarge || this.frameBytes + payload.length > MAX_FRAME_BYTES) {
      if (!this.frameTooLarge) this.stats.droppedFrames++;
      this.frameTooLarge = true;
      this.frameParts = [];
      this.frameBytes = 0;
      return true;
    }
    if (payload.length > 0) {
      this.frameParts.push(payload);
      this.frameBytes += payload.length;
    }
    return true;
  }

  private endFrame(frames: EsFrame[]): void {
    const parts = this.frameParts;
    this.frameParts = [];
    this.frameTooLarge = false;
    if (this.frameBytes === 0) return;
    const data = Buffer.concat(parts, this.frameBytes);
    this.frameBytes = 0;
    const codec = this.codecOf(data);
    this.stats.frames++;
    const frame: EsFrame = { codec, data, keyframe: containsKeyframe(codec, data) };
    if (this.framePts !== undefined) frame.pts = this.framePts;
    frames.push(frame);
  }

  private codecOf(data: Buffer): VideoCodec {
    const mapped = codecOfStreamType(this.streamTypes.get(this.videoStreamId ?? VIDEO_STREAM_FIRST) ?? -1);
    if (mapped) return mapped;
    this.guessedCodec ??= guessCodec(data);
    return this.guessedCodec;
  }
}

/**
 * For a stream without a program stream map: an H.265 NAL header's second byte is 0x01 (layer 0, temporal id
 * 1) in the streams cameras send, while an H.264 NAL's second byte is slice or parameter data.
 */
function guessCodec(data: Buffer): VideoCodec {
  const first = nalUnits(data)[0];
  if (!first) return 'h264';
  return data[first.header + 1] === 0x01 && (data[first.header]! & 0x81) === 0 ? 'h265' : 'h264';
}

function readTimestamp(bytes: Buffer, at: number): number {
  const value =
    ((bytes[at]! >> 1) & 0x07) * 2 ** 30 +
    bytes[at + 1]! * 2 ** 22 +
    (bytes[at + 2]! >> 1) * 2 ** 15 +
    bytes[at + 3]! * 2 ** 7 +
    (bytes[at + 4]! >> 1);
  return value % PTS_MODULUS;
}
