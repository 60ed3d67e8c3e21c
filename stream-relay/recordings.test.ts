// Recording, listing, playback, retention and snapshots end to end, with 2 s segments.
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureClips } from '../fixtures/media/clips';
import { startSimulatedCameras, type SimulatedCameraServer } from '../fixtures/rtsp/index';
import { ffmpegPath } from './ffmpeg';
import { RecordingList } from './protocol';
import { shanghaiDay } from './shanghai-time';
import { startFakeControlServer, type FakeControlServer } from './testing/fake-control-server';
import { startRelayProcess, type RelayProcess } from './testing/relay-process';
import { waitUntil } from '../tests/support/sockets';
import { inspectTs } from './testing/ts-inspect';

const CLIP_CACHE = path.join(os.tmpdir(), 'canteen-command-clips');
const DAY_MS = 24 * 3600_000;

const ids = { recorded: randomUUID(), intermittent: randomUUID() };
/** A camera no longer assigned, whose old recordings the sweep still clears. */
const formerCamera = randomUUID();
let cameras: SimulatedCameraServer;
let control: FakeControlServer;
let relay: RelayProcess;
let dataDir: string;
let startedAt: number;

/** A segment file made by hand, dated `ageDays` ago. */
async function oldSegment(cameraId: string, ageDays: number): Promise<string> {
  const at = Date.now() - ageDays * DAY_MS;
  const directory = path.join(dataDir, 'recordings', cameraId, shanghaiDay(at));
  await mkdir(directory, { recursive: true });
  const file = path.join(directory, `${Math.floor(at / 1000)}.ts`);
  await writeFile(file, Buffer.alloc(188 * 10, 0x47));
  await utimes(file, new Date(at), new Date(at));
  return file;
}

const exists = (file: string) =>
  stat(file).then(
    () => true,
    () => false,
  );

function authorised(url: string, token: string) {
  return fetch(url, { headers: { authorization: `Bearer ${token}` } });
}

/** Decodes an MPEG-TS with ffmpeg; resolves with the number of frames decoded. */
function decodedFrames(data: Buffer): Promise<{ code: number | null; frames: number; errors: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(ffmpegPath(), [
      '-hide_banner',
      '-nostats',
      '-loglevel',
      'error',
      '-f',
      'mpegts',
      '-i',
      'pipe:0',
      '-f',
      'framemd5',
      'pipe:1',
    ]);
    let frames = 0;
    let errors = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (text: string) => (frames += text.split('\n').filter((line) => /^\d/.test(line)).length));
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (text: string) => (errors += text));
    child.stdin.on('error', () => undefined);
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, frames, errors }));
    child.stdin.end(data);
  });
}

let retained: { expired: string[]; kept: string };

beforeAll(async () => {
  const clips = await ensureClips(CLIP_CACHE);
  cameras = await startSimulatedCameras({
    cameras: [
      { path: 'recorded', clip: clips.people },
      { path: 'intermittent', clip: clips.pattern },
    ],
  });
  cameras.setState('intermittent', 'down');
  control = await startFakeControlServer();
  control.cameras = [
    { id: ids.recorded, url: cameras.url('recorded'), codec: 'h264' },
    { id: ids.intermittent, url: cameras.url('intermittent'), codec: 'h264' },
  ];
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'relay-recordings-'));
  // Older than the 30-day retention: swept at start. Ten days old: kept.
  retained = {
    expired: [await oldSegment(ids.recorded, 40), await oldSegment(ids.recorded, 31), await oldSegment(formerCamera, 45)],
    kept: await oldSegment(ids.recorded, 10),
  };
  relay = await startRelayProcess({
    SERVER_URL: control.url,
    RELAY_TOKEN: control.relayToken,
    DATA_DIR: dataDir,
    RELAY_SEGMENT_SECONDS: '2',
    RETENTION_DAYS: '30',
  });
  startedAt = Date.now();
  await control.waitForStatus(ids.recorded, 'online');
  // Three 2 s segments closed, a fourth open.
  const today = path.join(dataDir, 'recordings', ids.recorded, shanghaiDay(Date.now()));
  const segments = async () => (await readdir(today).catch(() => [])).filter((name) => /^\d{10}\.ts$/.test(name)).length;
  await waitUntil(async () => (await segments()) >= 4, 60_000, 'four recording segments');
});

