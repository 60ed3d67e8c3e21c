// The relay's configuration from environment variables, validated once at start. A bad value stops the
// start with one line per bad variable, naming it.
import { hostname } from 'node:os';
import { z } from 'zod';
import { GB_ENV_SECRETS, GbEnvSchema, type PortRange, type UpstreamSip } from '../gb28181/config';
import { parseEnv } from '../server/config-issues';
import { fromEnv, httpUrl, idFromHostname, LogLevel, withoutTrailingSlash } from '../server/env-values';

const GB = 1e9;

const seconds = (max: number) => z.coerce.number().int().positive().max(max);

/** Gigabytes (10⁹ bytes) as a decimal number, e.g. `20` or `0.5`. */
const gigabytes = (min: number, message: string) =>
  z.coerce.number({ error: 'must be a number of gigabytes' }).min(min, message).max(1_000_000, 'must be at most 1000000 (a petabyte)');

/**
 * The recordings' storage limits, shared with the server's configuration (which checks them at `npm start`
 * for the relay it runs): the most the recordings may take, and the free space below which recording stops.
 */
export const RecordingLimitsSchema = {
  RECORDINGS_MAX_GB: fromEnv(gigabytes(0.001, 'must be a positive number of gigabytes (at least 0.001)').default(20)),
  RECORDINGS_MIN_FREE_GB: fromEnv(gigabytes(0, 'must be zero or a positive number of gigabytes').default(2)),
};

const RELAY_ID_PATTERN = /^[a-z0-9][a-z0-9-]{0,62}$/;

/** The host name made into a relay id (lower-case letters, digits and dashes), or `relay`. */
export const relayIdFromHostname = (name: string) => idFromHostname(name, RELAY_ID_PATTERN, 'relay');

const ConfigSchema = z.object({
  SERVER_URL: fromEnv(httpUrl.default('http://127.0.0.1:8080')),
  RELAY_TOKEN: z.string({ error: 'is required (a relay service token from the server)' }).min(1, 'is required'),
  RELAY_ID: fromEnv(z.string().regex(RELAY_ID_PATTERN, 'lower-case letters, digits and dashes').optional()),
  RELAY_HOST: fromEnv(z.string().min(1).default('127.0.0.1')),
  RELAY_PORT: fromEnv(z.coerce.number().int().min(0).max(65535).default(8090)),
  RELAY_PUBLIC_URL: fromEnv(httpUrl.optional()),
  DATA_DIR: fromEnv(z.string().min(1).default('./data')),
  FFMPEG_PATH: fromEnv(z.string().optional()),
  RETENTION_DAYS: fromEnv(seconds(3650).default(30)),
  ...RecordingLimitsSchema,
  RELAY_SEGMENT_SECONDS: fromEnv(seconds(3600).default(60)),
  RELAY_STALL_SECONDS: fromEnv(seconds(120).default(5)),
  RELAY_HEALTH_SECONDS: fromEnv(seconds(3600).default(10)),
  RELAY_GB_MEDIA_TRANSPORT: fromEnv(z.enum(['tcp', 'udp'], { error: 'must be tcp or udp' }).default('tcp')),
  RELAY_GB_IDLE_SECONDS: fromEnv(seconds(3600).default(15)),
  RELAY_RTSP_PULL: fromEnv(z.enum(['continuous', 'on-demand'], { error: 'must be continuous or on-demand' }).default('continuous')),
  RELAY_RTSP_IDLE_SECONDS: fromEnv(seconds(3600).default(15)),
  LOG_LEVEL: fromEnv(LogLevel.default('info')),
  ...GbEnvSchema,
});

/** The relay's GB/T 28181 SIP server; configured by SIP_PASSWORD (devices cannot register without one). */
export type RelaySipConfig = Readonly<{
  /** SIP_PORT, UDP and TCP. */
  port: number;
  /** Where the SIP server listens (RELAY_HOST). */
  bindHost: string;
  /** SIP_HOST: the address devices reach us at (Via, Contact, SDP). */
  host: string;
  /** SIP_ID and SIP_DOMAIN; unset: the platform's, from the server's heartbeat answer. */
  platformId: string | undefined;
  domain: string | undefined;
  password: string;
  mediaPorts: PortRange;
  /** RELAY_GB_MEDIA_TRANSPORT: tcp (passive: the device connects out to us) or udp. */
  mediaTransport: 'tcp-passive' | 'udp';
  /** RELAY_GB_IDLE_SECONDS: a live call ends this long after its last viewer left. */
  idleSeconds: number;
  upstream: UpstreamSip | undefined;
}>;

