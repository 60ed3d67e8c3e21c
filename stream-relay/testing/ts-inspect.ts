// Reads an MPEG-TS capture the way a player would, for assertions: the programme's video stream type, the
// frames (PES starts on the video PID) and the H.264 NAL unit types inside them.
const PACKET = 188;

export interface TsSummary {
  packets: number;
  /** PIDs of the first packets, in order. */
  firstPids: number[];
  videoPid: number | null;
  videoStreamType: number | null;
  /** PES starts on the video PID. */
  frames: number;
  /** Frames whose first packet has random_access_indicator set. */
  keyframes: number;
  /** Whether the first frame is a keyframe. */
  startsWithKeyframe: boolean;
  /** H.264 NAL unit types found in the video payload (empty for other codecs). */
  nalTypes: Set<number>;
}

function payloadStart(packet: Buffer): number {
  const control = (packet[3]! >> 4) & 3;
  if (control === 1) return 4;
  if (control === 3) return 5 + packet[4]!;
  return PACKET;
}

export function inspectTs(data: Buffer): TsSummary {
  const summary: TsSummary = {
    packets: 0,
    firstPids: [],
    videoPid: null,
    videoStreamType: null,
    frames: 0,
    keyframes: 0,
    startsWithKeyframe: false,
    nalTypes: new Set(),
  };
  let pmtPid: number | null = null;
  const videoPayload: Buffer[] = [];
  for (let offset = 0; offset + PACKET <= data.length; offset += PACKET) {
    const packet = data.subarray(offset, offset + PACKET);
    if (packet[0] !== 0x47) throw new Error(`lost sync at byte ${offset}`);
    summary.packets += 1;
    const pid = ((packet[1]! & 0x1f) << 8) | packet[2]!;
    const unitStart = (packet[1]! & 0x40) !== 0;
    if (summary.firstPids.length < 4) summary.firstPids.push(pid);
    const start = payloadStart(packet);
    if (pid === 0 && unitStart) {
      const section = start + 1 + packet[start]!;
      pmtPid = ((packet[section + 10]! & 0x1f) << 8) | packet[section + 11]!;
    } else if (pid === pmtPid && unitStart && summary.videoPid === null) {
      const section = start + 1 + packet[start]!;
      const infoLength = ((packet[section + 10]! & 0x0f) << 8) | packet[section + 11]!;
      const entry = section + 12 + infoLength;
      summary.videoStreamType = packet[entry]!;
      summary.videoPid = ((packet[entry + 1]! & 0x1f) << 8) | packet[entry + 2]!;
    } else if (pid === summary.videoPid) {
      if (unitStart) {
        const keyframe = (packet[3]! & 0x20) !== 0 && packet[4]! > 0 && (packet[5]! & 0x40) !== 0;
        if (summary.frames === 0) summary.startsWithKeyframe = keyframe;
        summary.frames += 1;
        if (keyframe) summary.keyframes += 1;
        // Skip the PES header: 9 bytes plus its header data length.
        const pesHeaderEnd = start + 9 + packet[start + 8]!;
        videoPayload.push(packet.subarray(pesHeaderEnd));
      } else {
        videoPayload.push(packet.subarray(start));
      }
    }
  }
  if (summary.videoStreamType === 0x1b) {
    const payload = Buffer.concat(videoPayload);
    for (let index = 0; index + 3 < payload.length; index += 1) {
      if (payload[index] === 0 && payload[index + 1] === 0 && payload[index + 2] === 1) summary.nalTypes.add(payload[index + 3]! & 0x1f);
    }
  }
  return summary;
}
