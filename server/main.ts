// `npm start`: one server process on the configured port. On an empty database it loads the demo (DEMO_REGION: Chengde, or Hebei)
// and prints the demo logins — at once, and again once the relay, the detection worker and the simulated
// cameras are up (their start-up lines would have scrolled the first ones away); on SIGTERM or SIGINT it
// shuts down gracefully.
import { ensureRendererBuilt } from '../desktop/build/renderer-build';
import { startServer, type RunningServer } from './app';
import { startEmbeddedRelay } from './companions/embedded-relay';
import { startEmbeddedAnalytics, type EmbeddedAnalytics } from './companions/embedded-analytics';
import type { Companion } from './companions/child-process';
import { ConfigError, loadConfig, type Config } from './config';
import { DEMO_REGION_NAMES } from './demo/demo-region';
import { isDemoLoaded } from './demo/seedDemo';
import { demoSipPassword } from './gb/demo-sip-password';
import { startDemoCameras, type DemoCameras } from './demo/simulated-cameras';
import { startDemoNvrs, type DemoNvrs } from './demo/simulated-nvrs';

function readConfig(): Config {
  try {
    return loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
}

/** The demo's GB/T 28181 registration password, when SIP_PASSWORD is unset: kept in DATA_DIR. */
let demoSip: string | undefined;

function demoLogins(server: RunningServer): string[] {
  const sip = demoSip
    ? [`  GB/T 28181 devices register at sip port ${server.ctx.config.gb.sipPort} (UDP and TCP) with password "${demoSip}"`]
    : [];
  if (!server.seeded) return sip;
  return [
    `  Loaded the ${DEMO_REGION_NAMES[server.ctx.config.demoRegion]} demo: ${server.seeded.users} users. Demo logins (password ${
      server.seeded.passwordFromEnv ? 'from DEMO_PASSWORD' : `"${server.seeded.password}"`
    }):`,
    ...server.seeded.logins.map((login) => `    ${login.username.padEnd(20)} ${login.role.padEnd(16)} ${login.scope}`),
    ...(server.ctx.config.demoRegion === 'hebei' ? ['    city.<adcode>.admin and city.<adcode>.duty for each other city'] : []),
    '    county.<adcode> for each county, school.<school code> for each school',
    ...sip,
  ];
}

function banner(server: RunningServer, cameras: DemoCameras | undefined): string {
  const lines = ['', `  Canteen Command 明厨亮灶指挥调度  ${server.url}`, `  database: ${server.database.kind}`];
  if (cameras) lines.push(`  simulated cameras: ${cameras.cameras} on rtsp://127.0.0.1:${cameras.server.port}/`);
  return `${[...lines, ...demoLogins(server)].join('\n')}\n\n`;
}

/** Said once every companion that was started is up; the logins again, now that the start-up lines are done. */
function startedBanner(server: RunningServer, running: string[]): string {
  const lines = ['', `  Canteen Command is up at ${server.url}${running.length > 0 ? ` with ${running.join(', ')}` : ''}.`];
  return `${[...lines, ...demoLogins(server)].join('\n')}\n\n`;
}

const config = readConfig();
const server = await startServer({ config });
// The console is built in the background when its sources changed; until then `/` says what runs.
ensureRendererBuilt().then(
  (built) => built && server.ctx.log.info('renderer built'),
  (error: unknown) => server.ctx.log.error({ err: error }, 'could not build the renderer; the API still serves'),
);
// The companions of a one-machine system: simulated cameras for the demo, and a stream relay.
let cameras: DemoCameras | undefined;
let nvrs: DemoNvrs | undefined;
let relay: Companion | undefined;
try {
  const simulated = config.simulatedCameras === 'on' || (config.simulatedCameras === 'auto' && (await isDemoLoaded(server.ctx.db)));
  if (simulated) cameras = await startDemoCameras(server.ctx, { port: config.simulatedCameraPort, dataDir: config.dataDir });
  if (config.relay === 'embedded') {
    if (config.gb.sipPassword === undefined && (await isDemoLoaded(server.ctx.db))) demoSip = demoSipPassword(config.dataDir);
    relay = await startEmbeddedRelay(server.ctx, server.url, { sipPassword: demoSip });
    const sipPassword = demoSip ?? config.gb.sipPassword;
    // The demo's NVRs register with the embedded relay (they retry until its SIP server listens); in the
    // background, since their H.265 clip takes a while to make at the first start.
    if (simulated && sipPassword && config.gb.sipPort !== 0) {
      startDemoNvrs(server.ctx, {
        dataDir: config.dataDir,
        sip: { host: '127.0.0.1', port: config.gb.sipPort, password: sipPassword },
      }).then(
        (started) => (nvrs = started),
        (error: unknown) => server.ctx.log.error({ err: error }, 'could not start the simulated GB/T 28181 NVRs'),
      );
    }
  }
} catch (error) {
  server.ctx.log.error({ err: error }, 'could not start the video companions; the server runs without them');
}
// The detection worker (after its models are ensured, in the background).
const analytics: EmbeddedAnalytics | undefined =
  config.analytics === 'embedded' ? startEmbeddedAnalytics(server.ctx, server.url) : undefined;
let stopping = false;
process.stdout.write(banner(server, cameras));
if (relay || analytics) {
  void Promise.all([relay?.ready.then(() => true), analytics?.ready]).then(([relayUp, analyticsUp]) => {
    const running = [
      ...(relayUp ? ['the stream relay'] : []),
      ...(analyticsUp ? ['the detection worker'] : []),
      ...(cameras ? [`${cameras.cameras} simulated cameras`] : []),
      ...(nvrs ? [`${nvrs.devices} simulated GB/T 28181 NVRs (${nvrs.channels} channels)`] : []),
    ];
    if (!stopping) process.stdout.write(startedBanner(server, running));
  });
}

for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    const stopAll = async () => {
      await analytics?.stop();
      await nvrs?.stop();
      await relay?.stop();
      await cameras?.stop();
      await server.close();
    };
    stopAll().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error('shutdown failed', error);
        process.exit(1);
      },
    );
  });
}
