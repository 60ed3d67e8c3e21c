// Which ffmpeg the relay runs, which version it is, and the argument lines it runs it with. The argument
// builders are pure, so what the relay asks of ffmpeg can be read (and checked against ffmpeg 4.1) here.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { AssignedCamera } from './protocol';

/** FFMPEG_PATH, else the static build of @ffmpeg-installer/linux-x64, else `ffmpeg` on the PATH. */
export function ffmpegPath(configured: string | undefined = process.env.FFMPEG_PATH): string {
  if (configured) return configured;
  try {
    const manifest = createRequire(import.meta.url).resolve('@ffmpeg-installer/linux-x64/package.json');
    const binary = path.join(path.dirname(manifest), 'ffmpeg');
    if (existsSync(binary)) return binary;
  } catch {
    // Not installed (another platform): fall through to the PATH.
  }
  return 'ffmpeg';
}

// Snapshot builds print a git revision ("N-47683-g0e8eb07980-static") instead of a release number; their
// libavformat major tells the release line apart.
const LIBAVFORMAT_MAJOR_TO_RELEASE: Record<number, number> = { 57: 3, 58: 4, 59: 5, 60: 6, 61: 7, 62: 8 };

/** The release major of `ffmpeg -version` output, or null when it cannot be told. */
export function parseFfmpegMajor(versionOutput: string): number | null {
  const release = /^ffmpeg version n?(\d+)\.\d+/m.exec(versionOutput);
  if (release?.[1]) return Number(release[1]);
  const libavformat = /^libavformat\s+(\d+)\./m.exec(versionOutput);
  return libavformat?.[1] ? (LIBAVFORMAT_MAJOR_TO_RELEASE[Number(libavformat[1])] ?? null) : null;
}

/** Runs `ffmpeg -version`; null when the binary does not run (a bad path) or the output is not understood. */
export function detectFfmpegMajor(binary: string, timeoutMs = 10_000): Promise<number | null> {
  return new Promise((resolve) => {
    let output = '';
    let child;
    try {
      child = spawn(binary, ['-hide_banner', '-version'], { stdio: ['ignore', 'pipe', 'ignore'], timeout: timeoutMs });
    } catch {
      resolve(null);
      return;
    }
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (text: string) => (output += text));
    child.stdout.on('error', () => undefined);
    child.on('error', () => resolve(null));
    child.on('close', () => resolve(parseFfmpegMajor(output)));
  });
}

/**
 * The TZ handed to ffmpeg, whose `-strftime` names the day directories. A static glibc build reads the zone
 * from /usr/share/zoneinfo; where that database is missing glibc silently falls back to UTC, so the POSIX
 * rule for the same zone (UTC+8, no daylight saving) is used instead.
 */
export function ffmpegTimeZone(): string {
  const zoneDirectory = process.env.TZDIR ?? '/usr/share/zoneinfo';
  return existsSync(path.join(zoneDirectory, 'Asia', 'Shanghai')) ? 'Asia/Shanghai' : 'CST-8';
}

export const isRtspUrl = (url: string) => /^rtsps?:\/\//i.test(url);

/**
 * Options before `-i` for a camera: RTSP interleaved over TCP (UDP loses packets through NAT and firewalls)
 * and a socket timeout so a silent camera fails the read instead of hanging. ffmpeg 4.x calls the socket
 * timeout `-stimeout`; there `-timeout` means "listen for an incoming connection". From 5.0 it is `-timeout`.
 */
export function cameraInputArgs(url: string, ffmpegMajor: number, socketTimeoutSeconds: number): string[] {
  if (!isRtspUrl(url)) return [];
  const timeoutOption = ffmpegMajor >= 5 ? '-timeout' : '-stimeout';
  return ['-rtsp_transport', 'tcp', timeoutOption, String(Math.round(socketTimeoutSeconds * 1_000_000))];
}

/** Cameras that send MJPEG cannot be copied into MPEG-TS; their live and recorded video is encoded to H.264. */
function videoCodecArgs(codec: AssignedCamera['codec']): string[] {
  if (codec !== 'mjpeg') return ['-c:v', 'copy'];
  return ['-c:v', 'libx264', '-preset', 'veryfast', '-tune', 'zerolatency', '-g', '25', '-bf', '0', '-pix_fmt', 'yuv420p'];
}

/** A video elementary stream's codec, as GB/T 28181 devices send it (the PS carried H.264 or H.265). */
export type ElementaryCodec = 'h264' | 'h265';

