// A still scene for the motion gate: 10 s of H.264 of one unmoving picture (the sky and hills of the test photo,
// nobody in it, sharpened so the relay's picture check does not call it blurred), encoded as the simulated
// cameras' clips are (25 fps, a keyframe a second, SPS/PPS before each IDR). Made once into `dir`.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ffmpegPath } from '../../../stream-relay/ffmpeg';

const PHOTO = fileURLToPath(new URL('../../../fixtures/media/photos/person.jpg', import.meta.url));
// A 240×135 crop above the person and the horse (640×424 photo), scaled to 1280×720.
const FILTER = 'crop=240:135:290:0,scale=1280:720:flags=lanczos,unsharp=7:7:2.0,format=yuv420p';
const RECIPE_VERSION = 1;

export async function ensureStillClip(dir: string): Promise<string> {
  const file = path.join(dir, `still-v${RECIPE_VERSION}.h264`);
  try {
    if ((await stat(file)).size > 0) return file;
  } catch {
    // not made yet
  }
  const temporary = `${file}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`;
  const args = [
    ...['-hide_banner', '-nostdin', '-loglevel', 'error', '-y', '-loop', '1', '-i', PHOTO, '-vf', FILTER],
    ...['-frames:v', '250', '-r', '25', '-an', '-c:v', 'libx264', '-profile:v', 'main', '-preset', 'veryfast', '-pix_fmt', 'yuv420p'],
    ...['-g', '25', '-keyint_min', '25', '-sc_threshold', '0', '-bf', '0', '-crf', '23', '-maxrate', '4M', '-bufsize', '4M'],
    ...['-x264-params', 'repeat-headers=1', '-f', 'h264', temporary],
  ];
  try {
    await new Promise<void>((resolve, reject) => {
      const child = spawn(ffmpegPath(), args, { stdio: ['ignore', 'ignore', 'pipe'] });
      let stderr = '';
      child.stderr.setEncoding('utf8');
      child.stderr.on('data', (text: string) => (stderr += text.slice(0, 2000)));
      child.on('error', reject);
      child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`ffmpeg exited with ${code}: ${stderr.trim()}`))));
    });
    await rename(temporary, file);
  } finally {
    await rm(temporary, { force: true });
  }
  return file;
}