afterAll(async () => {
  expect(await relay?.stop()).toBe(0);
  await cameras?.stop();
  await control?.close();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe.concurrent('recordings', () => {
  it('writes numbered 2 s segments into the Shanghai day directory', async ({ expect }) => {
    const directory = path.join(dataDir, 'recordings', ids.recorded, shanghaiDay(Date.now()));
    const names = (await readdir(directory)).filter((name) => name !== path.basename(retained.kept)).sort();
    expect(names.length).toBeGreaterThanOrEqual(3);
    for (const name of names) expect(name).toMatch(/^\d{10}\.ts$/);
    const starts = names.map((name) => Number.parseInt(name, 10));
    expect(starts[0]! * 1000).toBeGreaterThanOrEqual(startedAt - 5_000);
    // Cut at the clock every 2 s, at the first keyframe (one a second) after the boundary.
    for (const [index, start] of starts.entries()) {
      if (index > 0) expect(start - starts[index - 1]!).toBeGreaterThanOrEqual(1);
      if (index > 0) expect(start - starts[index - 1]!).toBeLessThanOrEqual(3);
    }
    // Tomorrow's directory is made ahead of time (the segment muxer makes none).
    expect(await exists(path.join(dataDir, 'recordings', ids.recorded, shanghaiDay(Date.now() + DAY_MS)))).toBe(true);
  });

  it('lists the segments of a range, and plays them back as one MPEG-TS honouring byte ranges', async ({ expect }) => {
    const from = new Date(startedAt - 10_000).toISOString();
    const to = new Date().toISOString();
    const query = `from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`;
    const listing = await authorised(`${relay.url}/recordings/${ids.recorded}?${query}`, control.token(ids.recorded, 'recordings'));
    expect(listing.status).toBe(200);
    const { segments } = RecordingList.parse(await listing.json());
    expect(segments.length).toBeGreaterThanOrEqual(3);
    for (const [index, segment] of segments.entries()) {
      expect(segment.bytes).toBeGreaterThan(0);
      expect(Date.parse(segment.end)).toBeGreaterThan(Date.parse(segment.start));
      const next = segments[index + 1];
      if (next) expect(Date.parse(segment.end)).toBeLessThanOrEqual(Date.parse(next.start));
    }

    // The whole range, then a byte range of it.
    const url = `${relay.url}/playback/${ids.recorded}?${query}`;
    const whole = await authorised(url, control.token(ids.recorded, 'playback'));
    expect(whole.status).toBe(200);
    expect(whole.headers.get('content-type')).toBe('video/mp2t');
    expect(whole.headers.get('accept-ranges')).toBe('bytes');
    const body = Buffer.from(await whole.arrayBuffer());
    expect(body.length).toBe(Number(whole.headers.get('content-length')));
    expect(body.length % 188).toBe(0);
    // The first segment, closed, is the first bytes of the resource.
    const firstFile = path.join(
      dataDir,
      'recordings',
      ids.recorded,
      shanghaiDay(Date.parse(segments[0]!.start)),
      `${Date.parse(segments[0]!.start) / 1000}.ts`,
    );
    const first = await readFile(firstFile);
    expect(body.subarray(0, first.length).equals(first)).toBe(true);

    const ranged = await fetch(url, {
      headers: { authorization: `Bearer ${control.token(ids.recorded, 'playback')}`, range: 'bytes=1000-50999' },
    });
    expect(ranged.status).toBe(206);
    expect(ranged.headers.get('content-range')).toMatch(/^bytes 1000-50999\/\d+$/);
    expect(Buffer.from(await ranged.arrayBuffer()).equals(body.subarray(1000, 51000))).toBe(true);

    const beyond = await fetch(url, {
      headers: { authorization: `Bearer ${control.token(ids.recorded, 'playback')}`, range: 'bytes=999999999-' },
    });
    expect(beyond.status).toBe(416);
    expect(beyond.headers.get('content-range')).toMatch(/^bytes \*\/\d+$/);

    // One continuous stream: ffmpeg decodes it through the segment boundaries.
    const ts = inspectTs(body);
    expect(ts.videoStreamType).toBe(0x1b);
    const decoded = await decodedFrames(body);
    expect(decoded.code).toBe(0);
    expect(decoded.frames).toBeGreaterThanOrEqual(ts.frames - 2);
    expect(decoded.frames).toBeGreaterThan(25 * 5);
  });

  it('refuses bad ranges, a token of another grant, and unknown cameras', async ({ expect }) => {
    const token = control.token(ids.recorded, 'recordings');
    const now = Date.now();
    const range = (from: number, to: number) => `from=${new Date(from).toISOString()}&to=${new Date(to).toISOString()}`;
    for (const query of ['', 'from=yesterday&to=today', range(now, now - 1000), range(now - 8 * DAY_MS, now)]) {
      const response = await authorised(`${relay.url}/recordings/${ids.recorded}?${query}`, token);
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ error: { code: 'bad_request' } });
    }
    const playback = await authorised(
      `${relay.url}/playback/${ids.recorded}?${range(now - 2 * DAY_MS, now)}`,
      control.token(ids.recorded, 'playback'),
    );
    expect(playback.status).toBe(400);
    expect(
      (await authorised(`${relay.url}/recordings/${ids.recorded}?${range(now - 1000, now)}`, control.token(ids.recorded, 'playback')))
        .status,
    ).toBe(401);
    expect(
      (await authorised(`${relay.url}/recordings/${formerCamera}?${range(now - 1000, now)}`, control.token(formerCamera, 'recordings')))
        .status,
    ).toBe(404);
    expect((await authorised(`${relay.url}/recordings/..%2F..%2Fetc?${range(now - 1000, now)}`, token)).status).toBe(404);
    const nothing = await authorised(
      `${relay.url}/playback/${ids.recorded}?${range(now - 20 * DAY_MS, now - 19 * DAY_MS)}`,
      control.token(ids.recorded, 'playback'),
    );
    expect(nothing.status).toBe(404);
  });

  it('sweeps segments and day directories past the retention at start, and keeps recent ones', async ({ expect }) => {
    for (const file of retained.expired) {
      expect(await exists(file)).toBe(false);
      expect(await exists(path.dirname(file))).toBe(false);
    }
    expect(await exists(retained.kept)).toBe(true);
  });

  it('reports what its recordings take with its heartbeat: the oldest kept is the ten-day-old segment', async ({ expect }) => {
    const { storage } = await control.waitForHeartbeat((heartbeat) => (heartbeat.storage?.usedBytes ?? 0) > 188 * 10);
    const keptStart = Number.parseInt(path.basename(retained.kept), 10) * 1000;
    expect(storage).toMatchObject({
      oldestRecordingAt: new Date(keptStart).toISOString(),
      recordingPaused: false,
      pausedSince: null,
      budgetBytes: 20e9,
      minFreeBytes: 2e9,
    });
    expect(storage!.freeBytes).toBeGreaterThan(storage!.minFreeBytes);
  });

  it('serves the newest frame of a running camera as a JPEG', async ({ expect }) => {
    const response = await authorised(`${relay.url}/snapshot/${ids.recorded}`, control.token(ids.recorded, 'snapshot'));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/jpeg');
    expect(response.headers.get('x-snapshot-source')).toBe('stream');
    // The newest: a moment later the relay serves a later frame.
    const capturedAt = Date.parse(response.headers.get('x-captured-at')!);
    const laterCapture = async () => {
      const next = await authorised(`${relay.url}/snapshot/${ids.recorded}`, control.token(ids.recorded, 'snapshot'));
      await next.arrayBuffer();
      return Date.parse(next.headers.get('x-captured-at')!);
    };
    await expect.poll(laterCapture, { timeout: 15_000 }).toBeGreaterThan(capturedAt);
    const metadata = await sharp(Buffer.from(await response.arrayBuffer())).metadata();
    expect(metadata).toMatchObject({ format: 'jpeg', width: 1280, height: 720 });
    // The token may come in the query too.
    const byQuery = await fetch(`${relay.url}/snapshot/${ids.recorded}?token=${control.token(ids.recorded, 'snapshot')}`);
    expect(byQuery.status).toBe(200);
  });

  it('falls back to a one-shot capture when the camera has no running stream, and answers 503 when that fails', async ({ expect }) => {
    await control.waitForStatus(ids.intermittent, 'offline');
    const token = control.token(ids.intermittent, 'snapshot');
    const unavailable = await authorised(`${relay.url}/snapshot/${ids.intermittent}`, token);
    expect(unavailable.status).toBe(503);
    expect(await unavailable.json()).toMatchObject({ error: { code: 'snapshot_unavailable' } });

    // The camera is back, but the relay's own ffmpeg is still waiting out its backoff: the picture comes from a one-shot.
    cameras.setState('intermittent', 'live');
    const response = await authorised(`${relay.url}/snapshot/${ids.intermittent}`, token);
    expect(response.status).toBe(200);
    expect(response.headers.get('x-snapshot-source')).toBe('one-shot');
    const metadata = await sharp(Buffer.from(await response.arrayBuffer())).metadata();
    expect(metadata).toMatchObject({ format: 'jpeg', width: 1280, height: 720 });
  });
});
