// A JPEG straight from the camera when the relay holds no recent frame of it (its stream is not running):
// one short-lived ffmpeg, killed if the camera does not deliver a keyframe in time.
import type { ChildProcess } from 'node:child_process';
import { spawnBound } from './child-process';
import type { Readable } from 'node:stream';
import type { FfmpegRuntime } from './camera-pipeline';
import { oneShotSnapshotArgs } from './ffmpeg';
import { JpegSplitter } from './jpeg-splitter';

/** The first keyframe of the camera as JPEG, or null (unreachable, no video, timeout). Never throws. */
export async function captureOneShot(ffmpeg: FfmpegRuntime, url: string, timeoutMs = 6_000): Promise<Buffer | null> {
  const major = (await ffmpeg.major) ?? 4;
  const args = oneShotSnapshotArgs(url, major, Math.max(1, Math.floor(timeoutMs / 1000)));
  return new Promise((resolve) => {
    let settled = false;
    const finish = (jpeg: Buffer | null) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      resolve(jpeg);
    };
    const timer = setTimeout(() => finish(null), timeoutMs);
    let child: ChildProcess | undefined;
    try {
      child = spawnBound(ffmpeg.path, args, { stdio: ['ignore', 'pipe', 'ignore'] });
    } catch {
      finish(null);
      return;
    }
    const splitter = new JpegSplitter();
    const stdout = child.stdout as Readable;
    stdout.on('error', () => undefined);
    stdout.on('data', (chunk: Buffer) => {
      const [jpeg] = splitter.push(chunk);
      if (jpeg) finish(jpeg);
    });
    child.on('error', () => finish(null));
    child.on('close', () => finish(null));
  });
}
