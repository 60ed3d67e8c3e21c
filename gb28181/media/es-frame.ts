// What the media path hands on: one access unit of H.264 or H.265 in Annex-B form.

export type VideoCodec = 'h264' | 'h265';

export interface EsFrame {
  codec: VideoCodec;
  /** One access unit, NAL units with Annex-B start codes. */
  data: Buffer;
  /** Presentation time, 90 kHz. */
  pts?: number;
  /** An H.264 IDR or SPS, an H.265 IRAP or VPS: decoding can start here. */
  keyframe: boolean;
}

export const VIDEO_CLOCK_HZ = 90_000;
