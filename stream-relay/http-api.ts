// The relay's HTTP endpoints (the live WebSocket is in live-endpoint.ts). Every camera endpoint needs a token
// the server signed for that camera and grant; the token is checked before the camera is looked up, so an
// unauthenticated caller learns nothing about which cameras this relay runs.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';
import { z } from 'zod';
import { InstantSchema } from '../analytics/calendar/schemas';
import type { Camera } from './camera';
import { DevicePlayback, type PlaybackControl } from './gb/device-playback';
import type { Logger } from './logger';
import { concatenatedStream, parseByteRange, wholePackets, type PlaybackPart } from './playback';
import { parseGbCameraUrl, RELAY_PATHS, type RecordingSegment, type RelayGrant } from './protocol';
import type { GbMedia } from './gb/media-ports';
import type { Relay } from './relay';

const HOUR_MS = 3600_000;
/** Longest range a listing covers. */
export const MAX_LISTING_MS = 7 * 24 * HOUR_MS;
/** Longest range one playback resource covers. */
export const MAX_PLAYBACK_MS = 24 * HOUR_MS;

const CAMERA_ROUTE = /^\/(snapshot|recordings|playback)\/([^/]+?)(\/control)?$/;
const CameraId = z.uuid();
const isoTime = InstantSchema.transform((value) => Date.parse(value));

const rangeQuery = (maxMs: number) =>
  z
    .object({ from: isoTime, to: isoTime })
    .refine((range) => range.from < range.to, { message: 'from must be before to', path: ['to'] })
    .refine((range) => range.to - range.from <= maxMs, { message: `the range may span at most ${maxMs / HOUR_MS} hours`, path: ['to'] });
const ListingQuery = rangeQuery(MAX_LISTING_MS);
const PlaybackQuery = rangeQuery(MAX_PLAYBACK_MS);
/** Pause, speed and seek of a recording played from a GB/T 28181 device (`x-playback-session` names it). */
const PlaybackControlQuery = z
  .object({
    session: z.uuid(),
    action: z.enum(['pause', 'play']),
    scale: z.coerce.number().positive().max(16).optional(),
    seek: z.coerce
      .number()
      .nonnegative()
      .max(MAX_PLAYBACK_MS / 1000)
      .optional(),
  })
  .transform((query): PlaybackControl =>
    query.action === 'pause'
      ? { action: 'pause' }
      : {
          action: 'play',
          ...(query.scale !== undefined ? { scale: query.scale } : {}),
          ...(query.seek !== undefined ? { seekSeconds: query.seek } : {}),
        },
  );

const GRANT_OF_ROUTE: Record<string, RelayGrant> = { snapshot: 'snapshot', recordings: 'recordings', playback: 'playback' };

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
  });
  res.end(text);
}

export function bearerOrQueryToken(req: IncomingMessage, url: URL): string | null {
  const header = req.headers.authorization;
  const bearer = header && /^Bearer\s+(\S+)$/i.exec(header)?.[1];
  return bearer || url.searchParams.get('token');
}

export function createHttpHandler(relay: Relay, log: Logger) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    // Tokens, not cookies, authorise: any origin may read what a token allows.
    res.setHeader('access-control-allow-origin', '*');
    res.setHeader('access-control-expose-headers', 'content-range, accept-ranges, content-length, x-captured-at, x-playback-session');
    handle(relay, req, res).catch((error: unknown) => {
      if (error instanceof HttpError) return sendJson(res, error.status, { error: { code: error.code, message: error.message } });
      log.error({ err: error, url: req.url?.replace(/token=[^&]*/, 'token=…') }, 'request failed');
      if (!res.headersSent) sendJson(res, 500, { error: { code: 'internal', message: 'internal error' } });
      else res.destroy();
    });
  };
}

