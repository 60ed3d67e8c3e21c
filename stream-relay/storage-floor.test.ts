// Recording stops at the free-space floor and resumes above it, with live video and snapshots going on:
// a simulated RTSP camera, the relay's own code with real ffmpeg writing 1 s segments, and the file system's
// free space read through a stand-in for statfs, so the test needs no full disk. The heartbeat carries the
// state to the server (a stand-in for its relay endpoints).
import { randomUUID } from 'node:crypto';
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureClips } from '../fixtures/media/clips';
import { startSimulatedCameras, type SimulatedCameraServer } from '../fixtures/rtsp/index';
import type { Camera } from './camera';
import { detectFfmpegMajor, ffmpegPath, ffmpegTimeZone } from './ffmpeg';
import { HeartbeatLoop } from './heartbeat';
import type { LiveSink } from './live-stream';
import { Relay } from './relay';
import { shanghaiDay } from './shanghai-time';
import { RESUME_MARGIN_BYTES } from './storage-guard';
import { startFakeControlServer, type FakeControlServer } from './testing/fake-control-server';
import { TsPacketAligner, TsStreamInspector } from './ts-packets';

const CLIP_CACHE = path.join(os.tmpdir(), 'canteen-command-clips');
const GB = 1e9;
const FLOOR = 2 * GB;
const DEADLINE_MS = 30_000;

const cameraId = randomUUID();
let free = 50 * GB;
let cameras: SimulatedCameraServer;
let control: FakeControlServer;
let relay: Relay;
let heartbeat: HeartbeatLoop;
let dataDir: string;

/** A live sink counting the video frames it is sent, as a viewer would receive them. */
class FrameCounter implements LiveSink {
  frames = 0;
  private readonly aligner = new TsPacketAligner();
  private readonly inspector = new TsStreamInspector();
  private readonly waiters = new Set<() => void>();

  backlogBytes(): number {
    return 0;
  }

  send(data: Buffer): void {
    this.frames += this.inspector.inspect(this.aligner.push(data)).frames;
    for (const wake of this.waiters) wake();
  }

  /** Resolves once `count` more frames than now have arrived. */
  more(count: number): Promise<void> {
    const target = this.frames + count;
    return new Promise((resolve, reject) => {
      const check = () => {
        if (this.frames < target) return;
        this.waiters.delete(check);
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(() => {
        this.waiters.delete(check);
        reject(new Error(`only ${this.frames - target + count} of ${count} frames arrived`));
      }, DEADLINE_MS);
      this.waiters.add(check);
    });
  }
}

/** Waits for a condition checked on each of the camera's frames. */
async function until(condition: () => Promise<boolean> | boolean, what: string, counter: FrameCounter): Promise<void> {
  const deadline = Date.now() + DEADLINE_MS;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await counter.more(1);
  }
}

/** The camera's segment files with their sizes. */
async function segments(): Promise<Map<string, number>> {
  const directory = path.join(dataDir, 'recordings', cameraId, shanghaiDay(Date.now()));
  const found = new Map<string, number>();
  for (const name of await readdir(directory).catch(() => [])) {
    const info = await stat(path.join(directory, name)).catch(() => null);
    if (info) found.set(name, info.size);
  }
  return found;
}

const runningCamera = (): Camera => relay.camera(cameraId)!;
const ffmpegPid = () => runningCamera().details().ffmpegPid;
const lastStorage = () => control.heartbeats.at(-1)?.storage;

beforeAll(async () => {
  const clips = await ensureClips(CLIP_CACHE);
  cameras = await startSimulatedCameras({ cameras: [{ path: 'kitchen', clip: clips.people }] });
  control = await startFakeControlServer({ heartbeatSeconds: 1 });
  control.cameras = [{ id: cameraId, url: cameras.url('kitchen'), codec: 'h264' }];
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'relay-floor-'));
  const log = pino({ level: 'silent' });
  const binary = ffmpegPath();
  relay = new Relay({
    relayId: 'floor-test',
    serverUrl: control.url,
    relayToken: control.relayToken,
    dataDir,
    retentionDays: 30,
    recordingsMaxBytes: 20 * GB,
    recordingsMinFreeBytes: FLOOR,
    ffmpeg: { path: binary, major: detectFfmpegMajor(binary), timeZone: ffmpegTimeZone() },
    settings: { segmentSeconds: 1, stallSeconds: 5, healthSeconds: 10, maxBacklogBytes: 1 << 20, maxGopBytes: 8 << 20 },
    log,
    statfs: () => Promise.resolve({ bavail: free / 4096, bsize: 4096 }),
  });
  relay.startHousekeeping();
  heartbeat = new HeartbeatLoop({
    serverUrl: control.url,
    relayToken: control.relayToken,
    relayId: relay.relayId,
    publicUrl: 'http://127.0.0.1:1',
    reports: () => relay.reports(),
    storage: () => relay.storage.report(),
    onResponse: (response) => relay.applyHeartbeat(response),
    log,
  });
  heartbeat.start();
  await control.waitForStatus(cameraId, 'online', { timeoutMs: DEADLINE_MS });
});

afterAll(async () => {
  heartbeat?.stop();
  await relay?.stop();
  await cameras?.stop();
  await control?.close();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe('free-space floor', () => {
  it('stops recording below the floor while live video and snapshots go on, and resumes above it', async () => {
    const counter = new FrameCounter();
    runningCamera().live.addSink(counter);
    await until(async () => (await segments()).size >= 2, 'two segments recorded', counter);

    // The disk fills up (as far as statfs says): the next check stops recording.
    free = FLOOR - 1;
    const recordingPid = ffmpegPid();
    await relay.storage.check();
    expect(relay.storage.recordingAllowed).toBe(false);
    await until(() => lastStorage()?.recordingPaused === true, 'a heartbeat saying recording is paused', counter);
    expect(lastStorage()).toMatchObject({ freeBytes: FLOOR - 1, minFreeBytes: FLOOR, resumeFreeBytes: FLOOR + RESUME_MARGIN_BYTES });

    // The camera's ffmpeg runs again without the recording output (the old one closed its segment).
    await until(() => ffmpegPid() !== null && ffmpegPid() !== recordingPid, 'ffmpeg restarted without recording', counter);
    await counter.more(25);
    const frozen = await segments();
    // Three seconds of live video — three segments' worth — and not one byte recorded.
    await counter.more(75);
    expect(await segments()).toEqual(frozen);
    const snapshot = await runningCamera().snapshot();
    expect(snapshot?.source).toBe('stream');

    // Space comes back, but not past the margin: still stopped.
    free = FLOOR + RESUME_MARGIN_BYTES / 2;
    await relay.storage.check();
    expect(relay.storage.recordingAllowed).toBe(false);

    free = FLOOR + RESUME_MARGIN_BYTES;
    const liveOnlyPid = ffmpegPid();
    await relay.storage.check();
    expect(relay.storage.recordingAllowed).toBe(true);
    await until(() => ffmpegPid() !== null && ffmpegPid() !== liveOnlyPid, 'ffmpeg restarted with recording', counter);
    await until(async () => [...(await segments()).keys()].some((name) => !frozen.has(name)), 'a new segment', counter);
    await until(() => lastStorage()?.recordingPaused === false, 'a heartbeat saying recording goes on', counter);

    // Viewers never saw the camera go offline: the restarts are the relay's own business.
    expect(control.statuses.filter((entry) => entry.cameraId === cameraId).map((entry) => entry.report.status)).toEqual(['online']);
  });
});
