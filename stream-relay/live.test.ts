// Live video end to end: simulated RTSP cameras → the relay process (real ffmpeg) → real WebSocket viewers.
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureClips } from '../fixtures/media/clips';
import { startSimulatedCameras, type SimulatedCameraServer } from '../fixtures/rtsp/index';
import { signRelayToken } from './protocol';
import { startFakeControlServer, type FakeControlServer } from './testing/fake-control-server';
import { startRelayProcess, type RelayProcess } from './testing/relay-process';
import { waitUntil } from '../tests/support/sockets';
import { inspectTs } from './testing/ts-inspect';
import { liveUrl, openPausedViewer, openViewer, refusedStatus } from './testing/viewers';

const CLIP_CACHE = path.join(os.tmpdir(), 'canteen-command-clips');
/** The relay's per-viewer cap (main.ts): a viewer's backlog may exceed it by at most one message. */
const BACKLOG_CAP = 1 << 20;

const ids = { pattern: randomUUID(), noise: randomUUID(), people: randomUUID(), mpeg4: randomUUID() };
let cameras: SimulatedCameraServer;
let control: FakeControlServer;
let relay: RelayProcess;
let dataDir: string;

beforeAll(async () => {
  const clips = await ensureClips(CLIP_CACHE);
  cameras = await startSimulatedCameras({
    cameras: [
      { path: 'pattern', clip: clips.pattern },
      { path: 'noise', clip: clips.noise },
      { path: 'people', clip: clips.people },
      { path: 'substream', clip: clips.substream },
    ],
  });
  control = await startFakeControlServer();
  control.cameras = [
    { id: ids.pattern, url: cameras.url('pattern'), codec: 'h264' },
    { id: ids.noise, url: cameras.url('noise'), codec: 'h264' },
    { id: ids.people, url: cameras.url('people'), codec: 'h264' },
    // A camera the server knows as MPEG-4: offered to viewers only as MPEG-1.
    { id: ids.mpeg4, url: cameras.url('substream'), codec: 'mpeg4' },
  ];
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'relay-live-'));
  relay = await startRelayProcess({
    SERVER_URL: control.url,
    RELAY_TOKEN: control.relayToken,
    DATA_DIR: dataDir,
    RELAY_SEGMENT_SECONDS: '2',
  });
  await Promise.all(Object.values(ids).map((id) => control.waitForStatus(id, 'online')));
});

