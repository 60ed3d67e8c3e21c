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

/** A camera the server assigned to a relay. `url` is the secret RTSP address: it never leaves the relay. */
export const AssignedCamera = z.object({
  id: z.uuid(),
  url: z.string().min(1),
  /** What the camera sends; anything but h264 is transcoded to MPEG-1 for viewers. */
  codec: z.enum(['h264', 'h265', 'mpeg4', 'mjpeg']),
  /** An RTSP camera's second, smaller stream, pulled only while a grid tile watches it. */
  substreamUrl: z.string().min(1).optional(),
});
export type AssignedCamera = z.infer<typeof AssignedCamera>;

/** What a relay reports of each camera it runs, with every heartbeat. */
export const CameraReport = z.strictObject({
  id: z.uuid(),
  status: CameraHealth,
  fps: z.number().nonnegative(),
  viewers: z.number().int().nonnegative(),
  /** The codec seen in the camera's stream (absent until the stream was first seen). */
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
  /** Absent until the relay has first measured its recordings (and from relays that predate it). */
  storage: StorageReport.optional(),
});
export type HeartbeatRequest = z.input<typeof HeartbeatRequest>;

export const HeartbeatResponse = z.object({
  relayId: z.string(),
  /** base64url HMAC key for verifying the server's tokens. */
  signingKey: z.string().min(32),
  heartbeatSeconds: z.number().int().positive(),
  cameras: z.array(AssignedCamera),
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
