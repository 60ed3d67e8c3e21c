// Camera health end to end: what the relay reports to the server when a camera dies and comes back, freezes,
// is covered or out of focus, and that one broken camera (or a broken ffmpeg) disturbs nothing else.
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureClips, type ClipName } from '../fixtures/media/clips';
import { startSimulatedCameras, type SimulatedCameraServer } from '../fixtures/rtsp/index';
import { startFakeControlServer, type FakeControlServer } from './testing/fake-control-server';
import { startRelayProcess, type RelayProcess } from './testing/relay-process';
import { waitUntil } from '../tests/support/sockets';
import { inspectTs } from './testing/ts-inspect';
import { liveUrl, openViewer } from './testing/viewers';

const CLIP_CACHE = path.join(os.tmpdir(), 'canteen-command-clips');

const ids = {
  restarted: randomUUID(),
  frozen: randomUUID(),
  covered: randomUUID(),
  blurred: randomUUID(),
  pattern: randomUUID(),
  people: randomUUID(),
  bogus: randomUUID(),
};
let clips: Record<ClipName, string>;
/** The camera that is killed and started again on the same port. */
let restartable: SimulatedCameraServer;
let cameras: SimulatedCameraServer;
let control: FakeControlServer;
let relay: RelayProcess;
let dataDir: string;

beforeAll(async () => {
  clips = await ensureClips(CLIP_CACHE);
  restartable = await startSimulatedCameras({ cameras: [{ path: 'kitchen', clip: clips.pattern }] });
  cameras = await startSimulatedCameras({
    cameras: [
      { path: 'frozen', clip: clips.pattern },
      { path: 'covered', clip: clips.covered },
      { path: 'blurred', clip: clips.blurred },
      { path: 'pattern', clip: clips.pattern },
      { path: 'people', clip: clips.people, credentials: { username: 'admin', password: 'kitchen 12' } },
    ],
  });
  control = await startFakeControlServer();
  control.cameras = [
    { id: ids.restarted, url: restartable.url('kitchen'), codec: 'h264' },
    { id: ids.frozen, url: cameras.url('frozen'), codec: 'h264' },
    { id: ids.covered, url: cameras.url('covered'), codec: 'h264' },
    { id: ids.blurred, url: cameras.url('blurred'), codec: 'h264' },
    { id: ids.pattern, url: cameras.url('pattern'), codec: 'h264' },
    { id: ids.people, url: cameras.url('people'), codec: 'h264' },
    // Nothing listens there: the connection is refused.
    { id: ids.bogus, url: 'rtsp://127.0.0.1:9/no-camera', codec: 'h264' },
  ];
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'relay-health-'));
  relay = await startRelayProcess({
    SERVER_URL: control.url,
    RELAY_TOKEN: control.relayToken,
    DATA_DIR: dataDir,
    RELAY_SEGMENT_SECONDS: '2',
    RELAY_HEALTH_SECONDS: '1',
  });
});

