// Alert traffic at the desks, shared by the alert-latency benches: alerts posted over HTTP at a steady rate,
// and the latency from each POST leaving the client to its event arriving at each Socket.IO client in scope.
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import { io, type Socket } from 'socket.io-client';
import { DETECTOR_CATEGORY_CODES } from '../../analytics/rules/catalogue';
import { loginAt, request } from '../../tests/support/test-server';
import { percentile } from './bench-db';

export const SECONDS = 10;
const WARMUP_SECONDS = 2;
/** The screens of each county desk; with the two city screens, 200 sockets. */
export const COUNTY_SOCKETS = 18;
/** The categories a detector posts: the same ones the detection worker does. */
const VIDEO_CATEGORIES = DETECTOR_CATEGORY_CODES;

// One keep-alive pool for every request of both runs, so that both pay the same for HTTP.
export const agent = new http.Agent({ keepAlive: true, maxSockets: 48 });
/** A reused keep-alive socket may have been closed by the server: posts carry idempotency keys, so retry. */
export async function post(url: string, body: unknown, token?: string): Promise<number> {
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

export interface Result {
  name: string;
  sent: number;
  achievedRate: number;
  deliveries: number;
  p50: number;
  p99: number;
  max: number;
}

/** Connects every socket and waits until each is ready (ours after their catch-up). */
export async function connectAll(url: string, auths: Array<Record<string, string>>): Promise<Socket[]> {
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

export async function drive(
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

export interface Desks {
  /** The city duty operator's token: posts the alerts. */
  duty: string;
  /** One token per socket: 11 county desks with 18 screens each (a desk's screens share its session), two city screens. */
  tokens: string[];
  /** 60 cameras of each county, county by county. */
  cameras: Array<{ id: string; county: string }>;
  counties: number;
}

/** Logs the desks in and picks the cameras the alerts are raised on. */
export async function deskSessions(url: string, password: string): Promise<Desks> {
  const duty = await loginAt(url, 'city.duty', password);
  const tree = (await request<{ root: { children: Array<{ code: string }> } }>(url, 'GET', '/api/jurisdictions', { token: duty })).body.root
    .children;
  const sessions = new Map<string, string>();
  for (const username of [...tree.map((county) => `county.${county.code}`), 'city.duty'])
    sessions.set(username, await loginAt(url, username, password));
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
  return { duty, tokens, cameras, counties: tree.length };
}

/**
 * Posts the n-th alert: spread over the counties in turn, as the baseline spreads over its rooms; each post
 * is a new (camera, category) pair, so each creates an alert (the heavier case: nothing folds).
 */
export function postAlert(url: string, desks: Desks, n: number, keyPrefix: string) {
  const camera = desks.cameras[(n % desks.counties) * 60 + (Math.floor(n / desks.counties) % 60)]!;
  const category = VIDEO_CATEGORIES[Math.floor(n / desks.cameras.length) % VIDEO_CATEGORIES.length];
  return post(
    `${url}/api/alerts`,
    { source: 'ai', category, cameraId: camera.id, summary: `bench #${n}`, idempotencyKey: `${keyPrefix}-${n}` },
    desks.duty,
  );
}
