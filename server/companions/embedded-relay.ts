// The stream relay that `npm start` runs beside the server on a laptop: a service account of its own with a
// token issued afresh at every start, and the same DATA_DIR, ffmpeg and retention as the server.
import { fileURLToPath } from 'node:url';
import type { DomainContext } from '../context';
import { rotateServiceToken } from '../auth/commands/createServiceToken';
import { systemActor } from '../policy/actor';
import { runCompanion, type Companion } from './child-process';

const RELAY_MAIN = fileURLToPath(new URL('../../stream-relay/main.ts', import.meta.url));

export async function startEmbeddedRelay(ctx: DomainContext, serverUrl: string): Promise<Companion> {
  const token = await rotateServiceToken(ctx, { actor: systemActor('embedded-relay') }, { name: 'embedded-relay', kind: 'relay' });
  const { config } = ctx;
  return runCompanion({
    name: 'relay',
    script: RELAY_MAIN,
    log: ctx.log,
    env: {
      SERVER_URL: serverUrl,
      RELAY_TOKEN: token,
      RELAY_ID: 'embedded',
      RELAY_HOST: '127.0.0.1',
      RELAY_PORT: '0',
      DATA_DIR: config.dataDir,
      RETENTION_DAYS: String(config.retentionDays),
      LOG_LEVEL: config.logLevel,
      ...(config.ffmpegPath ? { FFMPEG_PATH: config.ffmpegPath } : {}),
    },
  });
}
