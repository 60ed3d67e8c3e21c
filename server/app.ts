// Starts one server process: database (migrated, and seeded with the demo on first start), Express and
// Socket.IO on one port, the event pump, and optional Redis. `close()` shuts it down in order: stop
// accepting, let in-flight requests finish, close sockets, then Redis and the database.
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import type { Express } from 'express';
import { AlertIngestor } from './alerts/ingestor';
import { TARGET_EVENTS } from './alerts/target-cache';
import { alertClipRoutes } from './alerts/clips/routes';
import { alertRoutes } from './alerts/routes';
import { attachmentRoutes } from './attachments/routes';
import { auditRoutes } from './audit/routes';
import { authRoutes } from './auth/routes';
import { keepSessionsAlive, resolveActor } from './auth/sessions';
import { loadSigningSecret } from './auth/signing-secret';
import { cameraRoutes } from './cameras/routes';
import { attachLiveProxy } from './cameras/video/live-proxy';
import { RelayDirectory } from './cameras/video/relay-directory';
import { videoRoutes } from './cameras/video/routes';
import { gbRoutes } from './gb/routes';
import { relayRoutes } from './relays/routes';
import { analyticsRoutes } from './analytics/routes';
import { SamplingQueue } from './analytics/sampling/queue';
import { riskRoutes } from './risk/routes';
import { ledgerRoutes } from './ledgers/routes';
import { assessmentRoutes } from './assessment/routes';
import { bulletinRoutes } from './reports/routes';
import { dashboardRoutes } from './dashboard/routes';
import type { Config } from './config';
import type { DomainContext } from './context';
import { openDatabase, type Database } from './db/connect';
import { migrateLatest } from './db/migrate';
import { demoDataset } from './demo/demo-region';
import { DEFAULT_DEMO_PASSWORD, isDatabaseEmpty, seedDemo, type DemoLogin } from './demo/seedDemo';
import { createApp } from './http/create-app';
import type { AnyRoute } from './http/define-route';
import { InFlightRequests } from './http/in-flight';
import { buildOpenApi } from './http/openapi';
import { perIpLimit } from './http/rate-limits';
import { createLogger, type Logger } from './logger';
import { orgRoutes } from './org/routes';
import { ensureDefaultChecklists } from './patrol/commands/ensureDefaultChecklists';
import { patrolRoutes } from './patrol/routes';
import { publicRoutes } from './public/routes';
import { complaintRoutes } from './complaints/routes';
import { connectRedis, type RedisBridge } from './realtime/redis-bridge';
import { scheduledJobs } from './scheduler/jobs';
import { startRedisScheduler } from './scheduler/redis-scheduler';
import { manualScheduler, startInProcessScheduler, type Scheduler } from './scheduler/scheduler';
import { eventRoutes } from './realtime/routes';
import { startRealtime, type Realtime } from './realtime/socket-server';
import { RENDERER_DIR } from '../desktop/build/renderer-build';
import { serveRenderer } from './system/renderer';
import { SettingsCache } from './settings/cache';
import { settingsRoutes } from './settings/routes';
import { LocalDiskStorage } from './storage/file-storage';
import { systemRoutes } from './system/routes';
import { taskRoutes } from './tasks/routes';
import { shanghaiDate } from './time';

const require = createRequire(import.meta.url);
export const VERSION = (require('../package.json') as { version: string }).version;

export interface StartOptions {
  config: Config;
  log?: Logger;
  /** An already open database (tests); otherwise opened from the configuration. */
  database?: Database;
  now?: () => Date;
  /** Extra Express set-up after the API (static renderer files). */
  extra?: (app: Express) => void;
}

export interface RunningServer {
  readonly url: string;
  readonly port: number;
  readonly ctx: DomainContext;
  readonly realtime: Realtime;
  readonly httpServer: HttpServer;
  readonly database: Database;
  readonly scheduler: Scheduler;
  /** Set when this start loaded the demo data set. */
  readonly seeded: { logins: DemoLogin[]; users: number; password: string; passwordFromEnv: boolean } | undefined;
  close(): Promise<void>;
}