/** ffmpeg's raw demuxer for each elementary stream. */
const RAW_DEMUXER: Record<ElementaryCodec, string> = { h264: 'h264', h265: 'hevc' };

/**
 * Options before `-i` for video that arrives as Annex-B access units on stdin (a GB/T 28181 channel, demuxed
 * by the relay). The raw demuxers know no time, so each packet is stamped with its arrival
 * (`-use_wallclock_as_timestamps`): the relay writes one access unit per write, as it arrives, so the live
 * MPEG-TS keeps the camera's real pace, also when it is not the 25 fps the raw demuxer would assume.
 */
export function elementaryInputArgs(codec: ElementaryCodec): string[] {
  return ['-use_wallclock_as_timestamps', '1', '-f', RAW_DEMUXER[codec]];
}

/**
 * ffmpeg for a recording played from the device (GB/T 28181 `s=Playback`): the access units on stdin are
 * stamped by the camera's frame rate, not by arrival, so the timeline has no holes where the device paused
 * (backpressure from a player that has buffered enough) or ran fast (a `Scale`); copied into MPEG-TS on stdout.
 */
export function devicePlaybackArgs(codec: ElementaryCodec, framesPerSecond: number): string[] {
  return [
    ...['-hide_banner', '-nostats', '-loglevel', 'error'],
    ...['-framerate', String(framesPerSecond), '-f', RAW_DEMUXER[codec], '-probesize', '1000000', '-i', 'pipe:0'],
    ...['-map', '0:v:0', '-c:v', 'copy', '-f', 'mpegts', '-flush_packets', '1', 'pipe:1'],
  ];
}

export interface CameraPipelineArgsInput {
  url: string;
  /** Set: the video comes as this elementary stream on stdin (GB/T 28181), not from `url`. */
  elementaryStream?: ElementaryCodec;
  codec: AssignedCamera['codec'];
  ffmpegMajor: number;
  socketTimeoutSeconds: number;
  /** strftime pattern of segment files, e.g. `<dir>/%Y-%m-%d/%s.ts` (%s: the segment's start, epoch seconds); null: no recording. */
  recordingPattern: string | null;
  segmentSeconds: number;
  /** Added to the recording's timestamps: seconds since local midnight, so a day's segments stay monotonic across restarts. */
  recordingTsOffsetSeconds: number;
  /** Added to the live timestamps: seconds since the pipeline began, so viewers see no jump back across restarts. */
  liveTsOffsetSeconds: number;
}

/**
 * One camera, one RTSP session, three outputs:
 * 1. recording: stream copy into clock-aligned MPEG-TS segments. Timestamps are not reset per segment, so the
 *    byte concatenation of consecutive segments is one continuous MPEG-TS a player (or ffmpeg) plays through;
 *    with `-reset_timestamps 1` every segment would restart at 0 and a concatenated range would jump back at
 *    each boundary.
 * 2. live: stream copy as MPEG-TS on stdout, parsed by the relay for frames and fanned out to viewers.
 * 3. snapshots: `-skip_frame nokey` (an input option, so it acts on the decoder only; the copies are
 *    untouched) decodes only keyframes, encoded to JPEG on fd 3 with passthrough timing: one small JPEG per
 *    keyframe, the newest always in memory.
 * In ffmpeg 4.1 `-skip_frame nokey` also stops the stream probe from decoding a frame ("decoding for stream 0
 * failed"), so the probe waits out -analyzeduration: 5 s by default, as long as the stall timer. It is capped
 * at 1 s; the picture size comes from the SPS all the same. (With 0 the 4.1 build wrote nothing at all.)
 * Without `-skip_frame`, the first frames' negative timestamps make the MJPEG encoder fail outright under
 * passthrough timing ("Invalid pts (-4) <= last (0)"), so decoding only keyframes is also what works.
 */
