// The keyframes of a recorded MPEG-TS file and their presentation times, read from the PES headers (no
// decoding), so a clip can start on the keyframe at or before its window instead of the one after it, which
// is where ffmpeg's own seek in MPEG-TS lands.
import { createReadStream } from 'node:fs';
import {
  isPayloadStart,
  isRandomAccess,
  packetPid,
  payloadOffset,
  TS_PACKET_SIZE,
  TsPacketAligner,
} from '../../../stream-relay/ts-packets';

const PTS_HZ = 90_000;

export interface TsTimeline {
  /** The first video presentation time in the file, in seconds. */
  firstPts: number;
  /** Presentation times of the keyframes, in seconds, in file order. */
  keyframes: number[];
}

/** The PTS of a PES that starts in this packet on a video stream (stream_id 0xE0–0xEF), in seconds. */
function videoPts(packet: Buffer, offset: number): number | null {
  const start = offset + payloadOffset(packet, offset);
  if (start < offset + 4 || start + 14 > offset + TS_PACKET_SIZE) return null;
  const isPes = packet[start] === 0 && packet[start + 1] === 0 && packet[start + 2] === 1;
  const streamId = packet[start + 3]!;
  if (!isPes || streamId < 0xe0 || streamId > 0xef || (packet[start + 7]! & 0x80) === 0) return null;
  const p = start + 9;
  // 33 bits spread over five bytes with marker bits; kept in floating point (2^33 fits exactly).
  const pts =
    (packet[p]! & 0x0e) * 2 ** 29 +
    packet[p + 1]! * 2 ** 22 +
    (packet[p + 2]! & 0xfe) * 2 ** 14 +
    packet[p + 3]! * 2 ** 7 +
    (packet[p + 4]! >> 1);
  return pts / PTS_HZ;
}

export async function readTsTimeline(file: string): Promise<TsTimeline | null> {
  const aligner = new TsPacketAligner();
  let videoPid: number | undefined;
  let firstPts: number | undefined;
  const keyframes: number[] = [];
  for await (const chunk of createReadStream(file, { highWaterMark: 188 * 1024 })) {
    const packets = aligner.push(chunk as Buffer);
    for (let offset = 0; offset < packets.length; offset += TS_PACKET_SIZE) {
      if (!isPayloadStart(packets, offset)) continue;
      const pid = packetPid(packets, offset);
      if (videoPid !== undefined && pid !== videoPid) continue;
      const pts = videoPts(packets, offset);
      if (pts === null) continue;
      videoPid ??= pid;
      firstPts ??= pts;
      if (isRandomAccess(packets, offset)) keyframes.push(pts);
    }
  }
  return firstPts === undefined ? null : { firstPts, keyframes };
}
