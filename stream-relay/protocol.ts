// The contract between the server and its stream relays. The relay pulls cameras and serves video; the
// server decides who may see what. Every request the server sends to a relay, and every live viewer's
// WebSocket, carries a short-lived token the server signed with the key it hands the relay at
// registration, so a relay never needs to know users, sessions or scopes.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { InstantSchema } from '../analytics/calendar/schemas';

/** Camera health as the relay observes it; `unknown` is the server's word for "never observed". */
export const CameraHealth = z.enum(['online', 'offline', 'frozen', 'blurred', 'covered']);
export type CameraHealth = z.infer<typeof CameraHealth>;

/** A GB/T 28181 id: 20 digits (administrative code, industry, type, network, serial). */
export const GbId = z.string().regex(/^\d{20}$/, '20 digits');

const GB_CAMERA_URL = /^gb28181:(\d{20})\/(\d{20})$/;

/** The url the server gives a bound GB/T 28181 channel: `gb28181:<deviceId>/<channelId>`. */
export function gbCameraUrl(deviceId: string, channelId: string): string {
  return `gb28181:${deviceId}/${channelId}`;
}

/** The device and channel of a GB camera's url, or null for any other url (RTSP). */
export function parseGbCameraUrl(url: string): { deviceId: string; channelId: string } | null {
  const match = GB_CAMERA_URL.exec(url);
  return match ? { deviceId: match[1]!, channelId: match[2]! } : null;
}

/**
 * A camera the server assigned to a relay. `url` is the secret RTSP address, or `gb28181:<deviceId>/<channelId>`
 * for a channel of a GB/T 28181 device registered with this relay: it never leaves the relay.
 */
export const AssignedCamera = z.object({
  id: z.uuid(),
  url: z.string().min(1),
  /** An RTSP camera's second (sub-stream) URL, for grid tiles; GB channels ask for `streamnumber` 1 instead. */
  substreamUrl: z.string().min(1).optional(),
  /** What the camera sends; anything but h264 is transcoded to MPEG-1 for viewers. */
  codec: z.enum(['h264', 'h265', 'mpeg4', 'mjpeg']),
});
export type AssignedCamera = z.infer<typeof AssignedCamera>;

/** What a relay reports of each camera it runs, with every heartbeat. */
export const CameraReport = z.strictObject({
  id: z.uuid(),
  status: CameraHealth,
  fps: z.number().nonnegative(),
  viewers: z.number().int().nonnegative(),
  /** The codec observed in the stream (absent until known, and from relays that predate it). */
  codec: z.enum(['h264', 'h265']).optional(),
});
export type CameraReport = z.infer<typeof CameraReport>;

const bytes = z.number().int().nonnegative();
const instant = InstantSchema;

/**
 * What a relay's recordings take and whether it records, with every heartbeat. The recordings are those of
 * the whole DATA_DIR/recordings, so relays that share a DATA_DIR report the same tree and the same budget.
 */
export const StorageReport = z.strictObject({
  /** null until the relay's first walk of the recordings is done (a large tree takes a while). */
  usedBytes: bytes.nullable(),
  /** RECORDINGS_MAX_GB: beyond it the oldest segments are deleted first. */
  budgetBytes: bytes,
  /** Free space on the recordings' file system; null when it could not be read. */
  freeBytes: bytes.nullable(),
  /** RECORDINGS_MIN_FREE_GB: below it recording stops (live view and snapshots go on). */
  minFreeBytes: bytes,
  /** Once stopped, recording resumes when this much is free again. */
  resumeFreeBytes: bytes,
  recordingPaused: z.boolean(),
  pausedSince: instant.nullable(),
  /** Start of the oldest segment kept. */
  oldestRecordingAt: instant.nullable(),
  checkedAt: instant,
});
export type StorageReport = z.infer<typeof StorageReport>;

/** POST /api/relays/heartbeat (bearer: a relay service token): register, stay alive, get the cameras. */
export const HeartbeatRequest = z.strictObject({
  relayId: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'lower-case letters, digits and dashes'),
  /** Where the server reaches this relay: http://host:port (the same port serves the live WebSocket). */
  url: z.url().max(500),
  cameras: z.array(CameraReport).max(5000).default([]),
  /**
   * The cursor of the last assignment this relay applied (from `assignment.cursor`): the answer then holds only
   * what changed since. Absent (a relay just started): the whole list.
   */
  assignmentCursor: z
    .string()
    .regex(/^\d{1,18}$/, 'a cursor the server handed out')
    .optional(),
  /** Absent until the relay has first measured its recordings (and from relays that predate it). */
  storage: StorageReport.optional(),
  /** Present when this relay runs a GB/T 28181 SIP server (where devices register). */
  sip: z
    .strictObject({
      platformId: GbId.optional(),
      host: z.string().min(1).max(253),
      port: z.number().int().min(1).max(65535),
    })
    .optional(),
});
export type HeartbeatRequest = z.input<typeof HeartbeatRequest>;

