// GB/T 28181 channels live on demand: a viewer's WebSocket makes the relay call the channel, real ffmpeg
// makes the live MPEG-TS from the elementary stream, the call is hung up a grace after the last viewer, a
// call the device ends is made again while someone watches, and an H.265 channel is offered as H.264 too.
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureClips } from '../../fixtures/media/clips';
import { waitUntil } from '../../tests/support/sockets';
import { ffmpegPath } from '../ffmpeg';
import { inspectTs } from '../testing/ts-inspect';
import { liveUrl, openViewer } from '../testing/viewers';
import { startGbRelay, type GbRelay } from './testing/gb-relay';
import { StandInDevice } from './testing/stand-in-device';

const CLIP_CACHE = path.join(os.tmpdir(), 'canteen-command-clips');
const DEVICE = '13080000001180000001';
const H264_CHANNEL = '13080000001310000001';
const H265_CHANNEL = '13080000001310000002';
const OFF_CHANNEL = '13080000001310000003';
const ids = { h264: randomUUID(), h265: randomUUID(), off: randomUUID() };

let device: StandInDevice;
let relay: GbRelay;
let scratch: string;

/** 6 s of H.265 at 25 fps, a keyframe each second, no B-frames, headers before every keyframe. */
function makeHevcClip(file: string): void {
  const result = spawnSync(ffmpegPath(), [
    ...['-hide_banner', '-loglevel', 'error', '-f', 'lavfi', '-i', 'testsrc2=size=640x360:rate=25', '-frames:v', '150'],
    ...['-c:v', 'libx265', '-preset', 'ultrafast', '-x265-params', 'keyint=25:min-keyint=25:bframes=0:repeat-headers=1:log-level=error'],
    ...['-f', 'hevc', '-y', file],
  ]);
  if (result.status !== 0) throw new Error(`cannot make the H.265 clip: ${result.stderr.toString()}`);
}

beforeAll(async () => {
  const clips = await ensureClips(CLIP_CACHE);
  scratch = await mkdtemp(path.join(os.tmpdir(), 'gb-live-'));
  const hevc = path.join(scratch, 'pattern.hevc');
  makeHevcClip(hevc);
  device = new StandInDevice(DEVICE, [
    { channelId: H264_CHANNEL, clip: clips.people, codec: 'h264', online: true },
    { channelId: H265_CHANNEL, clip: hevc, codec: 'h265', online: true },
    { channelId: OFF_CHANNEL, clip: clips.pattern, codec: 'h264', online: false },
  ]);
  relay = await startGbRelay(device.media('tcp-passive', 1));
  await relay.assign([
    { id: ids.h264, url: `gb28181:${DEVICE}/${H264_CHANNEL}`, codec: 'h264' },
    { id: ids.h265, url: `gb28181:${DEVICE}/${H265_CHANNEL}`, codec: 'h265' },
    { id: ids.off, url: `gb28181:${DEVICE}/${OFF_CHANNEL}`, codec: 'h264' },
  ]);
});

afterAll(async () => {
  await relay?.stop();
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

const watch = (cameraId: string, fmt?: 'mpegts' | 'h264' | 'mpeg1') =>
  openViewer(liveUrl(relay.url, cameraId, relay.control.token(cameraId, 'live', fmt ? { fmt } : {})));

describe('a GB/T 28181 channel, live on demand', () => {
  it('is not called while nobody watches; its status follows the channel', async () => {
    await relay.control.waitForStatus(ids.h264, 'online');
    await relay.control.waitForStatus(ids.off, 'offline');
    expect(device.activeCalls).toBe(0);
  });

  it('is called for the first viewer, who gets changing H.264 frames; hung up after the last viewer leaves', async () => {
    const viewer = await watch(ids.h264, 'mpegts');
    await viewer.waitForBytes(300_000, 20_000);
    const early = inspectTs(viewer.received());
    expect(early.videoStreamType).toBe(0x1b);
    expect(early.startsWithKeyframe).toBe(true);
    await viewer.waitForBytes(300_000, 20_000);
    expect(inspectTs(viewer.received()).frames).toBeGreaterThan(early.frames);
    expect(device.invites.at(-1)).toMatchObject({ deviceId: DEVICE, channelId: H264_CHANNEL, mode: 'play', transport: 'tcp-passive' });
    expect(device.invites.at(-1)?.ssrc).toMatch(/^0\d{9}$/);
    expect(device.activeCalls).toBe(1);

    // A second viewer shares the call.
    const second = await watch(ids.h264, 'mpegts');
    await second.waitForBytes(100_000, 20_000);
    expect(device.activeCalls).toBe(1);
    viewer.close();
    second.close();
    await waitUntil(() => device.activeCalls === 0, 10_000, 'BYE after the grace');
    expect(relay.relay.reports().find((report) => report.id === ids.h264)).toMatchObject({ codec: 'h264' });
  });

  it('calls again when the device hangs up while someone watches', async () => {
    const viewer = await watch(ids.h264, 'mpegts');
    await viewer.waitForBytes(200_000, 20_000);
    const calls = device.invites.length;
    device.hangUpAll();
    await waitUntil(() => device.invites.length > calls && device.activeCalls === 1, 15_000, 'a new INVITE');
    const before = viewer.bytes();
    await viewer.waitForBytes(200_000, 20_000);
    expect(viewer.bytes()).toBeGreaterThan(before);
    viewer.close();
    await waitUntil(() => device.activeCalls === 0, 10_000, 'BYE after the grace');
  });

  it('passes an H.265 channel through, and transcodes it to H.264 for a browser that cannot play H.265', async () => {
    const passthrough = await watch(ids.h265, 'mpegts');
    const transcoded = await watch(ids.h265, 'h264');
    await Promise.all([passthrough.waitForBytes(100_000, 30_000), transcoded.waitForBytes(100_000, 30_000)]);
    expect(inspectTs(passthrough.received()).videoStreamType).toBe(0x24);
    const h264 = inspectTs(transcoded.received());
    expect(h264.videoStreamType).toBe(0x1b);
    expect(h264.nalTypes.has(5)).toBe(true);
    expect(relay.relay.reports().find((report) => report.id === ids.h265)).toMatchObject({ codec: 'h265' });
    passthrough.close();
    transcoded.close();
    await waitUntil(() => device.activeCalls === 0, 10_000, 'BYE after the grace');
  });

  it('calls stream number 1 for a grid tile that asks for the sub-stream, and hangs it up after the tile leaves', async () => {
    const tile = await openViewer(liveUrl(relay.url, ids.h264, relay.control.token(ids.h264, 'live', { fmt: 'mpegts', ss: 1 })));
    await tile.waitForBytes(100_000, 20_000);
    expect(inspectTs(tile.received()).videoStreamType).toBe(0x1b);
    expect(device.invites.at(-1)).toMatchObject({ channelId: H264_CHANNEL, streamNumber: 1 });
    tile.close();
    await waitUntil(() => device.activeCalls === 0, 10_000, 'BYE after the grace');
  });

  it('gives a snapshot of an idle channel by calling it', async () => {
    const response = await fetch(`${relay.url}/snapshot/${ids.h264}`, {
      headers: { authorization: `Bearer ${relay.control.token(ids.h264, 'snapshot')}` },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/jpeg');
    expect((await response.arrayBuffer()).byteLength).toBeGreaterThan(5_000);
  });
});
