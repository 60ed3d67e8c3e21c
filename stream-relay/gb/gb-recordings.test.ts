// Recordings at the edge: a GB/T 28181 channel's recordings list is the device's RecordInfo, and a past range
// is played from the device (INVITE s=Playback) as one MPEG-TS that ends with the range; pause, speed and
// seek reach the device as MANSRTSP.
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureClips } from '../../fixtures/media/clips';
import { waitUntil } from '../../tests/support/sockets';
import { inspectTs } from '../testing/ts-inspect';
import { startGbRelay, type GbRelay } from './testing/gb-relay';
import { StandInDevice } from './testing/stand-in-device';

const CLIP_CACHE = path.join(os.tmpdir(), 'canteen-command-clips');
const DEVICE = '13080000001180000002';
const CHANNEL = '13080000001310000011';
const cameraId = randomUUID();

let device: StandInDevice;
let relay: GbRelay;

beforeAll(async () => {
  const clips = await ensureClips(CLIP_CACHE);
  device = new StandInDevice(DEVICE, [{ channelId: CHANNEL, clip: clips.pattern, codec: 'h264', online: true }]);
  relay = await startGbRelay(device.media('udp', 1));
  await relay.assign([{ id: cameraId, url: `gb28181:${DEVICE}/${CHANNEL}`, codec: 'h264' }]);
});

afterAll(async () => {
  await relay?.stop();
});

const get = (route: string, query: Record<string, string>, grant: 'recordings' | 'playback') =>
  fetch(`${relay.url}/${route}/${cameraId}?${new URLSearchParams(query)}`, {
    headers: { authorization: `Bearer ${relay.control.token(cameraId, grant)}` },
  });

describe("a GB/T 28181 channel's recordings, kept on the device", () => {
  it('lists what the device answers to RecordInfo for the range', async () => {
    const from = new Date('2026-12-07T00:00:00Z');
    const to = new Date('2026-12-07T02:00:00Z');
    const response = await get('recordings', { from: from.toISOString(), to: to.toISOString() }, 'recordings');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      segments: [{ start: from.toISOString(), end: '2026-12-07T01:00:00.000Z', bytes: 1000 }],
    });
  });

  it('plays a past range from the device as MPEG-TS that ends with the range', async () => {
    const from = new Date(Date.now() - 3600_000);
    const to = new Date(from.getTime() + 4_000);
    const response = await get('playback', { from: from.toISOString(), to: to.toISOString() }, 'playback');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('video/mp2t');
    expect(response.headers.get('accept-ranges')).toBe('none');
    const ts = inspectTs(Buffer.from(await response.arrayBuffer()));
    expect(ts.videoStreamType).toBe(0x1b);
    expect(ts.startsWithKeyframe).toBe(true);
    // 4 s at 25 fps, all of them.
    expect(ts.frames).toBe(100);
    const invite = device.invites.at(-1)!;
    expect(invite).toMatchObject({ mode: 'playback', start: from, end: to, transport: 'udp' });
    expect(invite.ssrc).toMatch(/^1\d{9}$/);
    await waitUntil(() => device.activeCalls === 0, 5_000, 'the call over');
  });

  it('pauses, speeds up and seeks the device through the controls', async () => {
    const from = new Date(Date.now() - 7200_000);
    const to = new Date(from.getTime() + 600_000);
    const controller = new AbortController();
    const response = await fetch(`${relay.url}/playback/${cameraId}?from=${from.toISOString()}&to=${to.toISOString()}`, {
      headers: { authorization: `Bearer ${relay.control.token(cameraId, 'playback')}` },
      signal: controller.signal,
    });
    const session = response.headers.get('x-playback-session')!;
    const reader = response.body!.getReader();
    await reader.read();
    const control = (query: Record<string, string>) =>
      fetch(`${relay.url}/playback/${cameraId}/control?${new URLSearchParams({ session, ...query })}`, {
        headers: { authorization: `Bearer ${relay.control.token(cameraId, 'playback')}` },
      });
    expect((await control({ action: 'pause' })).status).toBe(204);
    expect((await control({ action: 'play', scale: '2' })).status).toBe(204);
    expect((await control({ action: 'play', seek: '120' })).status).toBe(204);
    expect(device.infos.slice(-3)).toEqual([
      { action: 'PAUSE', cseq: expect.any(Number) },
      { action: 'PLAY', cseq: expect.any(Number), scale: 2 },
      { action: 'PLAY', cseq: expect.any(Number), rangeStartSeconds: 120 },
    ]);
    expect((await control({ action: 'jump' })).status).toBe(400);
    expect((await control({ action: 'pause', session: randomUUID() })).status).toBe(404);

    // The viewer goes away: the call is ended.
    controller.abort();
    await waitUntil(() => device.activeCalls === 0, 5_000, 'BYE when the viewer left');
    expect((await control({ action: 'pause' })).status).toBe(404);
  });
});
