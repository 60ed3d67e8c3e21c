// Configuration from environment variables, validated once at start (names and defaults in DESIGN.md).
// A bad value stops the start with one line naming the variable.
import { createHash } from 'node:crypto';
import path from 'node:path';
import { z } from 'zod';
import { GB_ENV_SECRETS, GbEnvSchema, type PortRange, type UpstreamSip } from '../gb28181/config';
import { RecordingLimitsSchema } from '../stream-relay/config';
import { parseEnv } from './config-issues';
import { fromEnv, LogLevel } from './env-values';

export const DEMO_REGIONS = ['chengde', 'hebei'] as const;
export type DemoRegion = (typeof DEMO_REGIONS)[number];

const port = z.coerce.number().int().min(0).max(65535);
const positiveInt = z.coerce.number().int().positive();

const ConfigFields = z.object({
  PORT: port.default(8080),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: fromEnv(
    z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
      .optional(),
  ),
  REDIS_URL: fromEnv(
    z
      .string()
      .regex(/^rediss?:\/\//, 'must be a redis:// or rediss:// URL')
      .optional(),
  ),
  REDIS_PREFIX: fromEnv(
    z
      .string()
      .regex(/^[A-Za-z0-9:_.-]{1,64}$/, 'must be 1–64 letters, digits or : _ . -')
      .optional(),
  ),
  FFMPEG_PATH: fromEnv(z.string().optional()),
  RETENTION_DAYS: positiveInt.max(3650).default(30),
  // Read by the embedded relay from the same environment; checked here so a bad value stops `npm start`.
  ...RecordingLimitsSchema,
  CLIPS_MAX_GB: fromEnv(
    z.coerce
      .number({ error: 'must be a number of gigabytes' })
      .min(0.001, 'must be a positive number of gigabytes (at least 0.001)')
      .max(1_000_000, 'must be at most 1000000 (a petabyte)')
      .default(10),
  ),
  SESSION_SECRET: fromEnv(z.string().min(32, 'must be at least 32 characters').optional()),
  DEMO_PASSWORD: fromEnv(z.string().min(8, 'must be at least 8 characters').optional()),
  LOG_LEVEL: LogLevel.default('info'),
  SESSION_IDLE_MINUTES: positiveInt.max(60 * 24 * 30).default(8 * 60),
  SESSION_MAX_HOURS: positiveInt.max(24 * 365).default(7 * 24),
  LOGIN_FREE_FAILURES: positiveInt.max(100).default(5),
  LOGIN_ADDRESS_FREE_FAILURES: positiveInt.max(10000).default(30),
  LOGIN_ACCOUNT_FREE_FAILURES: positiveInt.max(10000).default(50),
  LOGIN_MAX_DELAY_MINUTES: positiveInt.max(24 * 60).default(15),
  LOGIN_RATE_PER_MINUTE: positiveInt.max(10000).default(20),
  SEED_DEMO: z.enum(['auto', 'never']).default('auto'),
  DEMO_REGION: z.enum(DEMO_REGIONS).default('chengde'),
  TRUST_PROXY: z.coerce.number().int().min(0).max(10).default(0),
  UPLOAD_MAX_MB: positiveInt.max(100).default(10),
  COMPLAINTS_PER_HOUR: positiveInt.max(10000).default(10),
  SCHEDULER: z.enum(['on', 'off']).default('on'),
  RELAY: z.enum(['embedded', 'off']).default('embedded'),
  ANALYTICS: z.enum(['embedded', 'off']).default('embedded'),
  SIMULATED_CAMERAS: z.enum(['auto', 'on', 'off']).default('auto'),
  SIMULATED_CAMERA_PORT: port.default(8554),
  // How often relays heartbeat; a relay silent for three of them is presumed dead and its cameras move.
  RELAY_HEARTBEAT_SECONDS: positiveInt.max(60).default(5),
  // GB/T 28181: read by the relays' SIP servers (the embedded relay gets them passed through); checked here so a
  // bad value stops the start. SIP_ID and SIP_DOMAIN are also what the server tells relays in the heartbeat.
  ...GbEnvSchema,
});

const ConfigSchema = ConfigFields.refine((c) => c.LOGIN_ACCOUNT_FREE_FAILURES > c.LOGIN_FREE_FAILURES, {
  // One address adds at most LOGIN_FREE_FAILURES to a name's count over all addresses: it alone must never
  // be enough to delay that name everywhere.
  path: ['LOGIN_ACCOUNT_FREE_FAILURES'],
  message: 'must be greater than LOGIN_FREE_FAILURES',
});

export type Config = Readonly<{
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  redisUrl: string | undefined;
  /** What every Redis key and channel of this deployment starts with (see redisPrefixOf). */
  redisPrefix: string;
  ffmpegPath: string | undefined;
  retentionDays: number;
  /** Storage budget of the alerts' evidence clips (DATA_DIR/clips), in bytes. */
  clipsMaxBytes: number;
  relayHeartbeatSeconds: number;
  sessionSecret: string | undefined;
  demoPassword: string | undefined;
  logLevel: z.infer<typeof ConfigSchema>['LOG_LEVEL'];
  sessionIdleMinutes: number;
  sessionMaxHours: number;
  /** Login throttling (server/auth/login-throttle.ts): failures before delays begin, and the longest delay. */
  loginThrottle: Readonly<{ freeFailures: number; addressFreeFailures: number; accountFreeFailures: number; maxDelayMinutes: number }>;
  loginRatePerMinute: number;
  seedDemo: 'auto' | 'never';
  /** The data set an empty database is seeded with: the city of Chengde, or the whole province of Hebei. */
  demoRegion: DemoRegion;
  /** Reverse proxies in front of the server whose X-Forwarded-For is believed (0: none). */
  trustProxy: number;
  uploadMaxBytes: number;
  /** Public complaints accepted per IP address per hour. */
  complaintsPerHour: number;
  /** Whether this process runs the periodic jobs (deadline sweeps, daily plans, clean-ups). */
  scheduler: 'on' | 'off';
  /** `embedded`: `npm start` also runs a stream relay as a child process; `off`: relays run on their own. */
  relay: 'embedded' | 'off';
  /** `embedded`: `npm start` also runs a detection worker as a child process; `off`: workers run on their own. */
  analytics: 'embedded' | 'off';
  /** Simulated RTSP cameras for the demo: `auto` runs them when the demo data set is loaded. */
  simulatedCameras: 'auto' | 'on' | 'off';
  simulatedCameraPort: number;
  /** GB/T 28181 (see gb28181/config.ts): ids unset are derived from the city (server/gb/platform.ts). */
  gb: Readonly<{
    sipPort: number;
    sipId: string | undefined;
    sipDomain: string | undefined;
    /** The registration password of devices without their own; the demo makes one per data directory. */
    sipPassword: string | undefined;
    sipHost: string | undefined;
    mediaPorts: PortRange;
    upstream: UpstreamSip | undefined;
    /** UPSTREAM_SIP as given, for passing on to the embedded relay. */
    upstreamSource: string | undefined;
  }>;
}>;

export class ConfigError extends Error {}

/**
 * A deployment's Redis prefix, by default derived from its database: the processes of one deployment share a
 * database and so the prefix, and two deployments on one Redis never take each other's scheduler ticks,
 * rate-limit counts, sampling queue or Socket.IO broadcasts. A hash, so no part of the database URL shows.
 */
export function redisPrefixOf(database: string): string {
  return `cc:${createHash('sha256').update(database).digest('hex').slice(0, 12)}`;
}

/** Reads and validates the environment; throws ConfigError with one line per bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const secrets = ['SESSION_SECRET', 'DEMO_PASSWORD', 'DATABASE_URL', 'REDIS_URL', ...GB_ENV_SECRETS];
  const c = parseEnv(ConfigSchema, env, secrets, (message) => new ConfigError(message));
  return Object.freeze({
    port: c.PORT,
    host: c.HOST,
    dataDir: path.resolve(c.DATA_DIR),
    databaseUrl: c.DATABASE_URL,
    redisUrl: c.REDIS_URL,
    redisPrefix: c.REDIS_PREFIX ?? redisPrefixOf(c.DATABASE_URL ?? path.resolve(c.DATA_DIR)),
    ffmpegPath: c.FFMPEG_PATH,
    retentionDays: c.RETENTION_DAYS,
    clipsMaxBytes: Math.round(c.CLIPS_MAX_GB * 1e9),
    relayHeartbeatSeconds: c.RELAY_HEARTBEAT_SECONDS,
    sessionSecret: c.SESSION_SECRET,
    demoPassword: c.DEMO_PASSWORD,
    logLevel: c.LOG_LEVEL,
    sessionIdleMinutes: c.SESSION_IDLE_MINUTES,
    sessionMaxHours: c.SESSION_MAX_HOURS,
    loginThrottle: Object.freeze({
      freeFailures: c.LOGIN_FREE_FAILURES,
      addressFreeFailures: c.LOGIN_ADDRESS_FREE_FAILURES,
      accountFreeFailures: c.LOGIN_ACCOUNT_FREE_FAILURES,
      maxDelayMinutes: c.LOGIN_MAX_DELAY_MINUTES,
    }),
    loginRatePerMinute: c.LOGIN_RATE_PER_MINUTE,
    seedDemo: c.SEED_DEMO,
    demoRegion: c.DEMO_REGION,
    trustProxy: c.TRUST_PROXY,
    uploadMaxBytes: c.UPLOAD_MAX_MB * 1024 * 1024,
    complaintsPerHour: c.COMPLAINTS_PER_HOUR,
    scheduler: c.SCHEDULER,
    relay: c.RELAY,
    analytics: c.ANALYTICS,
    simulatedCameras: c.SIMULATED_CAMERAS,
    simulatedCameraPort: c.SIMULATED_CAMERA_PORT,
    gb: Object.freeze({
      sipPort: c.SIP_PORT,
      sipId: c.SIP_ID,
      sipDomain: c.SIP_DOMAIN,
      sipPassword: c.SIP_PASSWORD,
      sipHost: c.SIP_HOST,
      mediaPorts: c.MEDIA_PORTS,
      upstream: c.UPSTREAM_SIP,
      upstreamSource: c.UPSTREAM_SIP ? env.UPSTREAM_SIP : undefined,
    }),
  });
}