export function cameraPipelineArgs(input: CameraPipelineArgsInput): string[] {
  const video = videoCodecArgs(input.codec);
  const queue = ['-max_muxing_queue_size', '1024'];
  const recording = input.recordingPattern
    ? [
        ...['-map', '0:v:0', ...video, ...queue, '-output_ts_offset', input.recordingTsOffsetSeconds.toFixed(3)],
        ...['-f', 'segment', '-segment_time', String(input.segmentSeconds), '-segment_atclocktime', '1'],
        ...['-segment_format', 'mpegts', '-reset_timestamps', '0', '-strftime', '1', input.recordingPattern],
      ]
    : [];
  return [
    ...['-hide_banner', '-nostdin', '-nostats', '-loglevel', 'info'],
    ...(input.elementaryStream
      ? elementaryInputArgs(input.elementaryStream)
      : cameraInputArgs(input.url, input.ffmpegMajor, input.socketTimeoutSeconds)),
    ...['-analyzeduration', '1000000', '-skip_frame', 'nokey', '-i', input.elementaryStream ? 'pipe:0' : input.url],
    ...['-vsync', 'passthrough'],
    // 1. recording
    ...recording,
    // 2. live
    ...['-map', '0:v:0', ...video, ...queue, '-output_ts_offset', input.liveTsOffsetSeconds.toFixed(3)],
    ...['-f', 'mpegts', '-flush_packets', '1', 'pipe:1'],
    // 3. snapshots
    ...['-map', '0:v:0', '-vf', 'scale=w=min(iw\\,1920):h=-2', '-c:v', 'mjpeg', '-q:v', '4', ...queue, '-f', 'image2pipe', 'pipe:3'],
  ];
}

/** The live formats made by a transcoder from the camera's own live MPEG-TS (`mpegts` is that stream itself). */
export type TranscodedFormat = 'mpeg1' | 'h264';

/**
 * The encoders of the transcoded formats.
 * - `mpeg1`, for the jsmpeg player: mpeg1video at 640×360 (letterboxed), 25 fps, no B-frames (jsmpeg decodes
 *   none), a keyframe each second so a new viewer or a skipped one starts within a second.
 * - `h264`, for browsers whose MSE cannot play the camera's H.265: libx264 at the camera's size (capped at
 *   1280 wide: a wall tile or a desk's pane), baseline-like (no B-frames), zerolatency, a keyframe each second.
 */
const TRANSCODER_ENCODERS: Record<TranscodedFormat, string[]> = {
  mpeg1: [
    ...['-vf', 'scale=640:360:force_original_aspect_ratio=decrease,pad=640:360:(ow-iw)/2:(oh-ih)/2'],
    ...['-r', '25', '-c:v', 'mpeg1video', '-b:v', '800k', '-maxrate', '1200k', '-bufsize', '1200k', '-bf', '0', '-g', '25'],
  ],
  h264: [
    ...['-vf', 'scale=w=min(iw\\,1280):h=-2', '-pix_fmt', 'yuv420p'],
    ...['-c:v', 'libx264', '-preset', 'veryfast', '-tune', 'zerolatency', '-profile:v', 'main', '-bf', '0', '-g', '25'],
    ...['-crf', '26', '-maxrate', '2M', '-bufsize', '2M'],
  ],
};

/** A transcoder of the camera's live MPEG-TS on stdin into `format`, as MPEG-TS on stdout. */
export function transcoderArgs(format: TranscodedFormat): string[] {
  return [
    ...['-hide_banner', '-nostats', '-loglevel', 'error'],
    // The input starts with the tables and a keyframe (the cached GOP): a short probe is enough, and the
    // default 5 s of analysis would be 5 s of black tile for the first viewer of the format.
    ...['-probesize', '131072', '-analyzeduration', '500000', '-fflags', 'nobuffer', '-f', 'mpegts', '-i', 'pipe:0'],
    ...['-map', '0:v:0', '-an', ...TRANSCODER_ENCODERS[format]],
    ...['-f', 'mpegts', '-flush_packets', '1', 'pipe:1'],
  ];
}

/** One JPEG straight from the camera: small probe, no analysis, the first keyframe decoded. */
export function oneShotSnapshotArgs(url: string, ffmpegMajor: number, socketTimeoutSeconds: number): string[] {
  return [
    ...['-hide_banner', '-nostdin', '-nostats', '-loglevel', 'error'],
    ...cameraInputArgs(url, ffmpegMajor, socketTimeoutSeconds),
    ...['-probesize', '32768', '-analyzeduration', '0', '-skip_frame', 'nokey', '-i', url],
    ...[
      '-map',
      '0:v:0',
      '-frames:v',
      '1',
      '-vf',
      'scale=w=min(iw\\,1920):h=-2',
      '-c:v',
      'mjpeg',
      '-q:v',
      '4',
      '-f',
      'image2pipe',
      'pipe:1',
    ],
  ];
}
