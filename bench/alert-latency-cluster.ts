// Alert → desk socket latency on a cluster: the 200 desk sockets of bench/alert-latency.ts (11 county desks
// with 18 screens each, two city screens) and the same alert stream, all through HAProxy
// (deploy/haproxy.cfg) on PostgreSQL and Redis. One server process behind the balancer, against two: with
// two, the sockets and the posts are spread over both by round robin, so most events are committed on one
// process and delivered by the other (woken through Redis). Both in the same run, each on a fresh database
// with fresh processes, alternating, so that neither inherits the other's alerts.
// Run: npx tsx bench/alert-latency-cluster.ts [--rates=250,500]
import os from 'node:os';
import { argList } from './support/args';
import { agent, connectAll, COUNTY_SOCKETS, deskSessions, drive, postAlert, SECONDS, type Result } from './support/alert-traffic';
import { requireHaproxy, startLoadBalancer } from '../tests/support/load-balancer';
import { freePort, startServerProcess } from '../tests/support/server-process';
import { createStore } from '../tests/support/store';

const PASSWORD = 'bench-Password-1';
const POSTGRES = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const REDIS = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
/** Loading the demo into an empty database takes minutes on a busy machine. */
const SERVER_START_MS = 300_000;

async function behindBalancer(processes: 1 | 2, rate: number): Promise<Result> {
  const store = await createStore({ postgres: POSTGRES });
  const env = { ...store.env, REDIS_URL: REDIS, DEMO_PASSWORD: PASSWORD, LOG_LEVEL: 'error', SCHEDULER: 'off' };
  // The first process loads the demo into the empty database; the second starts on it.
  const start = async () => startServerProcess({ ...env, PORT: String(await freePort()) }, SERVER_START_MS);
  const servers = [await start()];
  if (processes === 2) servers.push(await start());
  const lb = await startLoadBalancer(servers.map((server) => server.url));
  // Logged in on the first process directly: the sessions hold on every process, and the login throttle
  // (per address) sees only the balancer's address otherwise.
  const desks = await deskSessions(servers[0]!.url, PASSWORD);
  const sockets = await connectAll(
    lb.url,
    desks.tokens.map((token) => ({ token })),
  );
  const result = await drive(
    `${processes} process${processes === 2 ? 'es' : ''} behind HAProxy @${rate}/s`,
    rate,
    (n) => postAlert(lb.url, desks, n, `cluster-${processes}-${rate}`),
    sockets,
    () => COUNTY_SOCKETS + 2,
  );
  for (const socket of sockets) socket.close();
  await lb.stop();
  await Promise.all(servers.map((server) => server.stop()));
  await store.dispose();
  return result;
}

requireHaproxy();
// The machine's 1-minute load average at the end of each run: other work on the same cores shows there.
const load = () => Math.round(os.loadavg()[0]! * 10) / 10;
const rows: Array<Result & { 'p50 vs one': number; 'p99 vs one': number; load: number }> = [];
for (const rate of argList('rates', '250,500').map(Number)) {
  const one = { ...(await behindBalancer(1, rate)), load: load() };
  console.error(`done: ${one.name}`);
  const two = { ...(await behindBalancer(2, rate)), load: load() };
  console.error(`done: ${two.name}`);
  const ratio = (a: number, b: number) => Math.round((a / b) * 100) / 100;
  rows.push(
    { ...one, 'p50 vs one': 1, 'p99 vs one': 1 },
    { ...two, 'p50 vs one': ratio(two.p50, one.p50), 'p99 vs one': ratio(two.p99, one.p99) },
  );
}
agent.destroy();
console.log(`Alert → desk socket latency through HAProxy, 200 sockets, ${SECONDS} s per run (ms); PostgreSQL and Redis`);
console.table(rows);