async function handle(relay: Relay, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://relay');
  if (req.method === 'OPTIONS') {
    res.writeHead(204, {
      'access-control-allow-methods': 'GET, HEAD',
      'access-control-allow-headers': 'authorization, range',
      'access-control-max-age': '600',
    });
    res.end();
    return;
  }
  if (req.method !== 'GET' && req.method !== 'HEAD') throw new HttpError(405, 'method_not_allowed', 'only GET and HEAD');
  if (url.pathname === RELAY_PATHS.health) return sendJson(res, 200, relay.health());

  const match = CAMERA_ROUTE.exec(url.pathname);
  if (!match?.[1] || !match[2]) throw new HttpError(404, 'not_found', 'no such endpoint');
  const route = match[1];
  const cameraId = match[2].toLowerCase();
  if (match[3] && route !== 'playback') throw new HttpError(404, 'not_found', 'no such endpoint');
  if (!CameraId.safeParse(cameraId).success) throw new HttpError(404, 'not_found', 'no such camera');
  if (!relay.keys.verify(bearerOrQueryToken(req, url), { cam: cameraId, grant: GRANT_OF_ROUTE[route]! })) {
    throw new HttpError(401, 'unauthorized', 'a valid token for this camera is required');
  }
  const camera = relay.camera(cameraId);
  if (!camera) throw new HttpError(404, 'not_found', 'this relay does not run that camera');

  if (route === 'snapshot') return snapshot(camera, res);
  const gbChannel = parseGbCameraUrl(camera.url);
  if (gbChannel) {
    const gb = relay.gbMedia;
    if (!gb) throw new HttpError(503, 'device_unavailable', 'this relay runs no GB/T 28181 server');
    const device = { gb, camera, ...gbChannel };
    if (route === 'recordings') return deviceRecordings(device, url, res);
    if (match[3]) return devicePlaybackControl(relay, url, res);
    return devicePlayback(relay, device, url, req, res);
  }
  if (match[3]) throw new HttpError(404, 'not_found', 'only recordings played from a device have controls');
  if (route === 'recordings') return recordings(relay, camera, url, res);
  return playback(relay, camera, url, req, res);
}

function parseQuery<T>(schema: z.ZodType<T>, url: URL): T {
  const parsed = schema.safeParse(Object.fromEntries(url.searchParams));
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new HttpError(400, 'bad_request', issue ? `${issue.path.join('.') || 'query'}: ${issue.message}` : 'bad query');
}

async function snapshot(camera: Camera, res: ServerResponse): Promise<void> {
  const picture = await camera.snapshot();
  if (!picture) throw new HttpError(503, 'snapshot_unavailable', 'no picture from the camera');
  res.writeHead(200, {
    'content-type': 'image/jpeg',
    'content-length': picture.jpeg.length,
    'cache-control': 'no-store',
    'x-captured-at': picture.capturedAt.toISOString(),
    'x-snapshot-source': picture.source,
  });
  res.end(picture.jpeg);
}

async function recordings(relay: Relay, camera: Camera, url: URL, res: ServerResponse): Promise<void> {
  const { from, to } = parseQuery(ListingQuery, url);
  const segments: RecordingSegment[] = (await relay.store.list(camera.id, from, to)).map((segment) => ({
    start: new Date(segment.startMs).toISOString(),
    end: new Date(segment.endMs).toISOString(),
    bytes: segment.bytes,
  }));
  sendJson(res, 200, { segments });
}

