// The relay's link to the server: nothing runs and no token is accepted before the first heartbeat; a
// refused RELAY_TOKEN is retried until the server accepts it; status reports survive an unreachable server,
// the newest of each camera winning.
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureClips, type ClipName } from '../fixtures/media/clips';
import { startSimulatedCameras, type SimulatedCameraServer } from '../fixtures/rtsp/index';
import { startFakeControlServer, type FakeControlServer } from './testing/fake-control-server';
import { startRelayProcess, type RelayProcess } from './testing/relay-process';
import { liveUrl, openViewer, refusedStatus } from './testing/viewers';

const CLIP_CACHE = path.join(os.tmpdir(), 'canteen-command-clips');
const cameraId = randomUUID();
let clips: Record<ClipName, string>;
let camera: SimulatedCameraServer;
let control: FakeControlServer;
let relay: RelayProcess;
let dataDir: string;

beforeAll(async () => {
  clips = await ensureClips(CLIP_CACHE);
  camera = await startSimulatedCameras({
    cameras: [
      { path: 'cam', clip: clips.substream },
      { path: 'moved', clip: clips.substream },
    ],
  });
  control = await startFakeControlServer();
  control.cameras = [{ id: cameraId, url: camera.url('cam'), codec: 'h264' }];
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'relay-link-'));
  // The relay starts with a token the server does not know yet.
  relay = await startRelayProcess({ SERVER_URL: control.url, RELAY_TOKEN: 'created-later', DATA_DIR: dataDir, RELAY_SEGMENT_SECONDS: '2' });
});

afterAll(async () => {
  expect(await relay?.stop()).toBe(0);
  await camera?.stop();
  await control?.close();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe('link to the server', () => {
  it('runs nothing and refuses tokens until the server accepts its token, retrying meanwhile', async () => {
    await expect.poll(() => relay.logs.some((line) => line.includes('refused RELAY_TOKEN (401)')), { timeout: 5_000 }).toBe(true);
    expect(await relay.health()).toMatchObject({ registered: false, cameras: [] });
    expect(await refusedStatus(liveUrl(relay.url, cameraId, control.token(cameraId, 'live')))).toEqual({ status: 401, videoBytes: 0 });

    control.relayToken = 'created-later';
    await control.waitForStatus(cameraId, 'online', { timeoutMs: 15_000 });
    expect((await relay.health()).registered).toBe(true);
    expect(control.heartbeats.at(-1)).toMatchObject({ url: relay.url, cameras: [{ id: cameraId }] });
  });

  it('delivers a status change once the server is reachable again, and only the newest', async () => {
    await control.waitForStatus(cameraId, 'online', { timeoutMs: 15_000 });
    const port = camera.port;
    const statusOf = async () => (await relay.health()).cameras[0]?.status;
    const pendingReports = async () => (await relay.health()).pendingStatusReports;

    // The camera dies while the server is down: the report waits, then arrives.
    control.unavailable = true;
    await camera.stop();
    await expect.poll(statusOf, { timeout: 10_000 }).toBe('offline');
    // The report is held back, waiting for the server.
    await expect.poll(pendingReports, { timeout: 10_000 }).toBeGreaterThan(0);
    const restoredAt = Date.now();
    control.unavailable = false;
    const offline = await control.waitForStatus(cameraId, 'offline', { since: restoredAt, timeoutMs: 35_000 });
    expect(offline.report.detail?.reason).toBeTruthy();

    // Down again, and the camera comes back meanwhile: only "online" is delivered.
    control.unavailable = true;
    camera = await startSimulatedCameras({
      port,
      cameras: [
        { path: 'cam', clip: clips.substream },
        { path: 'moved', clip: clips.substream },
      ],
    });
    await expect.poll(statusOf, { timeout: 15_000 }).toBe('online');
    await camera.stop();
    await expect.poll(statusOf, { timeout: 10_000 }).toBe('offline');
    camera = await startSimulatedCameras({
      port,
      cameras: [
        { path: 'cam', clip: clips.substream },
        { path: 'moved', clip: clips.substream },
      ],
    });
    await expect.poll(statusOf, { timeout: 15_000 }).toBe('online');
    const secondRestoreAt = Date.now();
    control.unavailable = false;
    await control.waitForStatus(cameraId, 'online', { since: secondRestoreAt, timeoutMs: 35_000 });
    // Nothing left to send: no older report can still follow.
    await expect.poll(pendingReports, { timeout: 10_000 }).toBe(0);
    expect(control.statuses.filter((entry) => entry.receivedAt > secondRestoreAt).map((entry) => entry.report.status)).toEqual(['online']);
  });

  it('follows the assignment: a new address keeps the viewers, an unassigned camera closes them', async () => {
    await control.waitForStatus(cameraId, 'online', { timeoutMs: 15_000 });
    const viewer = await openViewer(liveUrl(relay.url, cameraId, control.token(cameraId, 'live')));
    await viewer.waitForBytes(50_000);
    const firstPid = (await relay.health()).cameras[0]!.ffmpegPid;

    control.cameras = [{ id: cameraId, url: camera.url('moved'), codec: 'h264' }];
    await expect.poll(async () => (await relay.health()).cameras[0]!.ffmpegPid, { timeout: 5_000 }).not.toBe(firstPid);
    await viewer.waitForBytes(100_000);
    expect(viewer.ws.readyState).toBe(viewer.ws.OPEN);

    const closed = new Promise<number>((resolve) => viewer.ws.once('close', (code) => resolve(code)));
    control.cameras = [];
    expect(await closed).toBe(1001);
    await expect.poll(async () => (await relay.health()).cameras, { timeout: 5_000 }).toEqual([]);
  });
});