/** A camera shared with the upper platform (cascade), under its GB id. */
export const GbSharedCamera = z.object({
  cameraId: z.uuid(),
  gbId: GbId,
  name: z.string(),
  /** 6-digit administrative code of the camera's county (or city). */
  civilCode: z.string().regex(/^\d{6}$/),
});
export type GbSharedCamera = z.infer<typeof GbSharedCamera>;

/** What a relay's SIP server needs from the server: who the platform is and which tree it serves. */
export const GbPlatformConfig = z.object({
  platformId: GbId,
  domain: z.string().regex(/^\d{10}$/),
  /** 6-digit codes of every node of the platform's tree; a device whose id starts otherwise is refused. */
  adcodes: z.array(z.string().regex(/^\d{6}$/)),
  /** A device is offline after this many missed keepalives (setting gb.keepaliveMisses). */
  keepaliveMisses: z.number().int().positive(),
  /** Present when UPSTREAM_SIP is set: the cameras the upper platform may see. */
  upstream: z.object({ shared: z.array(GbSharedCamera) }).optional(),
});
export type GbPlatformConfig = z.infer<typeof GbPlatformConfig>;

export const HeartbeatResponse = z.object({
  relayId: z.string(),
  /** base64url HMAC key for verifying the server's tokens. */
  signingKey: z.string().min(32),
  heartbeatSeconds: z.number().int().positive(),
  /** The cameras to run: all of them when `assignment.whole` (or absent), else those new or changed. */
  cameras: z.array(AssignedCamera),
  /** Cameras to stop: in an answer of changes only. */
  removed: z.array(z.uuid()).optional(),
  /** Absent from servers that predate it: then `cameras` is always the whole list. */
  assignment: z.object({ cursor: z.string(), whole: z.boolean() }).optional(),
  /** Present when the relay reported `sip`: its SIP server starts at the first heartbeat that carries it. */
  gb: GbPlatformConfig.optional(),
});
export type HeartbeatResponse = z.infer<typeof HeartbeatResponse>;

/** POST /api/cameras/:id/status (bearer: a relay service token): one observed change of a camera's health. */
export const CameraStatusReport = z.strictObject({
  status: CameraHealth,
  observedAt: InstantSchema,
  /** Sharpness and brightness of the sampled frame, frames per second: kept with the fault alert. */
  detail: z
    .strictObject({
      brightness: z.number().optional(),
      sharpness: z.number().optional(),
      fps: z.number().optional(),
      reason: z.string().max(500).optional(),
    })
    .default({}),
});
export type CameraStatusReport = z.input<typeof CameraStatusReport>;

const boundedText = (max: number) =>
  z
    .string()
    .max(max)
    .refine((value) => !value.includes('\u0000'), 'no NUL characters');

/** One channel of a device's catalog. */
export const GbChannelReport = z.strictObject({
  channelId: GbId,
  name: boundedText(200),
  status: z.enum(['ON', 'OFF']),
  manufacturer: boundedText(200).optional(),
  model: boundedText(200).optional(),
  parentId: boundedText(50).optional(),
  civilCode: boundedText(50).optional(),
});
export type GbChannelReport = z.infer<typeof GbChannelReport>;

/** A device's state as the relay's SIP server knows it. */
export const GbDeviceReport = z.strictObject({
  deviceId: GbId,
  online: z.boolean(),
  transport: z.enum(['udp', 'tcp']),
  /** Where the device's packets really came from (behind NAT). */
  address: boundedText(253).min(1),
  port: z.number().int().min(1).max(65535),
  registeredAt: InstantSchema.optional(),
  expiresAt: InstantSchema.optional(),
  lastKeepaliveAt: InstantSchema.optional(),
  info: z
    .strictObject({
      name: boundedText(200).optional(),
      manufacturer: boundedText(200).optional(),
      model: boundedText(200).optional(),
      firmware: boundedText(200).optional(),
    })
    .optional(),
  /** The whole catalog, when one arrived since the last report; absent keeps the channels known. */
  channels: z.array(GbChannelReport).max(4096).optional(),
});
export type GbDeviceReport = z.infer<typeof GbDeviceReport>;

