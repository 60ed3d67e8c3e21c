// The MPEG-2 Program Stream (ISO/IEC 13818-1) codes GB/T 28181 uses, shared by the muxer and the demuxer.
import type { VideoCodec } from './es-frame';

export const PACK_START = 0xba;
export const SYSTEM_HEADER = 0xbb;
export const PROGRAM_STREAM_MAP = 0xbc;
export const PROGRAM_END = 0xb9;
export const VIDEO_STREAM_FIRST = 0xe0;
export const VIDEO_STREAM_LAST = 0xef;

const STREAM_TYPE_BY_CODEC: Record<VideoCodec, number> = { h264: 0x1b, h265: 0x24 };

export function streamTypeOf(codec: VideoCodec): number {
  return STREAM_TYPE_BY_CODEC[codec];
}

export function codecOfStreamType(streamType: number): VideoCodec | undefined {
  if (streamType === STREAM_TYPE_BY_CODEC.h264) return 'h264';
  if (streamType === STREAM_TYPE_BY_CODEC.h265) return 'h265';
  return undefined;
}

/** The largest PES_packet_length (the 16-bit field). */
export const MAX_PES_PACKET_LENGTH = 0xffff;