async function playback(relay: Relay, camera: Camera, url: URL, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const { from, to } = parseQuery(PlaybackQuery, url);
  const parts: PlaybackPart[] = (await relay.store.list(camera.id, from, to))
    .map((segment) => ({ file: segment.file, bytes: wholePackets(segment.bytes) }))
    .filter((part) => part.bytes > 0);
  const total = parts.reduce((sum, part) => sum + part.bytes, 0);
  if (total === 0) throw new HttpError(404, 'no_recording', 'nothing was recorded in that range');

  const headers = { 'content-type': 'video/mp2t', 'accept-ranges': 'bytes', 'cache-control': 'no-store' };
  const range = parseByteRange(req.headers.range, total);
  if (range === 'unsatisfiable') {
    res.writeHead(416, { ...headers, 'content-range': `bytes */${total}`, 'content-length': 0 });
    res.end();
    return;
  }
  const wanted = range ?? { start: 0, end: total - 1 };
  const length = wanted.end - wanted.start + 1;
  res.writeHead(range ? 206 : 200, {
    ...headers,
    'content-length': length,
    ...(range ? { 'content-range': `bytes ${wanted.start}-${wanted.end}/${total}` } : {}),
  });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  await pipeline(concatenatedStream(parts, wanted), res);
}

interface DeviceChannel {
  gb: GbMedia;
  camera: Camera;
  deviceId: string;
  channelId: string;
}

/** A GB channel's recordings are the device's own: its RecordInfo for the range, in the listing's shape. */
async function deviceRecordings(device: DeviceChannel, url: URL, res: ServerResponse): Promise<void> {
  const { from, to } = parseQuery(ListingQuery, url);
  let items;
  try {
    items = await device.gb.signalling.recordInfo(device.deviceId, device.channelId, new Date(from), new Date(to));
  } catch (error) {
    throw new HttpError(503, 'device_unavailable', `the device did not list its recordings: ${(error as Error).message}`);
  }
  const segments: RecordingSegment[] = items
    .map((item) => ({ start: Date.parse(item.startTime), end: Date.parse(item.endTime), bytes: item.fileSize ?? 0 }))
    .filter((item) => Number.isFinite(item.start) && Number.isFinite(item.end) && item.end > from && item.start < to)
    .sort((a, b) => a.start - b.start)
    .map((item) => ({ start: new Date(item.start).toISOString(), end: new Date(item.end).toISOString(), bytes: item.bytes }));
  sendJson(res, 200, { segments });
}

/**
 * A GB channel's range played from the device as it comes: one MPEG-TS without a length. A live playback has
 * no bytes to seek in, so a `Range` is not honoured (`accept-ranges: none`, the whole stream from the start):
 * the player seeks by asking for a range starting later, or through the controls.
 */
async function devicePlayback(relay: Relay, device: DeviceChannel, url: URL, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const { from, to } = parseQuery(PlaybackQuery, url);
  const headers = { 'content-type': 'video/mp2t', 'accept-ranges': 'none', 'cache-control': 'no-store' };
  if (req.method === 'HEAD') {
    res.writeHead(200, headers);
    res.end();
    return;
  }
  let playback: DevicePlayback;
  try {
    playback = await DevicePlayback.start({
      gb: device.gb,
      ffmpegPath: relay.ffmpeg.path,
      cameraId: device.camera.id,
      deviceId: device.deviceId,
      channelId: device.channelId,
      from: new Date(from),
      to: new Date(to),
      output: res,
      log: relay.log,
    });
  } catch (error) {
    throw new HttpError(503, 'device_unavailable', `the device did not play the range: ${(error as Error).message}`);
  }
  relay.devicePlaybacks.set(playback.id, playback);
  res.once('close', () => relay.devicePlaybacks.delete(playback.id));
  res.writeHead(200, { ...headers, 'x-playback-session': playback.id });
}

async function devicePlaybackControl(relay: Relay, url: URL, res: ServerResponse): Promise<void> {
  const command = parseQuery(PlaybackControlQuery, url);
  const playback = relay.devicePlaybacks.get(url.searchParams.get('session') ?? '');
  if (!playback) throw new HttpError(404, 'not_found', 'no such playback (it ended)');
  try {
    await playback.control(command);
  } catch (error) {
    throw new HttpError(503, 'device_unavailable', `the device did not take the command: ${(error as Error).message}`);
  }
  res.writeHead(204);
  res.end();
}
