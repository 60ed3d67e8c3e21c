// The simulated cameras' timing, which the tests (fixtures/rtsp/rtsp-server.test.ts) check only as events:
//  - pacing: how long ffmpeg takes to pull 2 s of video (real time is 2 s; connecting and probing add to it);
//  - a frozen camera: from the freeze until ffmpeg (socket timeout 1 s, as the test sets it) gives up;
//  - a camera going down: from the switch until a connected viewer is cut off.
// Five rounds of each; prints the median and the range. Run: npx tsx bench/rtsp-cameras.ts
import { spawn } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { ensureClips } from '../fixtures/media/clips';
import { startSimulatedCameras } from '../fixtures/rtsp';
import { ffmpegPath } from '../stream-relay/ffmpeg';

const ROUNDS = 5;

/** Runs ffmpeg on `url`; `onFrames(n)` after each decoded frame; resolves with the time it exited. */
function pull(url: string, extra: string[], onFrames: (frames: number) => void = () => undefined): Promise<number> {
  const args = ['-nostdin', '-v', 'error', '-rtsp_transport', 'tcp', '-threads', '1', ...extra, '-i', url];
  const child = spawn(ffmpegPath(), [...args, '-flush_packets', '1', '-f', 'framemd5', '-'], { stdio: ['ignore', 'pipe', 'ignore'] });
  let frames = 0;
  child.stdout.setEncoding('utf8').on('data', (text: string) => {
    frames += text.split('\n').filter((line) => line && !line.startsWith('#')).length;
    onFrames(frames);
  });
  return new Promise((resolve) => child.on('close', () => resolve(performance.now())));
}

const summary = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return `median ${Math.round(sorted[Math.floor(sorted.length / 2)]!)} ms (${Math.round(sorted[0]!)}–${Math.round(sorted.at(-1)!)} ms)`;
};

const clips = await ensureClips(path.join(os.tmpdir(), 'canteen-command-clips'));
const cameras = await startSimulatedCameras({
  cameras: [
    { path: 'pattern', clip: clips.pattern },
    { path: 'freezable', clip: clips.pattern },
    { path: 'switchable', clip: clips.pattern },
  ],
});

const pacing: number[] = [];
const frozen: number[] = [];
const down: number[] = [];
for (let round = 0; round < ROUNDS; round += 1) {
  const started = performance.now();
  pacing.push((await pull(cameras.url('pattern'), ['-t', '2'])) - started);

  for (const [state, name, into, extra] of [
    ['frozen', 'freezable', frozen, ['-stimeout', '1000000']],
    ['down', 'switchable', down, []],
  ] as const) {
    let changedAt = 0;
    const ended = pull(cameras.url(name), [...extra], (frames) => {
      // Past the frames buffered while probing: a second and a half of video, then the change.
      if (frames >= 35 && changedAt === 0) {
        changedAt = performance.now();
        cameras.setState(name, state);
      }
    });
    into.push((await ended) - changedAt);
    cameras.setState(name, 'live');
  }
}
await cameras.stop();

console.log(`2 s of video pulled in ${summary(pacing)}`);
console.log(`frozen camera → ffmpeg gives up: ${summary(frozen)}`);
console.log(`camera down → viewer cut off: ${summary(down)}`);