export type RelayConfig = Readonly<{
  serverUrl: string;
  relayToken: string;
  relayId: string;
  host: string;
  /** 0: any free port. */
  port: number;
  /** Unset: http://<host>:<the port actually bound>. */
  publicUrl: string | undefined;
  dataDir: string;
  /** Unset: the binary of @ffmpeg-installer/linux-x64, else `ffmpeg` on the PATH. */
  ffmpegPath: string | undefined;
  retentionDays: number;
  /** The most the recordings under DATA_DIR/recordings may take; beyond it the oldest segments go first. */
  recordingsMaxBytes: number;
  /** Below this much free space on the recordings' file system, recording stops (live view goes on). */
  recordingsMinFreeBytes: number;
  segmentSeconds: number;
  stallSeconds: number;
  healthSeconds: number;
  /**
   * RELAY_RTSP_PULL: `continuous` (default) pulls and records every RTSP camera all the time; `on-demand` pulls
   * one only while held (a viewer, a snapshot for detection, an evidence clip) and records only then.
   */
  rtspPull: 'continuous' | 'on-demand';
  /** RELAY_RTSP_IDLE_SECONDS: on demand, the pull ends this long after its last hold. */
  rtspIdleSeconds: number;
  logLevel: string;
  /** null: this relay runs no SIP server. */
  sip: RelaySipConfig | null;
}>;

export class ConfigError extends Error {}

/** Reads and validates the environment; throws ConfigError with one line per bad variable. */
export function loadRelayConfig(env: NodeJS.ProcessEnv = process.env): RelayConfig {
  const values = parseEnv(ConfigSchema, env, ['RELAY_TOKEN', ...GB_ENV_SECRETS], (message) => new ConfigError(message));
  return {
    serverUrl: withoutTrailingSlash(values.SERVER_URL),
    relayToken: values.RELAY_TOKEN,
    relayId: values.RELAY_ID ?? relayIdFromHostname(hostname()),
    host: values.RELAY_HOST,
    port: values.RELAY_PORT,
    publicUrl: values.RELAY_PUBLIC_URL && withoutTrailingSlash(values.RELAY_PUBLIC_URL),
    dataDir: values.DATA_DIR,
    ffmpegPath: values.FFMPEG_PATH,
    retentionDays: values.RETENTION_DAYS,
    recordingsMaxBytes: Math.round(values.RECORDINGS_MAX_GB * GB),
    recordingsMinFreeBytes: Math.round(values.RECORDINGS_MIN_FREE_GB * GB),
    segmentSeconds: values.RELAY_SEGMENT_SECONDS,
    stallSeconds: values.RELAY_STALL_SECONDS,
    healthSeconds: values.RELAY_HEALTH_SECONDS,
    rtspPull: values.RELAY_RTSP_PULL,
    rtspIdleSeconds: values.RELAY_RTSP_IDLE_SECONDS,
    logLevel: values.LOG_LEVEL,
    sip: values.SIP_PASSWORD
      ? {
          port: values.SIP_PORT,
          bindHost: values.RELAY_HOST,
          host: values.SIP_HOST ?? advertisedHost(values.RELAY_HOST),
          platformId: values.SIP_ID,
          domain: values.SIP_DOMAIN,
          password: values.SIP_PASSWORD,
          mediaPorts: values.MEDIA_PORTS,
          mediaTransport: values.RELAY_GB_MEDIA_TRANSPORT === 'udp' ? 'udp' : 'tcp-passive',
          idleSeconds: values.RELAY_GB_IDLE_SECONDS,
          upstream: values.UPSTREAM_SIP,
        }
      : null,
  };
}

/** The address to name in SIP and SDP when SIP_HOST is unset: the one we listen on, or the host's name. */
function advertisedHost(bindHost: string): string {
  return bindHost === '0.0.0.0' || bindHost === '::' ? hostname() : bindHost;
}