afterAll(async () => {
  expect(await relay?.stop()).toBe(0);
  await Promise.all([restartable?.stop(), cameras?.stop(), control?.close()]);
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe.concurrent('camera health', () => {
  it('reports a covered camera covered, a blurred one blurred, and clear ones online only', async ({ expect }) => {
    const [covered, blurred] = await Promise.all([
      control.waitForStatus(ids.covered, 'covered'),
      control.waitForStatus(ids.blurred, 'blurred'),
    ]);
    expect(covered.report.detail?.brightness).toBeLessThan(20);
    expect(blurred.report.detail?.sharpness).toBeLessThan(30);
    await Promise.all([control.waitForStatus(ids.pattern, 'online'), control.waitForStatus(ids.people, 'online')]);
    // Several analyses later (one a second, each a new measure of the moving picture), the clear cameras
    // have never been called anything else.
    const measures = new Set<string>();
    await waitUntil(
      async () => {
        const people = (await relay.health()).cameras.find((camera) => camera.id === ids.people);
        if (people?.picture) measures.add(JSON.stringify(people.picture));
        return measures.size >= 4;
      },
      30_000,
      'four analyses of the people camera',
    );
    for (const id of [ids.pattern, ids.people]) {
      expect(control.statuses.filter((entry) => entry.cameraId === id).map((entry) => entry.report.status)).toEqual(['online']);
    }
    for (const id of [ids.covered, ids.blurred]) {
      expect(control.statuses.filter((entry) => entry.cameraId === id)).toHaveLength(1);
    }
    const health = await relay.health();
    const picture = (id: string) => health.cameras.find((camera) => camera.id === id)!.picture!;
    console.log(
      'picture measures:',
      Object.entries({ covered: ids.covered, blurred: ids.blurred, pattern: ids.pattern, people: ids.people })
        .map(([name, id]) => `${name} ${JSON.stringify(picture(id))}`)
        .join('; '),
    );
  });

  it('reports a killed camera offline, and online again when it restarts; the viewer resumes on the same socket', async ({ expect }) => {
    await control.waitForStatus(ids.restarted, 'online');
    const viewer = await openViewer(liveUrl(relay.url, ids.restarted, control.token(ids.restarted, 'live')));
    await viewer.waitForBytes(200_000);

    const port = restartable.port;
    const killedAt = Date.now();
    await restartable.stop();
    const offline = await control.waitForStatus(ids.restarted, 'offline', { since: killedAt, timeoutMs: 30_000 });

    const before = viewer.bytes();
    restartable = await startSimulatedCameras({ port, cameras: [{ path: 'kitchen', clip: clips.pattern }] });
    const restartedAt = Date.now();
    await control.waitForStatus(ids.restarted, 'online', { since: restartedAt, timeoutMs: 15_000 });
    await viewer.waitForBytes(200_000);
    expect(viewer.ws.readyState).toBe(viewer.ws.OPEN);
    const resumed = inspectTs(viewer.received().subarray(before - (before % 188)));
    expect(resumed.keyframes).toBeGreaterThanOrEqual(1);
    expect(resumed.nalTypes.has(5)).toBe(true);
    console.log(`killed → offline reported in ${offline.receivedAt - killedAt} ms`);
    viewer.close();
  });

  it('reports a camera whose session stays up without video frozen, and online when video returns', async ({ expect }) => {
    await control.waitForStatus(ids.frozen, 'online');
    const frozenAt = Date.now();
    cameras.setState('frozen', 'frozen');
    const frozen = await control.waitForStatus(ids.frozen, 'frozen', { since: frozenAt, timeoutMs: 12_000 });
    expect(
      control.statuses.filter((entry) => entry.cameraId === ids.frozen && entry.receivedAt > frozenAt).map((entry) => entry.report.status),
    ).toEqual(['frozen']);
    // Stays frozen (not offline) across the relay's reconnects: two new ffmpegs, the first judged by its end.
    const pids = new Set<number>();
    await waitUntil(
      async () => {
        const pid = (await relay.health()).cameras.find((camera) => camera.id === ids.frozen)?.ffmpegPid;
        if (pid) pids.add(pid);
        return pids.size >= 3;
      },
      60_000,
      'two reconnects to the frozen camera',
    );
    expect(control.latestStatus(ids.frozen)).toBe('frozen');
    cameras.setState('frozen', 'live');
    await control.waitForStatus(ids.frozen, 'online', { since: frozen.receivedAt, timeoutMs: 15_000 });
  });

  it('keeps serving the other cameras while one has an address where nothing answers', async ({ expect }) => {
    const offline = await control.waitForStatus(ids.bogus, 'offline');
    expect(offline.report.detail?.reason).toBeTruthy();
    const viewer = await openViewer(liveUrl(relay.url, ids.pattern, control.token(ids.pattern, 'live')));
    await viewer.waitForBytes(200_000);
    expect(inspectTs(viewer.received()).nalTypes.has(5)).toBe(true);
    viewer.close();
    const health = await relay.health();
    expect(health.cameras.find((camera) => camera.id === ids.bogus)!.status).toBe('offline');
    expect(relay.child.exitCode).toBeNull();
  });

  it('survives an ffmpeg that does not exist: cameras offline, the process answering, a clean exit', async ({ expect }) => {
    const brokenControl = await startFakeControlServer();
    const id = randomUUID();
    brokenControl.cameras = [{ id, url: cameras.url('pattern'), codec: 'h264' }];
    const brokenDir = await mkdtemp(path.join(os.tmpdir(), 'relay-no-ffmpeg-'));
    const broken = await startRelayProcess({
      SERVER_URL: brokenControl.url,
      RELAY_TOKEN: brokenControl.relayToken,
      DATA_DIR: brokenDir,
      FFMPEG_PATH: path.join(brokenDir, 'no-such-ffmpeg'),
    });
    try {
      const offline = await brokenControl.waitForStatus(id, 'offline');
      expect(offline.report.detail?.reason).toMatch(/ENOENT/);
      const snapshot = await fetch(`${broken.url}/snapshot/${id}`, {
        headers: { authorization: `Bearer ${brokenControl.token(id, 'snapshot')}` },
      });
      expect(snapshot.status).toBe(503);
      // Restarts keep failing, harmlessly.
      const ended = () => broken.logs.filter((line) => line.includes('"msg":"camera ffmpeg ended"')).length;
      await waitUntil(() => ended() >= 3, 30_000, 'three failed starts of ffmpeg');
      expect((await broken.health()).cameras[0]).toMatchObject({ id, status: 'offline' });
      expect(broken.child.exitCode).toBeNull();
    } finally {
      expect(await broken.stop()).toBe(0);
      await brokenControl.close();
      await rm(brokenDir, { recursive: true, force: true });
    }
  });
});
