// What the demo's simulated cameras cost on disk: the demo's own camera selection (`startDemoCameras`, its
// clips by kitchen area) on a test server, a stream relay process recording them in 10 s segments, for a
// minute. Measured for the clips as a camera's main stream (`camera` profile: what the demo streamed
// before) and for the demo profile, in the same run. Figures: MB per camera-minute over the closed
// segments, and what the demo's cameras write in a day.
// Run: npx tsx bench/demo-recording.ts [--seconds=60]
import fs from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { ClipProfile } from '../fixtures/media/clips';
import { createServiceToken } from '../server/auth/commands/createServiceToken';
import { startDemoCameras } from '../server/demo/simulated-cameras';
import { systemActor } from '../server/policy/actor';
import { startRelayProcess } from '../stream-relay/testing/relay-process';
import { waitUntil } from '../tests/support/sockets';
import { startTestServer } from '../tests/support/test-server';
import { argValue } from './support/args';

const SECONDS = Number(argValue('seconds', '60'));
const SEGMENT_SECONDS = 10;

interface Measure {
  profile: ClipProfile;
  cameras: number;
  bytes: number;
  seconds: number;
}

/** Bytes and seconds of each camera's closed segments (each lasts until the next begins). */
async function closedSegments(recordings: string): Promise<{ bytes: number; seconds: number }> {
  let bytes = 0;
  let seconds = 0;
  for (const camera of await readdir(recordings)) {
    const segments: Array<{ start: number; bytes: number }> = [];
    for (const day of await readdir(path.join(recordings, camera))) {
      for (const name of await readdir(path.join(recordings, camera, day))) {
        segments.push({ start: Number.parseInt(name, 10), bytes: (await stat(path.join(recordings, camera, day, name))).size });
      }
    }
    segments.sort((a, b) => a.start - b.start);
    // The first may have begun mid-interval (ffmpeg started), the last is still open: both left out.
    for (let index = 1; index < segments.length - 1; index += 1) {
      bytes += segments[index]!.bytes;
      seconds += segments[index + 1]!.start - segments[index]!.start;
    }
  }
  return { bytes, seconds };
}

async function measure(profile: ClipProfile): Promise<Measure> {
  const t = await startTestServer({ canteens: 120 });
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cc-bench-demo-'));
  const demo = await startDemoCameras(t.server.ctx, { port: 0, dataDir, profile });
  const token = (await createServiceToken(t.server.ctx, { actor: systemActor('bench') }, { name: 'bench-relay', kind: 'relay' })).token;
  const relay = await startRelayProcess({
    SERVER_URL: t.url,
    RELAY_TOKEN: token,
    RELAY_ID: 'bench-relay',
    DATA_DIR: dataDir,
    RELAY_SEGMENT_SECONDS: String(SEGMENT_SECONDS),
  });
  try {
    await waitUntil(
      async () => {
        const rows = (await t.db('cameras').where({ ingest: true, status: 'online' }).count({ n: '*' })) as Array<{ n: number }>;
        return Number(rows[0]!.n) === demo.cameras;
      },
      60_000,
      'every demo camera online',
    );
    await new Promise((resolve) => setTimeout(resolve, SECONDS * 1000));
    return { profile, cameras: demo.cameras, ...(await closedSegments(path.join(dataDir, 'recordings'))) };
  } finally {
    await relay.stop();
    await demo.stop();
    await t.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

const results: Measure[] = [];
for (const profile of ['camera', 'demo'] as const) results.push(await measure(profile));
for (const { profile, cameras, bytes, seconds } of results) {
  const perCameraMinute = (bytes / seconds) * 60;
  const perDay = (bytes / seconds) * cameras * 86_400;
  console.log(
    `${profile.padEnd(6)} ${cameras} cameras: ${(perCameraMinute / 1e6).toFixed(2)} MB per camera-minute ` +
      `(${((bytes * 8) / seconds / 1000).toFixed(0)} kbit/s a camera), ${(perDay / 1e9).toFixed(1)} GB a day for all of them`,
  );
}
const [before, after] = results;
console.log(`demo / camera: ${(after!.bytes / after!.seconds / (before!.bytes / before!.seconds)).toFixed(2)}`);
process.exit(0);
