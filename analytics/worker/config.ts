// The worker's configuration from environment variables, validated once at start; a bad value stops the start
// with one line per variable, naming it (the token's value is never echoed).
import { hostname } from 'node:os';
import { z } from 'zod';
import { parseEnv } from '../../server/config-issues';
import { fromEnv, httpUrl, idFromHostname, LogLevel, withoutTrailingSlash } from '../../server/env-values';
import { WORKER_ID_PATTERN } from './protocol';

/** The host name made into a worker id (lower-case letters, digits and dashes), or `analytics`. */
export const workerIdFromHostname = (name: string) => idFromHostname(name, WORKER_ID_PATTERN, 'analytics');

const ConfigSchema = z.object({
  SERVER_URL: fromEnv(httpUrl.default('http://127.0.0.1:8080')),
  ANALYTICS_TOKEN: z.string({ error: 'is required (an analytics service token from the server)' }).min(1, 'is required'),
  DATA_DIR: fromEnv(z.string().min(1).default('./data')),
  ANALYTICS_FPS: fromEnv(z.coerce.number().min(0.05).max(5).default(1)),
  ANALYTICS_MODEL: fromEnv(
    z
      .string()
      .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,79}$/, 'must be a model name')
      .optional(),
  ),
  ANALYTICS_WORKER_ID: fromEnv(z.string().regex(WORKER_ID_PATTERN, 'lower-case letters, digits and dashes').optional()),
  ANALYTICS_HOST: fromEnv(z.string().min(1).default('127.0.0.1')),
  ANALYTICS_PORT: fromEnv(z.coerce.number().int().min(0).max(65535).default(8091)),
  ANALYTICS_REFRESH_SECONDS: fromEnv(z.coerce.number().int().min(1).max(3600).default(30)),
  ANALYTICS_VISITS: fromEnv(z.coerce.number().int().min(1).max(100).default(8)),
  LOG_LEVEL: fromEnv(LogLevel.default('info')),
});

export type WorkerConfig = Readonly<{
  serverUrl: string;
  token: string;
  dataDir: string;
  fps: number;
  /** Unset: NanoDet if it could be built, else CenterNet. */
  model: string | undefined;
  workerId: string;
  /** Where /health listens; port 0: any free port (logged). */
  host: string;
  port: number;
  refreshSeconds: number;
  /** Cameras visited at once when the server hands out visits from the pool's queue (Redis). */
  visits: number;
  logLevel: string;
}>;

export class WorkerConfigError extends Error {}

export function loadWorkerConfig(env: NodeJS.ProcessEnv = process.env): WorkerConfig {
  const values = parseEnv(ConfigSchema, env, ['ANALYTICS_TOKEN'], (message) => new WorkerConfigError(message));
  return {
    serverUrl: withoutTrailingSlash(values.SERVER_URL),
    token: values.ANALYTICS_TOKEN,
    dataDir: values.DATA_DIR,
    fps: values.ANALYTICS_FPS,
    model: values.ANALYTICS_MODEL,
    workerId: values.ANALYTICS_WORKER_ID ?? workerIdFromHostname(hostname()),
    host: values.ANALYTICS_HOST,
    port: values.ANALYTICS_PORT,
    refreshSeconds: values.ANALYTICS_REFRESH_SECONDS,
    visits: values.ANALYTICS_VISITS,
    logLevel: values.LOG_LEVEL,
  };
}
