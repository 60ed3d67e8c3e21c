// Just enough of MPEG-TS (ISO 13818-1) to fan a live stream out: cut a byte stream into 188-byte packets,
// follow PAT → PMT to the video PID, and mark where frames and keyframes begin. A frame starts with a PES
// (payload_unit_start_indicator) on the video PID; ffmpeg's muxer sets the adaptation field's
// random_access_indicator on the packet that starts a keyframe.
export const TS_PACKET_SIZE = 188;
const SYNC_BYTE = 0x47;
const PAT_PID = 0;

/** Stream types (ISO 13818-1 table 2-34 and successors) that carry video. */
export const VIDEO_STREAM_TYPES: ReadonlyMap<number, string> = new Map([
  [0x01, 'mpeg1video'],
  [0x02, 'mpeg2video'],
  [0x10, 'mpeg4'],
  [0x1b, 'h264'],
  [0x24, 'hevc'],
  [0x42, 'cavs'],
  [0xea, 'vc1'],
]);

export const packetPid = (packet: Buffer, offset = 0) => ((packet[offset + 1]! & 0x1f) << 8) | packet[offset + 2]!;
export const isPayloadStart = (packet: Buffer, offset = 0) => (packet[offset + 1]! & 0x40) !== 0;

/** Whether the packet's adaptation field has random_access_indicator set. */
export function isRandomAccess(packet: Buffer, offset = 0): boolean {
  const hasAdaptationField = (packet[offset + 3]! & 0x20) !== 0;
  return hasAdaptationField && packet[offset + 4]! > 0 && (packet[offset + 5]! & 0x40) !== 0;
}

/** Offset of the packet's payload within the packet, or -1 when it has none. */
export function payloadOffset(packet: Buffer, offset = 0): number {
  const control = (packet[offset + 3]! >> 4) & 0x3;
  if (control === 1) return 4;
  if (control === 3) return 5 + packet[offset + 4]!;
  return -1;
}

/** The PSI section a packet starts (after pointer_field), or null. */
function sectionOf(packet: Buffer, offset: number): Buffer | null {
  if (!isPayloadStart(packet, offset)) return null;
  const start = payloadOffset(packet, offset);
  if (start < 0 || start >= TS_PACKET_SIZE) return null;
  const sectionStart = offset + start + 1 + packet[offset + start]!;
  const end = offset + TS_PACKET_SIZE;
  if (sectionStart + 3 > end) return null;
  const sectionLength = ((packet[sectionStart + 1]! & 0x0f) << 8) | packet[sectionStart + 2]!;
  return packet.subarray(sectionStart, Math.min(end, sectionStart + 3 + sectionLength));
}

/** Cuts arbitrary chunks into whole packets, resynchronising on the sync byte after garbage. */
export class TsPacketAligner {
  private remainder: Buffer = Buffer.alloc(0);

  /** The whole packets available after this chunk (possibly none), as one buffer. */
  push(chunk: Buffer): Buffer {
    let data = this.remainder.length > 0 ? Buffer.concat([this.remainder, chunk]) : chunk;
    if (data[0] !== SYNC_BYTE) {
      const sync = data.indexOf(SYNC_BYTE);
      data = sync < 0 ? Buffer.alloc(0) : data.subarray(sync);
    }
    const whole = data.length - (data.length % TS_PACKET_SIZE);
    // Copied, so a small remainder does not keep a 64 KB chunk alive.
    this.remainder = Buffer.from(data.subarray(whole));
    return data.subarray(0, whole);
  }

  reset(): void {
    this.remainder = Buffer.alloc(0);
  }
}

export interface TsChunkInfo {
  /** Video frames that begin in the chunk. */
  frames: number;
  /** Byte offset of the first keyframe's first packet in the chunk, or -1. */
  keyframeOffset: number;
}

/** Follows the program tables of one stream and reports frames and keyframes per chunk of whole packets. */
export class TsStreamInspector {
  private pmtPid = -1;
  private videoPid = -1;
  /** Stream type of the video elementary stream, or -1 before a PMT was seen. */
  videoStreamType = -1;
  /** Copies of the newest PAT and PMT packets: a new viewer gets these first. */
  pat: Buffer | null = null;
  pmt: Buffer | null = null;

  inspect(packets: Buffer): TsChunkInfo {
    let frames = 0;
    let keyframeOffset = -1;
    for (let offset = 0; offset + TS_PACKET_SIZE <= packets.length; offset += TS_PACKET_SIZE) {
      if (packets[offset] !== SYNC_BYTE) continue;
      const pid = packetPid(packets, offset);
      if (pid === this.videoPid) {
        if (!isPayloadStart(packets, offset)) continue;
        frames += 1;
        if (keyframeOffset < 0 && isRandomAccess(packets, offset)) keyframeOffset = offset;
      } else if (pid === PAT_PID) {
        this.readPat(packets, offset);
      } else if (pid === this.pmtPid) {
        this.readPmt(packets, offset);
      }
    }
    return { frames, keyframeOffset };
  }

  /** Tables and PIDs are learnt again (a restarted ffmpeg may choose others). */
  reset(): void {
    this.pmtPid = -1;
    this.videoPid = -1;
    this.videoStreamType = -1;
    this.pat = null;
    this.pmt = null;
  }

  private readPat(packets: Buffer, offset: number): void {
    const section = sectionOf(packets, offset);
    if (!section || section[0] !== 0x00) return;
    // 8 bytes of header, 4 of CRC; the program loop is 4 bytes per program.
    for (let entry = 8; entry + 4 <= section.length - 4; entry += 4) {
      const programNumber = section.readUInt16BE(entry);
      if (programNumber === 0) continue;
      this.pmtPid = section.readUInt16BE(entry + 2) & 0x1fff;
      this.pat = Buffer.from(packets.subarray(offset, offset + TS_PACKET_SIZE));
      return;
    }
  }

  private readPmt(packets: Buffer, offset: number): void {
    const section = sectionOf(packets, offset);
    if (!section || section[0] !== 0x02 || section.length < 16) return;
    const programInfoLength = section.readUInt16BE(10) & 0x0fff;
    let firstStream: { pid: number; type: number } | null = null;
    for (let entry = 12 + programInfoLength; entry + 5 <= section.length - 4;) {
      const type = section[entry]!;
      const pid = section.readUInt16BE(entry + 1) & 0x1fff;
      firstStream ??= { pid, type };
      if (VIDEO_STREAM_TYPES.has(type)) {
        firstStream = { pid, type };
        break;
      }
      entry += 5 + (section.readUInt16BE(entry + 3) & 0x0fff);
    }
    if (!firstStream) return;
    this.videoPid = firstStream.pid;
    this.videoStreamType = firstStream.type;
    this.pmt = Buffer.from(packets.subarray(offset, offset + TS_PACKET_SIZE));
  }
}
