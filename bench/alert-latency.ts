// Alert → Socket.IO event latency at the county desks: 200 sockets (the 11 county desks and the city
// room) connected to a real server process, alerts posted over HTTP at 500 a second for 10 seconds on
// cameras spread over the city; latency is measured from the POST leaving the client to the event
// arriving at each socket in scope (its county's desks and the city's: 20 of the 200). The baseline, in the
// same run and with the same HTTP client, is a bare Socket.IO server emitting each posted message to the
// same rooms. On PGlite and on PostgreSQL.
// Run: npx tsx bench/alert-latency.ts
import { spawn } from 'node:child_process';
import { freePort, ROOT, startServerProcess } from '../tests/support/server-process';
import { createStore } from '../tests/support/store';
import { agent, connectAll, COUNTY_SOCKETS, deskSessions, drive, post, postAlert, SECONDS, type Result } from './support/alert-traffic';

const SOCKETS = 200;
const PASSWORD = 'bench-Password-1';

async function baseline(rate: number): Promise<Result> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/support/raw-broadcast-server.ts'], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise((resolve) => child.stdout.once('data', resolve));
  const url = `http://127.0.0.1:${port}`;
  const counties = Array.from({ length: 11 }, (_, i) => `c${i}`);
  const rooms = [...counties.flatMap((county) => Array.from({ length: COUNTY_SOCKETS }, () => county)), 'city', 'city'];
  const sockets = await connectAll(
    url,
    rooms.map((room) => ({ room })),
  );
  const result = await drive(
    `raw Socket.IO emit to the same rooms @${rate}/s`,
    rate,
    (n) => post(`${url}/`, { n, county: counties[n % counties.length] }),
    sockets,
    () => COUNTY_SOCKETS + 2,
  );
  for (const socket of sockets) socket.close();
  child.kill('SIGTERM');
  return result;
}

async function real(kind: 'pglite' | 'postgres', rate: number): Promise<Result> {
  const store = await createStore(
    kind === 'postgres' ? { postgres: process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres' } : {},
  );
  const env = {
    ...store.env,
    PORT: String(await freePort()),
    DEMO_PASSWORD: PASSWORD,
    LOG_LEVEL: 'error',
    SCHEDULER: 'off',
    ...(kind === 'pglite' ? { DATABASE_URL: '' } : {}),
  };
  const server = await startServerProcess(env);
  const url = server.url;
  const desks = await deskSessions(url, PASSWORD);
  const sockets = await connectAll(
    url,
    desks.tokens.map((token) => ({ token })),
  );
  const result = await drive(
    `Canteen Command on ${kind} @${rate}/s`,
    rate,
    (n) => postAlert(url, desks, n, `bench-${kind}-${rate}`),
    sockets,
    () => COUNTY_SOCKETS + 2,
  );
  for (const socket of sockets) socket.close();
  await server.stop();
  await store.dispose();
  return result;
}

const results: Array<Result & { baseline: Result }> = [];
for (const rate of [250, 500]) {
  for (const kind of ['pglite', 'postgres'] as const) {
    const raw = await baseline(rate);
    const ours = await real(kind, rate);
    results.push({ ...ours, baseline: raw });
    console.error(`done: ${ours.name}`);
  }
}
agent.destroy();
console.log(
  `Alert → event latency, ${SOCKETS} sockets, for ${SECONDS} s (ms); each run against a bare Socket.IO emit to the same rooms just before it`,
);
console.table(
  results.map(({ baseline: raw, ...r }) => ({
    ...r,
    'raw p50': raw.p50,
    'raw p99': raw.p99,
    'p50 ratio': Math.round((r.p50 / raw.p50) * 10) / 10,
    'p99 ratio': Math.round((r.p99 / raw.p99) * 10) / 10,
  })),
);
