// H.264 and H.265 Annex-B byte streams: finding NAL units, telling keyframes, and cutting a stream into access units.
import type { VideoCodec } from './es-frame';

const START_CODE = Buffer.from([0, 0, 1]);

export interface NalUnit {
  /** Where the NAL's start code (3 or 4 bytes) begins. */
  start: number;
  /** Where the NAL's header begins (after the start code). */
  header: number;
  /** Where the next start code begins (or the end of the data). */
  end: number;
}

/** The NAL units of an Annex-B buffer; bytes before the first start code are ignored. */
export function nalUnits(data: Buffer): NalUnit[] {
  const units: NalUnit[] = [];
  let found = data.indexOf(START_CODE);
  while (found !== -1) {
    const start = found > 0 && data[found - 1] === 0 ? found - 1 : found;
    const header = found + START_CODE.length;
    const following = data.indexOf(START_CODE, header);
    let end = following === -1 ? data.length : following;
    if (following !== -1 && data[following - 1] === 0 && following - 1 >= header) end = following - 1;
    units.push({ start, header, end });
    found = following;
  }
  return units;
}

/** The NAL unit type from the first header byte(s). */
export function nalType(codec: VideoCodec, data: Buffer, header: number): number {
  const first = data[header] ?? 0;
  return codec === 'h264' ? first & 0x1f : (first >> 1) & 0x3f;
}

const H264_IDR = 5;
const H264_SPS = 7;
const H265_IRAP_FIRST = 16;
const H265_IRAP_LAST = 21;
const H265_VPS = 32;

export function isKeyframeNal(codec: VideoCodec, type: number): boolean {
  if (codec === 'h264') return type === H264_IDR || type === H264_SPS;
  return (type >= H265_IRAP_FIRST && type <= H265_IRAP_LAST) || type === H265_VPS;
}

/** Whether an Annex-B access unit holds a NAL decoding can start from. */
export function containsKeyframe(codec: VideoCodec, data: Buffer): boolean {
  return nalUnits(data).some((unit) => isKeyframeNal(codec, nalType(codec, data, unit.header)));
}

function isVideoCodingLayer(codec: VideoCodec, type: number): boolean {
  return codec === 'h264' ? type >= 1 && type <= 5 : type <= 31;
}

/** A NAL that can only come before an access unit's first slice (H.264 7.4.1.2.3, H.265 7.4.2.4.4). */
function opensAccessUnit(codec: VideoCodec, type: number): boolean {
  if (codec === 'h264') return type === 9 || type === 7 || type === 8 || type === 6 || (type >= 14 && type <= 18);
  return (
    type === 35 || type === 32 || type === 33 || type === 34 || type === 39 || (type >= 41 && type <= 44) || (type >= 48 && type <= 55)
  );
}

/** Whether a slice NAL is the first of its picture (H.264 first_mb_in_slice = 0; H.265 first_slice_segment_in_pic_flag). */
function isFirstSliceOfPicture(codec: VideoCodec, data: Buffer, header: number): boolean {
  // H.264: first_mb_in_slice is ue(v) right after the 1-byte header; 0 is coded as the single bit 1.
  // H.265: the flag is the first bit after the 2-byte header.
  const byte = data[header + (codec === 'h264' ? 1 : 2)] ?? 0;
  return (byte & 0x80) !== 0;
}

/** Cuts an Annex-B stream into access units (views into `annexB`), each marked whether it is a keyframe. */
export function splitAccessUnits(codec: VideoCodec, annexB: Buffer): { data: Buffer; keyframe: boolean }[] {
  const units: { data: Buffer; keyframe: boolean }[] = [];
  let unitStart = -1;
  let hasSlice = false;
  let keyframe = false;
  for (const nal of nalUnits(annexB)) {
    const type = nalType(codec, annexB, nal.header);
    const slice = isVideoCodingLayer(codec, type);
    const startsNew = hasSlice && (opensAccessUnit(codec, type) || (slice && isFirstSliceOfPicture(codec, annexB, nal.header)));
    if (unitStart === -1 || startsNew) {
      if (unitStart !== -1) units.push({ data: annexB.subarray(unitStart, nal.start), keyframe });
      unitStart = nal.start;
      hasSlice = false;
      keyframe = false;
    }
    hasSlice ||= slice;
    keyframe ||= isKeyframeNal(codec, type);
  }
  if (unitStart !== -1) units.push({ data: annexB.subarray(unitStart), keyframe });
  return units;
}