afterAll(async () => {
  expect(await relay?.stop()).toBe(0);
  await cameras?.stop();
  await control?.close();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe.concurrent('live video', () => {
  it('gives a viewer H.264 in MPEG-TS, starting with PAT, PMT and a keyframe; viewers share the stream', async ({ expect }) => {
    const first = await openViewer(liveUrl(relay.url, ids.pattern, control.token(ids.pattern, 'live')));
    const second = await openViewer(liveUrl(relay.url, ids.pattern, control.token(ids.pattern, 'live', { fmt: 'mpegts' })));
    await Promise.all([first.waitForBytes(400_000), second.waitForBytes(400_000)]);

    for (const viewer of [first, second]) {
      const ts = inspectTs(viewer.received());
      expect(ts.firstPids.slice(0, 2)).toEqual([0, 0x1000]); // PAT, then ffmpeg's PMT
      expect(ts.videoStreamType).toBe(0x1b);
      expect(ts.startsWithKeyframe).toBe(true);
      expect(ts.frames).toBeGreaterThan(10);
      expect(ts.keyframes).toBeGreaterThanOrEqual(1);
      expect(ts.nalTypes.has(5)).toBe(true); // IDR slice
      expect(ts.nalTypes.has(7)).toBe(true); // SPS
      // Messages stay small: a chunk of ffmpeg's output each (the first carries the cached GOP's first chunk).
      expect(Math.max(...viewer.messages.map((message) => message.length))).toBeLessThanOrEqual(256 * 1024);
      expect(viewer.messages.every((message) => message.length % 188 === 0)).toBe(true);
    }
    const health = await relay.health();
    expect(health.cameras.find((camera) => camera.id === ids.pattern)).toMatchObject({ status: 'online', viewers: 2 });
    // The clip runs at 25 fps, and the relay's health says so (given time on a busy machine).
    const fps = async () => (await relay.health()).cameras.find((camera) => camera.id === ids.pattern)!.fps;
    await expect.poll(fps, { timeout: 30_000 }).toBeGreaterThan(20);
    first.close();
    second.close();
  });

  it('refuses a viewer without a valid token for that camera with 401, and sends nothing', async ({ expect }) => {
    const now = Math.floor(Date.now() / 1000);
    const otherKey = randomBytes(32).toString('base64url');
    const refusals = await Promise.all([
      refusedStatus(liveUrl(relay.url, ids.pattern)),
      refusedStatus(liveUrl(relay.url, ids.pattern, 'not-a-token')),
      refusedStatus(liveUrl(relay.url, ids.pattern, signRelayToken(otherKey, { cam: ids.pattern, grant: 'live', exp: now + 60 }))),
      refusedStatus(liveUrl(relay.url, ids.pattern, control.token(ids.pattern, 'live', { exp: now - 5 }))),
      refusedStatus(liveUrl(relay.url, ids.pattern, control.token(ids.people, 'live'))),
      refusedStatus(liveUrl(relay.url, ids.pattern, control.token(ids.pattern, 'snapshot'))),
    ]);
    expect(refusals).toEqual(refusals.map(() => ({ status: 401, videoBytes: 0 })));

    const unknown = randomUUID();
    expect(await refusedStatus(liveUrl(relay.url, unknown, control.token(unknown, 'live')))).toEqual({ status: 404, videoBytes: 0 });
    const snapshot = await fetch(`${relay.url}/snapshot/${ids.pattern}`);
    expect(snapshot.status).toBe(401);
    expect(await snapshot.json()).toMatchObject({ error: { code: 'unauthorized' } });
  });

  it('transcodes to MPEG-1 while someone watches in MPEG-1, and stops when the last viewer leaves', async ({ expect }) => {
    const viewer = await openViewer(liveUrl(relay.url, ids.people, control.token(ids.people, 'live', { fmt: 'mpeg1' })));
    await viewer.waitForBytes(150_000, 20_000);
    const ts = inspectTs(viewer.received());
    expect([0x01, 0x02]).toContain(ts.videoStreamType);
    expect(ts.startsWithKeyframe).toBe(true);
    expect(ts.frames).toBeGreaterThan(5);

    const transcoderPid = (await relay.health()).cameras.find((camera) => camera.id === ids.people)!.transcoderPid;
    expect(transcoderPid).toBeTypeOf('number');
    viewer.close();
    await expect
      .poll(async () => (await relay.health()).cameras.find((camera) => camera.id === ids.people)!.transcoderPid, { timeout: 5_000 })
      .toBeNull();
    const alive = (pid: number) => {
      try {
        process.kill(pid, 0);
        return true;
      } catch {
        return false;
      }
    };
    await expect.poll(() => alive(transcoderPid!), { timeout: 5_000 }).toBe(false);
  });

  it('offers a camera that is neither H.264 nor H.265 only as MPEG-1', async ({ expect }) => {
    const viewer = await openViewer(liveUrl(relay.url, ids.mpeg4, control.token(ids.mpeg4, 'live')));
    await viewer.waitForBytes(60_000, 20_000);
    expect([0x01, 0x02]).toContain(inspectTs(viewer.received()).videoStreamType);
    viewer.close();
    expect(await refusedStatus(liveUrl(relay.url, ids.mpeg4, control.token(ids.mpeg4, 'live', { fmt: 'mpegts' })))).toEqual({
      status: 409,
      videoBytes: 0,
    });
  });

  it('skips a viewer that stops reading to keyframes, keeping its backlog and the relay memory bounded', async ({ expect }) => {
    const paused = await openPausedViewer('127.0.0.1', relay.port, `/live/${ids.noise}?token=${control.token(ids.noise, 'live')}`);
    const reading = await openViewer(liveUrl(relay.url, ids.noise, control.token(ids.noise, 'live')));
    try {
      const noise = async () => (await relay.health()).cameras.find((entry) => entry.id === ids.noise)!;
      // The paused viewer's socket buffers are full once the relay first skips it to a keyframe.
      await expect.poll(async () => (await noise()).droppedToKeyframe, { timeout: 30_000 }).toBeGreaterThan(0);
      const warm = await relay.health();
      const readBefore = reading.bytes();
      let largestBacklog = 0;
      // The viewer that reads is not held back by the one that does not: it gets some 3 MB more (about 6 s of
      // this 4 Mbit/s noise), while the paused one's backlog stays capped all along.
      await waitUntil(
        async () => {
          largestBacklog = Math.max(largestBacklog, (await noise()).largestBacklogBytes);
          return reading.bytes() - readBefore > 3_000_000;
        },
        60_000,
        'the reading viewer to receive 3 MB',
      );
      const end = await relay.health();
      console.log(
        `paused viewer: drops ${end.cameras.find((entry) => entry.id === ids.noise)!.droppedToKeyframe}, largest backlog ${largestBacklog} B, ` +
          `rss ${(warm.rssBytes / 2 ** 20).toFixed(1)} → ${(end.rssBytes / 2 ** 20).toFixed(1)} MiB, reader got ${reading.bytes() - readBefore} B`,
      );
      const camera = end.cameras.find((entry) => entry.id === ids.noise)!;
      expect(camera.viewers).toBe(2);
      expect(camera.droppedToKeyframe).toBeGreaterThan(0);
      expect(largestBacklog).toBeLessThanOrEqual(BACKLOG_CAP + 256 * 1024);
      expect(camera.peakBacklogBytes).toBeLessThanOrEqual(BACKLOG_CAP + 256 * 1024);
      expect(end.rssBytes - warm.rssBytes).toBeLessThan(40 * 1024 * 1024);
    } finally {
      paused.destroy();
      reading.close();
    }
  });
});
