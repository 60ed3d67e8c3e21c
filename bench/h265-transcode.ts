// What an H.265 camera costs a viewer whose browser cannot play H.265: the relay's H.264 transcoder
// (`transcoderArgs('h264')`, started with the first such viewer) against passthrough (the stream copied
// untouched, as the camera's own ffmpeg does for `mpegts` viewers), per stream, on the same input in the same
// run: CPU in % of one core and RSS, from /proc over 15 s after 5 s of warm-up. The input is 1280×720 25 fps
// H.265 (libx265, GOP 25, no B-frames) in MPEG-TS, fed at real time by a second ffmpeg (`-re`, not counted).
// Run: npx tsx bench/h265-transcode.ts
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ffmpegPath, transcoderArgs } from '../stream-relay/ffmpeg';

const WARM_UP_MS = 5_000;
const MEASURE_MS = 15_000;
const ROUNDS = 2;
const TICKS_PER_SECOND = 100;

const scratch = await mkdtemp(path.join(os.tmpdir(), 'h265-bench-'));
const clip = path.join(scratch, 'hevc.ts');
const made = spawnSync(ffmpegPath(), [
  ...['-hide_banner', '-loglevel', 'error', '-f', 'lavfi', '-i', 'testsrc2=size=1280x720:rate=25', '-frames:v', '250'],
  ...['-c:v', 'libx265', '-preset', 'veryfast', '-x265-params', 'keyint=25:min-keyint=25:bframes=0:log-level=error', '-b:v', '2M'],
  ...['-f', 'mpegts', '-y', clip],
]);
if (made.status !== 0) throw new Error(made.stderr.toString());

const PASSTHROUGH = [
  ...['-hide_banner', '-nostats', '-loglevel', 'error', '-f', 'mpegts', '-i', 'pipe:0'],
  ...['-map', '0:v:0', '-c:v', 'copy', '-f', 'mpegts', '-flush_packets', '1', 'pipe:1'],
];

function cpuTicks(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return Number(fields[11]) + Number(fields[12]);
}
const rssBytes = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) * 1024;

async function measure(args: string[]): Promise<{ cpu: number; rss: number; outputBytes: number }> {
  const source = spawn(
    ffmpegPath(),
    ['-hide_banner', '-loglevel', 'error', '-re', '-stream_loop', '-1', '-i', clip, '-c', 'copy', '-f', 'mpegts', 'pipe:1'],
    {
      stdio: ['ignore', 'pipe', 'ignore'],
    },
  );
  const measured = spawn(ffmpegPath(), args, { stdio: ['pipe', 'pipe', 'ignore'] });
  source.stdout.pipe(measured.stdin);
  measured.stdin.on('error', () => undefined);
  let outputBytes = 0;
  measured.stdout.on('data', (chunk: Buffer) => (outputBytes += chunk.length));
  await new Promise((resolve) => setTimeout(resolve, WARM_UP_MS));
  const pid = measured.pid!;
  const [ticks, bytes] = [cpuTicks(pid), outputBytes];
  let rss = 0;
  const sampler = setInterval(() => (rss = Math.max(rss, rssBytes(pid))), 1_000);
  await new Promise((resolve) => setTimeout(resolve, MEASURE_MS));
  clearInterval(sampler);
  const cpu = ((cpuTicks(pid) - ticks) / TICKS_PER_SECOND / (MEASURE_MS / 1000)) * 100;
  const result = { cpu, rss, outputBytes: outputBytes - bytes };
  source.kill('SIGKILL');
  measured.kill('SIGKILL');
  return result;
}

const rows: string[] = [];
for (let round = 1; round <= ROUNDS; round += 1) {
  for (const [name, args] of [
    ['passthrough (stream copy)', PASSTHROUGH],
    ['H.265 → H.264 (libx264 veryfast, zerolatency)', transcoderArgs('h264')],
  ] as const) {
    const { cpu, rss, outputBytes } = await measure([...args]);
    const rate = (outputBytes * 8) / (MEASURE_MS / 1000) / 1e6;
    rows.push(
      `round ${round}, ${name}: CPU ${cpu.toFixed(1)} % of a core, RSS ${(rss / 1e6).toFixed(0)} MB, output ${rate.toFixed(2)} Mbit/s`,
    );
    console.log(rows.at(-1));
  }
}
await rm(scratch, { recursive: true, force: true });
