// The detection worker process: `npx tsx analytics/worker/main.ts`. Ensures and loads the detector model, serves
// its counters at GET /health, registers with the server and analyses its cameras; on SIGTERM/SIGINT — or,
// run by the server, when that server is gone — it finishes the posts under way and exits 0.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { companionLifecycle } from '../../server/companions/companion-lifecycle';
import { createLogger, type Logger } from '../../server/logger';
import { Detector } from '../detector/detector';
import { ensureModels, modelsDir } from '../models/build-models';
import { DEFAULT_MODELS, DETECTOR_PREFERENCE, preferredDetector } from '../models/default-models';
import { loadWorkerConfig, WorkerConfigError, type WorkerConfig } from './config';
import { ServerClient } from './server-client';
import { AnalyticsWorker } from './worker';

const SHUTDOWN_LIMIT_MS = 10_000;

function readConfig(): WorkerConfig {
  try {
    return loadWorkerConfig();
  } catch (error) {
    if (!(error instanceof WorkerConfigError)) throw error;
    console.error(`analytics worker: bad configuration\n${error.message}`);
    process.exit(1);
  }
}

/** The model to load: the one named, else the preferred default that could be built. */
async function chooseModel(config: WorkerConfig, log: Logger): Promise<string> {
  const named = config.model;
  const isDefault = (name: string) => DEFAULT_MODELS.some((model) => model.name === name);
  if (named && !isDefault(named)) return named; // a custom model, placed in DATA_DIR/models by hand
  const statuses = await ensureModels(config.dataDir, {
    models: named ? [named] : DETECTOR_PREFERENCE,
    log: (message) => log.info(message),
  });
  for (const status of statuses)
    if (status.state === 'missing') log.warn({ model: status.name, reason: status.reason }, 'model unavailable');
  const chosen = named ?? preferredDetector(statuses);
  if (!chosen || statuses.find((status) => status.name === chosen)?.state === 'missing') {
    throw new Error(`no detector model could be built under ${modelsDir(config.dataDir)}`);
  }
  return chosen;
}

async function main(): Promise<void> {
  const config = readConfig();
  const log = createLogger(config.logLevel, 'analytics-worker', { base: { workerId: config.workerId } });
  // Installed before the model is built or loaded (which can take minutes), so a stop asked for then is prompt.
  const lifecycle = companionLifecycle({ name: 'analytics worker', log, limitMs: SHUTDOWN_LIMIT_MS });
  process.on('unhandledRejection', (reason) => log.error({ err: reason }, 'unhandled rejection'));
  process.on('uncaughtException', (error) => {
    log.fatal({ err: error }, 'uncaught exception; exiting');
    process.exit(1);
  });

  const model = await chooseModel(config, log);
  const detector = await Detector.load(modelsDir(config.dataDir), model);
  log.info({ model, labels: detector.manifest.labels.length }, 'detector loaded');

  const worker = new AnalyticsWorker({
    workerId: config.workerId,
    client: new ServerClient(config.serverUrl, config.token),
    detector,
    log,
    fps: config.fps,
    refreshSeconds: config.refreshSeconds,
    maxVisits: config.visits,
  });

  const server = createServer((req, res) => {
    if (req.method === 'GET' && req.url === '/health') {
      res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
      res.end(JSON.stringify({ ...worker.health(), rssBytes: process.memoryUsage().rss }));
      return;
    }
    res.writeHead(404, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ error: { code: 'not_found', message: 'GET /health only' } }));
  });
  server.on('clientError', (_error, socket) => socket.destroy());
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  log.info({ host: config.host, port, serverUrl: config.serverUrl }, 'analytics worker listening');
  worker.start();

  lifecycle.onStop(async () => {
    await worker.stop();
    await detector.release();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });
  lifecycle.ready();
}

try {
  await main();
} catch (error) {
  console.error(`analytics worker: could not start: ${(error as Error).message}`);
  process.exit(1);
}