/** POST /api/relays/gb/devices (bearer: a relay service token): changes of devices, batched; idempotent. */
export const GbDevicesReport = z.strictObject({
  relayId: HeartbeatRequest.shape.relayId,
  devices: z.array(GbDeviceReport).max(2000),
});
export type GbDevicesReport = z.infer<typeof GbDevicesReport>;

/** A device's own alarm (MANSCDP Notify Alarm). */
export const GbAlarmReport = z.strictObject({
  /** deviceId:sn:alarmTime — a retried report with the same key adds nothing. */
  key: boundedText(100).min(1),
  deviceId: GbId,
  channelId: GbId.optional(),
  priority: z.number().int().min(0).max(9),
  method: z.number().int().min(0).max(99),
  type: z.number().int().min(0).max(999).optional(),
  description: boundedText(500).optional(),
  at: InstantSchema,
});
export type GbAlarmReport = z.infer<typeof GbAlarmReport>;

/** POST /api/relays/gb/alarms (bearer: a relay service token). */
export const GbAlarmsReport = z.strictObject({
  alarms: z.array(GbAlarmReport).max(500),
});
export type GbAlarmsReport = z.infer<typeof GbAlarmsReport>;

/** What a token lets its bearer do at the relay, for one camera. */
export const RelayGrant = z.enum(['live', 'snapshot', 'recordings', 'playback']);
export type RelayGrant = z.infer<typeof RelayGrant>;

/**
 * `mpegts`: the camera's own video (H.264 or H.265) passed through for mpegts.js; `h264`: an H.265 camera
 * transcoded to H.264 for browsers whose MSE cannot play H.265; `mpeg1`: MPEG-1 for jsmpeg.
 */
export const LiveFormat = z.enum(['mpegts', 'h264', 'mpeg1']);
export type LiveFormat = z.infer<typeof LiveFormat>;

export const RelayTokenClaims = z.object({
  /** camera id */
  cam: z.uuid(),
  grant: RelayGrant,
  /** expiry, seconds since the epoch */
  exp: z.number().int(),
  /** who asked (a user or service id), for the relay's log */
  sub: z.string().max(80).optional(),
  fmt: LiveFormat.optional(),
  /** Live only: 1 = the camera's sub-stream (a grid tile); absent = the main stream. */
  ss: z.literal(1).optional(),
});
export type RelayTokenClaims = z.infer<typeof RelayTokenClaims>;

/** Segments of one camera, as the relay lists them (times ISO 8601). */
export const RecordingSegment = z.object({
  start: InstantSchema,
  end: InstantSchema,
  bytes: z.number().int().nonnegative(),
});
export type RecordingSegment = z.infer<typeof RecordingSegment>;
export const RecordingList = z.object({ segments: z.array(RecordingSegment) });

/** Relay HTTP paths (all under the relay's url). The live WebSocket is LIVE_PATH?token=… */
export const RELAY_PATHS = {
  live: (cameraId: string) => `/live/${cameraId}`,
  snapshot: (cameraId: string) => `/snapshot/${cameraId}`,
  recordings: (cameraId: string) => `/recordings/${cameraId}`,
  playback: (cameraId: string) => `/playback/${cameraId}`,
  health: '/health',
} as const;

const mac = (key: string, body: string) => createHmac('sha256', Buffer.from(key, 'base64url')).update(body).digest();

/** Signs claims as `<base64url JSON>.<base64url HMAC-SHA256>`. */
export function signRelayToken(key: string, claims: RelayTokenClaims): string {
  const body = Buffer.from(JSON.stringify(RelayTokenClaims.parse(claims))).toString('base64url');
  return `${body}.${mac(key, body).toString('base64url')}`;
}

/**
 * The claims of a valid, unexpired token for this camera and grant, or null. Never throws on bad input:
 * a relay answers every failure alike.
 */
export function verifyRelayToken(
  key: string,
  token: string | undefined | null,
  expect: { cam: string; grant: RelayGrant },
  nowSeconds = Math.floor(Date.now() / 1000),
): RelayTokenClaims | null {
  if (!token) return null;
  const [body, signature, extra] = token.split('.');
  if (!body || !signature || extra !== undefined) return null;
  const expected = mac(key, body);
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  const claims = RelayTokenClaims.safeParse(parsed);
  if (!claims.success) return null;
  if (claims.data.cam !== expect.cam || claims.data.grant !== expect.grant || claims.data.exp < nowSeconds) return null;
  return claims.data;
}
