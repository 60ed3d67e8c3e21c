// Cuts an evidence clip out of a recorded MPEG-TS range with the bundled ffmpeg: stream copy (no re-encode)
// into an MP4 that a browser's <video> plays, from the keyframe at or before the window's start to its end.
import { spawn } from 'node:child_process';
import { ffmpegPath } from '../../../stream-relay/ffmpeg';
import { readTsTimeline } from './ts-keyframes';

const FFMPEG_TIMEOUT_MS = 60_000;

export interface CutRequest {
  /** The recorded range as one MPEG-TS file, and the instant its first segment began. */
  source: string;
  sourceStartMs: number;
  fromMs: number;
  toMs: number;
  target: string;
  ffmpeg: string | undefined;
}

/** What was cut: its length in seconds, or null when the recording holds nothing of the window. */
export async function cutClip(request: CutRequest): Promise<{ seconds: number } | null> {
  const timeline = await readTsTimeline(request.source);
  if (!timeline || timeline.keyframes.length === 0) return null;
  const ptsAt = (ms: number) => timeline.firstPts + (ms - request.sourceStartMs) / 1000;
  const wanted = ptsAt(request.fromMs);
  const end = ptsAt(request.toMs);
  const start = timeline.keyframes.filter((pts) => pts <= wanted).at(-1) ?? timeline.keyframes.find((pts) => pts < end);
  if (start === undefined) return null;
  const binary = ffmpegPath(request.ffmpeg);
  // -seek_timestamp: -ss is the keyframe's own timestamp, not an offset from the file's start.
  await runFfmpeg(binary, [
    ...['-hide_banner', '-nostdin', '-loglevel', 'error', '-seek_timestamp', '1', '-ss', start.toFixed(6), '-i', request.source],
    ...['-t', (end - start).toFixed(3), '-map', '0:v:0', '-c', 'copy', '-avoid_negative_ts', 'make_zero'],
    ...['-movflags', '+faststart', '-f', 'mp4', '-y', request.target],
  ]);
  const seconds = await mediaSeconds(binary, request.target);
  return seconds && seconds > 0 ? { seconds } : null;
}

/** The duration ffmpeg reads from a media file's header, in seconds. */
export async function mediaSeconds(binary: string, file: string): Promise<number | null> {
  // Without an output ffmpeg describes the input and exits 1: that description is all we want.
  const output = await runFfmpeg(binary, ['-hide_banner', '-nostdin', '-i', file], { allowFailure: true });
  const match = /Duration: (\d+):(\d{2}):(\d{2}(?:\.\d+)?)/.exec(output);
  return match ? Number(match[1]) * 3600 + Number(match[2]) * 60 + Number(match[3]) : null;
}

function runFfmpeg(binary: string, args: string[], options: { allowFailure?: boolean } = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(binary, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      if (stderr.length < 64_000) stderr += chunk.toString();
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), FFMPEG_TIMEOUT_MS);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once('close', (code) => {
      clearTimeout(timer);
      if (code === 0 || options.allowFailure) resolve(stderr);
      else reject(new Error(`ffmpeg exited ${code}: ${stderr.trim().split('\n').slice(-2).join(' ')}`));
    });
  });
}
