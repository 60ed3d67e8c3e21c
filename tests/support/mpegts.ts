// What a test needs to know of an MPEG-TS byte stream a viewer received: the video codec, how many frames,
// whether it starts where a player can start (tables, then a keyframe) and how many H.264 IDR pictures it
// holds. Built on the relay's own packet inspector; the IDR count reads the H.264 NAL units themselves.
import { TS_PACKET_SIZE, TsPacketAligner, TsStreamInspector } from '../../stream-relay/ts-packets';

export interface TransportStreamSummary {
  videoStreamType: number;
  videoFrames: number;
  keyframes: number;
  idrFrames: number;
  /** The first video packet starts a keyframe (a player can show the first frame at once). */
  startsWithKeyframe: boolean;
}

export function summariseTransportStream(bytes: Buffer): TransportStreamSummary {
  const packets = new TsPacketAligner().push(bytes);
  const inspector = new TsStreamInspector();
  let videoFrames = 0;
  let keyframes = 0;
  let startsWithKeyframe = false;
  for (let offset = 0; offset + TS_PACKET_SIZE <= packets.length; offset += TS_PACKET_SIZE) {
    const info = inspector.inspect(packets.subarray(offset, offset + TS_PACKET_SIZE));
    if (info.frames > 0 && videoFrames === 0) startsWithKeyframe = info.keyframeOffset === 0;
    videoFrames += info.frames;
    if (info.keyframeOffset >= 0) keyframes += 1;
  }
  return { videoStreamType: inspector.videoStreamType, videoFrames, keyframes, idrFrames: countIdrNalUnits(packets), startsWithKeyframe };
}

/** Start codes followed by NAL type 5 (an IDR slice): a rough but sufficient count over the raw bytes. */
function countIdrNalUnits(bytes: Buffer): number {
  let count = 0;
  for (let index = bytes.indexOf(START_CODE); index >= 0; index = bytes.indexOf(START_CODE, index + 3)) {
    if (((bytes[index + 3] ?? 0) & 0x1f) === 5) count += 1;
  }
  return count;
}
const START_CODE = Buffer.from([0, 0, 1]);
