// The process measured by bench/gb-registration.ts: one GbSipServer as the relay runs it, nothing else.
// Started by the bench with an IPC channel: it says its port when listening and answers `counts`.
import { createLogger } from '../../server/logger';
import { GbSipServer } from '../../stream-relay/gb/sip-server';

const [platformId, domain, password, adcode] = process.argv.slice(2) as [string, string, string, string];

const server = await GbSipServer.start({
  bindHost: '127.0.0.1',
  port: 0,
  sipHost: '127.0.0.1',
  platformId,
  domain,
  password,
  adcodes: [adcode],
  keepaliveMisses: 3,
  mediaPorts: { from: 40000, to: 40100 },
  log: createLogger('error', 'gb-bench-server'),
  queryTimeoutMs: 30_000,
});

process.on('message', (message) => {
  if (message === 'counts') process.send?.({ counts: server.counts() });
  if (message === 'stop') void server.stop().then(() => process.exit(0));
});
process.send?.({ port: server.port });