export async function startServer(options: StartOptions): Promise<RunningServer> {
  const { config } = options;
  const log = options.log ?? createLogger(config.logLevel);
  const database = options.database ?? (await openDatabase({ databaseUrl: config.databaseUrl, pgliteDir: `${config.dataDir}/pgdata` }));
  const applied = await migrateLatest(database.knex);
  if (applied.length > 0) log.info({ applied }, 'migrations applied');
  await ensureDefaultChecklists(database.knex);

  let seeded: RunningServer['seeded'];
  if (config.seedDemo === 'auto' && (await isDatabaseEmpty(database.knex))) {
    const password = config.demoPassword ?? DEFAULT_DEMO_PASSWORD;
    const now = options.now?.() ?? new Date();
    const today = shanghaiDate(now);
    const result = await seedDemo(database.knex, demoDataset(config.demoRegion, today), password, {
      historyUntil: today,
      region: config.demoRegion,
    });
    seeded = { logins: result.sample, users: result.users, password, passwordFromEnv: config.demoPassword !== undefined };
    log.info({ region: config.demoRegion, users: result.users }, 'demo data set loaded');
  }

  let redis: RedisBridge | undefined;
  if (config.redisUrl) redis = await connectRedis(config.redisUrl, config.redisPrefix, log);

  let realtime: Realtime | undefined;
  const ctx: DomainContext = {
    db: database.knex,
    dbKind: database.kind,
    config,
    signingSecret: await loadSigningSecret(database.knex, config.sessionSecret),
    storage: new LocalDiskStorage(config.dataDir),
    settings: new SettingsCache(),
    log,
    now: options.now ?? (() => new Date()),
    events: {
      committed: (lastSeq) => {
        realtime?.wake();
        redis?.announce(lastSeq);
      },
    },
  };

  const ingestor = new AlertIngestor(ctx);
  const relayDirectory = new RelayDirectory(ctx.db, () => ctx.now(), ctx.config.relayHeartbeatSeconds);
  const routes: AnyRoute[] = [];
  let openApiDocument: unknown;
  routes.push(
    ...systemRoutes({ version: VERSION, openApi: () => (openApiDocument ??= buildOpenApi(routes, VERSION)) }),
    ...authRoutes({
      loginRateLimit: perIpLimit({ name: 'login', limit: config.loginRatePerMinute, redis }),
      disconnectSession: (sessionId) => realtime?.disconnectSession(sessionId) ?? Promise.resolve(),
      sessionMaxHours: config.sessionMaxHours,
    }),
    ...orgRoutes(),
    ...cameraRoutes(),
    ...videoRoutes(relayDirectory),
    ...relayRoutes(),
    ...gbRoutes(),
    ...analyticsRoutes({ samplingQueue: redis && ((scope) => new SamplingQueue(redis!.client, scope, redis!.prefix)) }),
    ...riskRoutes(),
    ...ledgerRoutes(),
    ...assessmentRoutes(),
    ...bulletinRoutes(),
    ...dashboardRoutes(),
    ...publicRoutes({
      complaintRateLimit: perIpLimit({ name: 'complaint', limit: config.complaintsPerHour, windowMinutes: 60, redis }),
      ratingRateLimit: perIpLimit({ name: 'rating', limit: 20, windowMinutes: 60, redis }),
      uploadMaxBytes: config.uploadMaxBytes,
    }),
    ...eventRoutes(),
    ...auditRoutes(),
    ...attachmentRoutes({ maxBytes: config.uploadMaxBytes }),
    ...alertRoutes({ ingestor }),
    ...alertClipRoutes(),
    ...taskRoutes(),
    ...settingsRoutes(),
    ...patrolRoutes(),
    ...complaintRoutes(),
  );

  const inFlight = new InFlightRequests();
  const app = createApp({
    ctx,
    routes,
    inFlight,
    resolveActor: (token) => resolveActor(ctx, token),
    trustProxy: config.trustProxy,
    extra: options.extra ?? ((expressApp) => serveRenderer(expressApp, RENDERER_DIR, VERSION)),
  });
  const httpServer = createServer(app);
  realtime = await startRealtime(httpServer, ctx, {
    resolveActor: (token) => resolveActor(ctx, token),
    keepSessionsAlive: (ids) => keepSessionsAlive(ctx, ids),
    onEvents: (batch) => {
      if (batch.some((event) => event.type === 'settings.updated')) ctx.settings.clear();
      if (batch.some((event) => TARGET_EVENTS.has(event.type))) ingestor.targets.clear();
    },
    ...(redis ? { configure: (io) => redis.attachAdapter(io) } : {}),
  });
  redis?.onAnnounce(() => realtime?.wake());
  const liveProxy = attachLiveProxy(httpServer, { directory: relayDirectory, signingSecret: ctx.signingSecret, log });
  const jobs = scheduledJobs(ctx);
  const scheduler =
    config.scheduler === 'off'
      ? manualScheduler(jobs, log)
      : config.redisUrl
        ? await startRedisScheduler(config.redisUrl, config.redisPrefix, jobs, log)
        : startInProcessScheduler(jobs, log);

  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(config.port, config.host, () => {
      httpServer.off('error', reject);
      resolve();
    });
  });
  const port = (httpServer.address() as AddressInfo).port;
  const host = config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host;
  const url = `http://${host}:${port}`;
  log.info({ url, db: database.kind, redis: Boolean(redis) }, 'server listening');

  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      log.info('shutting down');
      // 1. Stop accepting; in-flight requests run to completion (their transactions commit or roll back).
      const drained = new Promise<void>((resolve) => httpServer.close(() => resolve()));
      await inFlight.idle(10_000);
      // 2. Stop the scheduled jobs (a running one finishes), close sockets and the event pump.
      await scheduler.stop();
      liveProxy.close();
      await realtime.close();
      const forced = setTimeout(() => httpServer.closeAllConnections(), 2_000);
      forced.unref();
      await drained;
      clearTimeout(forced);
      // 3. Then the shared services and the database.
      await redis?.close();
      await database.close();
      log.info('stopped');
    })());

  return { url, port, ctx, realtime, httpServer, database, scheduler, seeded, close };
}
