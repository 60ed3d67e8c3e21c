// A clip's keyframes as JPEGs, decoded the way the relay keeps its snapshots (keyframes only, passthrough
// timing, MJPEG quality 4): what the picture-health checks and the detection worker see of a camera.
import { spawnSync } from 'node:child_process';
import { ffmpegPath } from '../ffmpeg';
import { JpegSplitter } from '../jpeg-splitter';

export function keyframeJpegs(clip: string): Buffer[] {
  const result = spawnSync(
    ffmpegPath(),
    [
      ...['-hide_banner', '-loglevel', 'error', '-skip_frame', 'nokey', '-f', 'h264', '-i', clip],
      ...['-vsync', 'passthrough', '-c:v', 'mjpeg', '-q:v', '4', '-f', 'image2pipe', 'pipe:1'],
    ],
    { maxBuffer: 64 << 20 },
  );
  if (result.status !== 0) throw new Error(`ffmpeg failed on ${clip}: ${result.stderr.toString()}`);
  return new JpegSplitter().push(result.stdout);
}
