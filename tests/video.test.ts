// Video end to end across processes: simulated RTSP cameras on loopback → a stream relay process → the
// server. Everything a viewer gets goes through the server's API and its same-origin live WebSocket.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { WebSocket } from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureClips, type ClipName } from '../fixtures/media/clips';
import { startSimulatedCameras, type SimulatedCameraServer } from '../fixtures/rtsp';
import { createServiceToken } from '../server/auth/commands/createServiceToken';
import { systemActor } from '../server/policy/actor';
import { ffmpegPath } from '../stream-relay/ffmpeg';
import { inspectTs } from '../stream-relay/testing/ts-inspect';
import { startRelayProcess, type RelayProcess } from '../stream-relay/testing/relay-process';
import { waitUntil } from './support/sockets';
import { startTestServer, type TestServer } from './support/test-server';

const XINGLONG = '130822';
const LUANPING = '130824';
const CREDENTIALS = { username: 'admin', password: 'Kitchen-Cam-Pw9' };

interface LiveViewer {
  chunks: Buffer[];
  bytes(): Buffer;
  socket: WebSocket;
}

describe('video across processes', () => {
  let t: TestServer;
  let relay: RelayProcess;
  let kitchen: SimulatedCameraServer;
  let others: SimulatedCameraServer;
  let clips: Record<ClipName, string>;
  const relayDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cc-relay-'));
  const ids: Record<'people' | 'pattern' | 'covered', string> = { people: '', pattern: '', covered: '' };
  let schoolCode = '';

  const kitchenCamera = () => ({ path: 'kitchen', clip: clips.people, credentials: CREDENTIALS });

  beforeAll(async () => {
    t = await startTestServer({ canteens: 40 });
    clips = await ensureClips(path.join(os.tmpdir(), 'canteen-command-clips'));
    const school = t.dataset.schools.find(
      (s) => s.countyCode === XINGLONG && t.dataset.cameras.filter((c) => c.schoolId === s.id).length >= 3,
    )!;
    schoolCode = school.code;
    const [people, pattern, covered] = t.dataset.cameras.filter((c) => c.schoolId === school.id);
    ids.people = people!.id;
    ids.pattern = pattern!.id;
    ids.covered = covered!.id;

    kitchen = await startSimulatedCameras({ port: 0, cameras: [kitchenCamera()] });
    others = await startSimulatedCameras({
      port: 0,
      cameras: [
        { path: 'store', clip: clips.pattern, credentials: CREDENTIALS },
        { path: 'wash', clip: clips.covered, credentials: CREDENTIALS },
      ],
    });
    const urls = { [ids.people]: kitchen.url('kitchen'), [ids.pattern]: others.url('store'), [ids.covered]: others.url('wash') };
    for (const [id, url] of Object.entries(urls))
      await t.db('cameras').where({ id }).update({ stream_url: url, ingest: true, codec: 'h264' });

    const { token } = await createServiceToken(t.server.ctx, { actor: systemActor('test') }, { name: 'relay-test', kind: 'relay' });
    relay = await startRelayProcess({
      SERVER_URL: t.url,
      RELAY_TOKEN: token,
      RELAY_ID: 'relay-test',
      DATA_DIR: relayDataDir,
      RELAY_SEGMENT_SECONDS: '2',
      RELAY_STALL_SECONDS: '3',
      RELAY_HEALTH_SECONDS: '2',
    });
    await waitUntil(async () => (await statusOf(ids.people)) === 'online', 30_000, 'the kitchen camera online');
  }, 120_000);

  afterAll(async () => {
    await relay?.stop();
    await Promise.all([kitchen?.stop(), others?.stop()]);
    await t?.close();
    fs.rmSync(relayDataDir, { recursive: true, force: true });
  });

  let admin: string | undefined;
  async function statusOf(cameraId: string): Promise<string> {
    admin ??= await t.login('city.admin');
    const school = t.dataset.schools.find((s) => s.code === schoolCode)!;
    const page = await t.request<{ items: Array<{ id: string; status: string }> }>('GET', `/api/cameras?school=${school.id}`, {
      token: admin,
    });
    return page.body.items.find((c) => c.id === cameraId)?.status ?? 'missing';
  }

  async function watch(cameraId: string, token: string, format?: 'mpegts' | 'mpeg1'): Promise<LiveViewer> {
    const ticket = await t.request<{ url: string }>('POST', `/api/cameras/${cameraId}/live`, { token, body: format ? { format } : {} });
    expect(ticket.status).toBe(200);
    const socket = new WebSocket(t.url.replace(/^http/, 'ws') + ticket.body.url);
    const chunks: Buffer[] = [];
    socket.on('message', (data: Buffer) => chunks.push(Buffer.from(data)));
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });
    return { chunks, socket, bytes: () => Buffer.concat(chunks) };
  }

  it('brings the RTSP camera to a viewer in scope as MPEG-TS carrying H.264, through the server', async () => {
    const manager = await t.login(`school.${schoolCode}`);
    const viewer = await watch(ids.people, manager);
    await waitUntil(() => inspectTs(viewer.bytes()).frames >= 25, 15_000, 'a second of video');
    const stream = inspectTs(viewer.bytes());
    expect(stream.videoStreamType).toBe(0x1b);
    expect(stream.nalTypes.has(5)).toBe(true); // an IDR picture
    expect(stream.startsWithKeyframe).toBe(true);
    viewer.socket.close();

    // Another county's operator gets no ticket for it: not found.
    const foreign = await t.login(`county.${LUANPING}`);
    expect((await t.request('POST', `/api/cameras/${ids.people}/live`, { token: foreign, body: {} })).status).toBe(404);
  });

  it('serves MPEG-1 for the jsmpeg player when asked', async () => {
    const duty = await t.login('city.duty');
    const viewer = await watch(ids.pattern, duty, 'mpeg1');
    await waitUntil(() => inspectTs(viewer.bytes()).frames >= 10, 20_000, 'MPEG-1 frames');
    expect([0x01, 0x02]).toContain(inspectTs(viewer.bytes()).videoStreamType);
    viewer.socket.close();
  });

  it('gives a snapshot that is a JPEG of the current frame, which can be kept and attached to an alert', async () => {
    const duty = await t.login('city.duty');
    const response = await fetch(`${t.url}/api/cameras/${ids.people}/snapshot`, { headers: { authorization: `Bearer ${duty}` } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/jpeg');
    // The current frame: a moment later the snapshot is of a later one.
    const captured = Date.parse(response.headers.get('x-captured-at')!);
    const laterCapture = async () => {
      const next = await fetch(`${t.url}/api/cameras/${ids.people}/snapshot`, { headers: { authorization: `Bearer ${duty}` } });
      await next.arrayBuffer();
      return Date.parse(next.headers.get('x-captured-at')!);
    };
    await expect.poll(laterCapture, { timeout: 15_000 }).toBeGreaterThan(captured);
    const meta = await sharp(Buffer.from(await response.arrayBuffer())).metadata();
    expect(meta).toMatchObject({ format: 'jpeg', width: 1280, height: 720 });

    const kept = await t.request<{ id: string }>('POST', `/api/cameras/${ids.people}/snapshots`, { token: duty });
    expect(kept.status).toBe(201);
    const alert = await t.request('POST', '/api/alerts', {
      token: duty,
      body: { source: 'patrol', category: 'patrol_violation', cameraId: ids.people, snapshotId: kept.body.id, summary: '操作间地面积水' },
    });
    expect(alert.status).toBe(201);
    expect(alert.body).toMatchObject({ alert: { snapshotId: kept.body.id } });
  });

  it('records segments, lists them and plays a range back with range requests', async () => {
    const admin = await t.login('city.admin');
    type Segment = { start: string; end: string; bytes: number };
    const list = async () => {
      const from = new Date(Date.now() - 10 * 60_000).toISOString();
      const to = new Date(Date.now() + 60_000).toISOString();
      const response = await t.request<{ segments: Segment[] }>('GET', `/api/cameras/${ids.people}/recordings?from=${from}&to=${to}`, {
        token: admin,
      });
      expect(response.status).toBe(200);
      return response.body.segments;
    };
    await waitUntil(async () => (await list()).length >= 3, 20_000, 'three segments');
    const [first, second] = await list();
    const query = `from=${first!.start}&to=${new Date(Date.parse(second!.end) - 1).toISOString()}`;
    const url = `${t.url}/api/cameras/${ids.people}/playback?${query}`;
    const whole = await fetch(url, { headers: { authorization: `Bearer ${admin}` } });
    expect(whole.status).toBe(200);
    expect(whole.headers.get('accept-ranges')).toBe('bytes');
    const body = Buffer.from(await whole.arrayBuffer());
    expect(body.length).toBe(first!.bytes + second!.bytes);

    const part = await fetch(url, { headers: { authorization: `Bearer ${admin}`, range: 'bytes=188-375' } });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe(`bytes 188-375/${body.length}`);
    expect(Buffer.from(await part.arrayBuffer())).toEqual(body.subarray(188, 376));

    // What was recorded decodes.
    const file = path.join(relayDataDir, 'playback-check.ts');
    fs.writeFileSync(file, body);
    const decoded = spawnSync(ffmpegPath(), ['-v', 'error', '-i', file, '-f', 'null', '-'], { encoding: 'utf8' });
    expect(decoded.status).toBe(0);
    expect(inspectTs(body).frames).toBeGreaterThan(40);

    // Not for another county.
    const foreign = await t.login(`county.${LUANPING}`);
    expect((await fetch(url, { headers: { authorization: `Bearer ${foreign}` } })).status).toBe(404);
  });

  it('reports a killed camera offline, and back online with the open viewer’s video resuming', async () => {
    const duty = await t.login('city.duty');
    const viewer = await watch(ids.people, duty);
    await waitUntil(() => inspectTs(viewer.bytes()).frames >= 10, 10_000, 'video before the kill');

    const port = kitchen.port;
    await kitchen.stop();
    await waitUntil(async () => (await statusOf(ids.people)) === 'offline', 30_000, 'the camera reported offline');
    const alerts = await t.request<{ items: Array<{ category: string }> }>('GET', `/api/alerts?source=camera&status=new`, { token: duty });
    expect(alerts.body.items.some((a) => a.category === 'camera_offline')).toBe(true);

    const before = viewer.bytes().length;
    kitchen = await startSimulatedCameras({ port, cameras: [kitchenCamera()] });
    await waitUntil(async () => (await statusOf(ids.people)) === 'online', 20_000, 'online again');
    await waitUntil(() => inspectTs(viewer.bytes().subarray(before)).frames >= 10, 15_000, 'video resumed');
    expect(viewer.socket.readyState).toBe(WebSocket.OPEN);
    viewer.socket.close();
  });

  it('reports a frozen camera frozen and a covered lens covered', async () => {
    await waitUntil(async () => (await statusOf(ids.covered)) === 'covered', 20_000, 'covered');
    others.setState('store', 'frozen');
    await waitUntil(async () => (await statusOf(ids.pattern)) === 'frozen', 20_000, 'frozen');
    others.setState('store', 'live');
    await waitUntil(async () => (await statusOf(ids.pattern)) === 'online', 20_000, 'online after the freeze');
  });

  it('never shows a viewer the camera address or its password', async () => {
    const manager = await t.login(`school.${schoolCode}`);
    const school = t.dataset.schools.find((s) => s.code === schoolCode)!;
    for (const pathname of [`/api/cameras?school=${school.id}`, `/api/events?since=0`, `/api/alerts?school=${school.id}`]) {
      const response = await t.request('GET', pathname, { token: manager });
      expect(response.text).not.toMatch(/rtsp:|Kitchen-Cam-Pw9|127\.0\.0\.1:\d+\/(kitchen|store|wash)/);
    }
    const ticket = await t.request('POST', `/api/cameras/${ids.people}/live`, { token: manager, body: {} });
    expect(ticket.text).not.toMatch(/rtsp:|Kitchen-Cam-Pw9|:\d{4,5}\//);
  });
});
