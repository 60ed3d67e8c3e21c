// Alert → Socket.IO event latency at the county desks: 200 sockets (the 11 county desks and the city
// room) connected to a real server process, alerts posted over HTTP at 500 a second for 10 seconds on
// cameras spread over the city; latency is measured from the POST leaving the client to the event
// arriving at each socket in scope (its county's desks and the city's: 20 of the 200). The baseline, in the
// same run and with the same HTTP client, is a bare Socket.IO server emitting each posted message to the
// same rooms. On PGlite and on PostgreSQL.
// Run: npx tsx bench/alert-latency.ts
import { spawn } from 'node:child_process';
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import { io, type Socket } from 'socket.io-client';
import { DETECTOR_CATEGORY_CODES } from '../analytics/rules/catalogue';
import { freePort, ROOT, startServerProcess } from '../tests/support/server-process';
import { createStore } from '../tests/support/store';
import { loginAt, request } from '../tests/support/test-server';
import { percentile } from './support/bench-db';

const SECONDS = 10;
const WARMUP_SECONDS = 2;
const SOCKETS = 200;
const PASSWORD = 'bench-Password-1';
const COUNTY_SOCKETS = 18;
/** The categories a detector posts: the same ones the detection worker does. */
const VIDEO_CATEGORIES = DETECTOR_CATEGORY_CODES;

// One keep-alive pool for every request of both runs, so that both pay the same for HTTP.
const agent = new http.Agent({ keepAlive: true, maxSockets: 48 });
/** A reused keep-alive socket may have been closed by the server: posts carry idempotency keys, so retry. */
async function post(url: string, body: unknown, token?: string): Promise<number> {
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await postOnce(url, body, token);
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (attempt >= 2 || (code !== 'ECONNRESET' && code !== 'EPIPE')) throw error;
    }
  }
}

function postOnce(url: string, body: unknown, token?: string): Promise<number> {
  const data = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      {
        method: 'POST',
        agent,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(data),
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.end(data);
  });
}

interface Result {
  name: string;
  sent: number;
  achievedRate: number;
  deliveries: number;
  p50: number;
  p99: number;
  max: number;
}

/** Connects every socket and waits until each is ready (ours after their catch-up). */
async function connectAll(url: string, auths: Array<Record<string, string>>): Promise<Socket[]> {
  const sockets = auths.map((auth) => io(url, { transports: ['websocket'], auth, reconnection: false }));
  await Promise.all(
    sockets.map(
      (socket) =>
        new Promise<void>((resolve, reject) => {
          socket.once('ready', () => resolve());
          socket.once('connect_error', reject);
        }),
    ),
  );
  return sockets;
}

async function drive(
  name: string,
  rate: number,
  post: (i: number) => Promise<unknown>,
  sockets: Socket[],
  expectedPerAlert: (i: number) => number,
): Promise<Result> {
  const sentAt = new Map<number, number>();
  const latencies: number[] = [];
  for (const socket of sockets) {
    const receive = (event: { data: { summary?: string; n?: number } }) => {
      const n = Number(event.data.n ?? event.data.summary?.split('#')[1]);
      const at = sentAt.get(n);
      if (at !== undefined) latencies.push(performance.now() - at);
    };
    socket.on('event', receive);
    socket.on('events', (events: Array<Parameters<typeof receive>[0]>) => events.forEach(receive));
  }
  // Two seconds at the same rate first, unmeasured (cold caches, JIT); then the measured window.
  const warmup = rate * WARMUP_SECONDS;
  const total = rate * SECONDS;
  let started = performance.now();
  const pending: Array<Promise<unknown>> = [];
  let measuredFrom = 0;
  for (let i = 0; i < warmup + total; i += 1) {
    if (i === warmup) {
      await Promise.all(pending.splice(0));
      started = performance.now();
      measuredFrom = i;
    }
    const due = started + ((i - measuredFrom) * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    if (i >= warmup) sentAt.set(i, performance.now());
    pending.push(post(i));
  }
  await Promise.all(pending);
  const elapsed = (performance.now() - started) / 1000;
  const expected = Array.from({ length: total }, (_, i) => expectedPerAlert(warmup + i)).reduce((a, b) => a + b, 0);
  const deadline = performance.now() + 30_000;
  while (latencies.length < expected && performance.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
  for (const socket of sockets) {
    socket.removeAllListeners('event');
    socket.removeAllListeners('events');
  }
  return {
    name,
    sent: total,
    achievedRate: Math.round(total / elapsed),
    deliveries: latencies.length,
    p50: Math.round(percentile(latencies, 50) * 10) / 10,
    p99: Math.round(percentile(latencies, 99) * 10) / 10,
    max: Math.round(Math.max(...latencies)),
  };
}

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
  const duty = await loginAt(url, 'city.duty', PASSWORD);
  const tree = (await request<{ root: { children: Array<{ code: string }> } }>(url, 'GET', '/api/jurisdictions', { token: duty })).body.root
    .children;
  // 11 county desks with 18 screens each (198) and two city screens; the screens of a desk share its session.
  const sessions = new Map<string, string>();
  for (const username of [...tree.map((county) => `county.${county.code}`), 'city.duty'])
    sessions.set(username, await loginAt(url, username, PASSWORD));
  const tokens = [
    ...tree.flatMap((county) => Array.from({ length: COUNTY_SOCKETS }, () => sessions.get(`county.${county.code}`)!)),
    sessions.get('city.duty')!,
    sessions.get('city.duty')!,
  ];
  const cameras: Array<{ id: string; county: string }> = [];
  for (const county of tree) {
    const page = (
      await request<{ items: Array<{ id: string }> }>(url, 'GET', `/api/cameras?county=${county.code}&pageSize=60`, { token: duty })
    ).body.items;
    cameras.push(...page.map((camera) => ({ id: camera.id, county: county.code })));
  }
  const sockets = await connectAll(
    url,
    tokens.map((token) => ({ token })),
  );
  const result = await drive(
    `Canteen Command on ${kind} @${rate}/s`,
    rate,
    (n) => {
      // Spread over the counties in turn, as the baseline spreads over its rooms; each post is a new
      // (camera, category) pair, so each creates an alert (the heavier case: nothing folds).
      const camera = cameras[(n % tree.length) * 60 + (Math.floor(n / tree.length) % 60)]!;
      const category = VIDEO_CATEGORIES[Math.floor(n / cameras.length) % VIDEO_CATEGORIES.length];
      return post(
        `${url}/api/alerts`,
        { source: 'ai', category, cameraId: camera.id, summary: `bench #${n}`, idempotencyKey: `bench-${kind}-${rate}-${n}` },
        duty,
      );
    },
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
