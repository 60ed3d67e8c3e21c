// The stream relay process: `npx tsx stream-relay/main.ts`. Listens at once (health answers, tokens are
// refused until the first heartbeat brings the key), registers with the server, runs what it is assigned,
// and on SIGTERM/SIGINT — or, run by the server, when that server is gone — ends its ffmpegs politely (so
// open segments are finalised) and exits 0.
import { createServer } from 'node:http';
import { hostname } from 'node:os';
import type { AddressInfo } from 'node:net';
import { companionLifecycle } from '../server/companions/companion-lifecycle';
import { ConfigError, loadRelayConfig, type RelayConfig } from './config';
import { detectFfmpegMajor, ffmpegPath, ffmpegTimeZone } from './ffmpeg';
import { HeartbeatLoop } from './heartbeat';
import { createHttpHandler } from './http-api';
import { attachLiveEndpoint } from './live-endpoint';
import { createRelayLogger } from './logger';
import { Relay } from './relay';

/** Above this many unsent bytes a viewer is skipped to the next keyframe (about 2 s of 4 Mbit/s video). */
const MAX_VIEWER_BACKLOG_BYTES = 1 << 20;
/** A group of pictures above this (a camera that sends no keyframes) is not cached for new viewers. */
const MAX_GOP_BYTES = 8 << 20;
const SHUTDOWN_LIMIT_MS = 10_000;

function readConfig(): RelayConfig {
  try {
    return loadRelayConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(`stream-relay: bad configuration\n${error.message}`);
    process.exit(1);
  }
}

function defaultPublicUrl(host: string, port: number): string {
  const reachable = host === '0.0.0.0' || host === '::' ? hostname() : host;
  return `http://${reachable.includes(':') ? `[${reachable}]` : reachable}:${port}`;
}

async function main(): Promise<void> {
  const config = readConfig();
  const log = createRelayLogger(config.logLevel, config.relayId);
  const lifecycle = companionLifecycle({ name: 'relay', log, limitMs: SHUTDOWN_LIMIT_MS });
  process.on('unhandledRejection', (reason) => log.error({ err: reason }, 'unhandled rejection'));
  process.on('uncaughtException', (error) => {
    log.fatal({ err: error }, 'uncaught exception; exiting');
    process.exit(1);
  });

  const binary = ffmpegPath(config.ffmpegPath);
  const major = detectFfmpegMajor(binary);
  void major.then((version) => {
    if (version === null) log.error({ ffmpeg: binary }, 'ffmpeg does not run; cameras will show offline until FFMPEG_PATH is fixed');
    else log.info({ ffmpeg: binary, major: version }, 'ffmpeg found');
  });

  const relay = new Relay({
    relayId: config.relayId,
    serverUrl: config.serverUrl,
    relayToken: config.relayToken,
    dataDir: config.dataDir,
    retentionDays: config.retentionDays,
    recordingsMaxBytes: config.recordingsMaxBytes,
    recordingsMinFreeBytes: config.recordingsMinFreeBytes,
    ffmpeg: { path: binary, major, timeZone: ffmpegTimeZone() },
    settings: {
      segmentSeconds: config.segmentSeconds,
      stallSeconds: config.stallSeconds,
      healthSeconds: config.healthSeconds,
      rtspPull: config.rtspPull,
      rtspIdleSeconds: config.rtspIdleSeconds,
      maxBacklogBytes: MAX_VIEWER_BACKLOG_BYTES,
      maxGopBytes: MAX_GOP_BYTES,
    },
    sip: config.sip,
    log,
  });

  const server = createServer(createHttpHandler(relay, log));
  server.on('clientError', (_error, socket) => socket.destroy());
  const live = attachLiveEndpoint(server, relay, log);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const publicUrl = config.publicUrl ?? defaultPublicUrl(config.host, port);
  log.info(
    {
      port,
      host: config.host,
      url: publicUrl,
      dataDir: config.dataDir,
      recordingsMaxBytes: config.recordingsMaxBytes,
      recordingsMinFreeBytes: config.recordingsMinFreeBytes,
    },
    'relay listening',
  );

  relay.startHousekeeping();
  const heartbeat = new HeartbeatLoop({
    serverUrl: config.serverUrl,
    relayToken: config.relayToken,
    relayId: config.relayId,
    publicUrl,
    reports: () => relay.reports(),
    storage: () => relay.storage.report(),
    sip: () => relay.sipAnnouncement(),
    assignmentCursor: () => relay.assignmentCursor,
    onResponse: (response) => relay.applyHeartbeat(response),
    log,
  });
  heartbeat.start();

  lifecycle.onStop(async () => {
    heartbeat.stop();
    await relay.stop();
    live.close();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });
  lifecycle.ready();
}

await main();
