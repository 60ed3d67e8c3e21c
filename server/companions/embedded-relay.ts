// The stream relay that `npm start` runs beside the server on a laptop: a service account of its own with a
// token issued afresh at every start, and the same DATA_DIR, ffmpeg and retention as the server. It also runs
// the GB/T 28181 SIP server, with the SIP settings the server was started with.
import { fileURLToPath } from 'node:url';
import type { DomainContext } from '../context';
import { rotateServiceToken } from '../auth/commands/createServiceToken';
import { systemActor } from '../policy/actor';
import { runCompanion, type Companion } from './child-process';

const RELAY_MAIN = fileURLToPath(new URL('../../stream-relay/main.ts', import.meta.url));

/** The SIP variables as the relay reads them; unset ones are left out (the relay's defaults apply). */
function sipEnv(ctx: DomainContext, sipPassword: string | undefined): Record<string, string> {
  const { gb } = ctx.config;
  const env: Record<string, string> = { SIP_PORT: String(gb.sipPort), MEDIA_PORTS: `${gb.mediaPorts.from}-${gb.mediaPorts.to}` };
  const optional = {
    SIP_ID: gb.sipId,
    SIP_DOMAIN: gb.sipDomain,
    SIP_PASSWORD: sipPassword,
    SIP_HOST: gb.sipHost,
    UPSTREAM_SIP: gb.upstreamSource,
  };
  for (const [name, value] of Object.entries(optional)) if (value !== undefined) env[name] = value;
  return env;
}

export async function startEmbeddedRelay(
  ctx: DomainContext,
  serverUrl: string,
  options: { sipPassword?: string | undefined } = {},
): Promise<Companion> {
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
      ...sipEnv(ctx, options.sipPassword ?? config.gb.sipPassword),
    },
  });
}
