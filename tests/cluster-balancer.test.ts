// The cluster as it is deployed: two server processes on one PostgreSQL and one Redis behind a real HAProxy
// (deploy/haproxy.cfg). Clients reach the processes only through the balancer; its cookie pins a client to
// one process, as a browser on long-polling is pinned. An event raised through one process reaches a desk
// held by the other; a process killed in the middle of a bulk dispatch loses and duplicates nothing when the
// client retries through the balancer; each tick of a scheduled job runs on one process only.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PAUSE_AT_VARIABLE, pauseAnnouncement } from '../server/testing/pause-points';
import { requireHaproxy, startLoadBalancer, type LoadBalancer } from './support/load-balancer';
import { freePort, startServerProcess, type ServerProcess } from './support/server-process';
import { sleep, TestSocket, waitUntil } from './support/sockets';
import { requireRedis, TEST_REDIS_URL } from './support/redis';
import { createStore, type Store } from './support/store';
import { loginAt, request } from './support/test-server';

const POSTGRES = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const PASSWORD = 'cluster-Lb-Test-1';
/** The first process loads the demo into an empty PostgreSQL database; on a busy machine that takes minutes. */
const SERVER_START_MS = 180_000;
const STARTUP_TIMEOUT_MS = 2 * SERVER_START_MS + 60_000;

interface Tick {
  job: string;
  /** BullMQ's id of the tick: `repeat:<job>:<the time it was due, ms>`. */
  tick: string;
  due: number;
}

/** The scheduler ticks a process ran, from its debug log lines. */
function ticksOf(server: ServerProcess): Tick[] {
  return server
    .stdout()
    .split('\n')
    .filter((line) => line.includes('"msg":"scheduled tick done"'))
    .map((line) => {
      const { job, tick } = JSON.parse(line) as { job: string; tick: string };
      return { job, tick, due: Number(tick.split(':').at(-1)) };
    });
}

describe('two server processes behind HAProxy', () => {
  let store: Store;
  let s1: ServerProcess | undefined;
  let s2: ServerProcess | undefined;
  let lb: LoadBalancer | undefined;
  let token: string;

  beforeAll(async () => {
    requireHaproxy();
    await requireRedis();
    store = await createStore({ postgres: POSTGRES });
    const shared = {
      ...store.env,
      REDIS_URL: TEST_REDIS_URL,
      TRUST_PROXY: '1',
      DEMO_PASSWORD: PASSWORD,
      LOG_LEVEL: 'debug',
    };
    // s1 stops inside the transaction of any bulk dispatch it serves, so the kill below lands there.
    s1 = await startServerProcess({ ...shared, PORT: String(await freePort()), [PAUSE_AT_VARIABLE]: 'bulk-dispatch' }, SERVER_START_MS);
    s2 = await startServerProcess({ ...shared, PORT: String(await freePort()) }, SERVER_START_MS);
    lb = await startLoadBalancer([s1.url, s2.url]);
    token = await loginAt(lb.url, 'city.duty', PASSWORD);
  }, STARTUP_TIMEOUT_MS);
  afterAll(async () => {
    await lb?.stop();
    await Promise.all([s1?.stop(), s2?.stop()]);
    await store?.dispose();
  });

  it('delivers an event raised through one process to a desk whose socket the other holds', async () => {
    const county = await loginAt(lb!.url, 'county.130822', PASSWORD);
    // The cookie the balancer set on a browser's first answer: it sends the desk's connection to s2.
    const pinned = await request(lb!.url, 'GET', '/api/health', { headers: { cookie: lb!.pinTo('s2') } });
    expect(pinned.headers.get('x-served-by')).toBe('s2');
    const desk = new TestSocket(lb!.url, county, undefined, { headers: { cookie: lb!.pinTo('s2') } });
    await desk.ready();
    const viaS1 = { token: county, headers: { cookie: lb!.pinTo('s1') } };
    const school = (await request(lb!.url, 'GET', '/api/schools?pageSize=1', viaS1)).body.items[0] as { id: string };
    const detail = await request(lb!.url, 'GET', `/api/schools/${school.id}`, viaS1);
    const changed = await request(lb!.url, 'PATCH', `/api/schools/${school.id}`, {
      ...viaS1,
      body: { version: detail.body.version, phone: '0314-2225555' },
    });
    expect(changed.status).toBe(200);
    expect(changed.headers.get('x-served-by')).toBe('s1');
    await desk.waitForEvents((events) => events.some((e) => e.type === 'school.updated' && e.subject.id === school.id), 5000);
    desk.close();
  });

  it('runs each tick of a scheduled job on one process only', async () => {
    // alert-clips ticks every 10 s; watch a few ticks of it.
    const from = Date.now();
    await sleep(35_000);
    const to = Date.now();
    const ticks = [...ticksOf(s1!), ...ticksOf(s2!)];
    const ids = ticks.map((t) => t.tick);
    expect(new Set(ids).size, 'a tick ran on both processes').toBe(ids.length);
    const clips = ticks.filter((t) => t.job === 'alert-clips' && t.due >= from && t.due <= to);
    expect(clips.length).toBeGreaterThanOrEqual(2);
    // One schedule for the cluster, not one per process: no more ticks due in the window than 10 s allows.
    expect(clips.length).toBeLessThanOrEqual(Math.floor((to - from) / 10_000) + 1);
  }, 60_000);

  it('loses and duplicates nothing of a bulk dispatch when its process is killed and the client retries', async () => {
    const codes: string[] = [];
    for (let page = 1; ; page += 1) {
      const schools = await request(lb!.url, 'GET', `/api/schools?pageSize=500&page=${page}`, { token });
      codes.push(...schools.body.items.map((s: { code: string }) => s.code));
      if (codes.length >= schools.body.total) break;
    }
    const title = '专项整改 cluster-bulk';
    // The client is pinned to s1, as a browser would be after its first answer from it.
    const bulk = () =>
      request(lb!.url, 'POST', '/api/tasks/bulk', {
        token,
        headers: { cookie: lb!.pinTo('s1') },
        body: { title, target: { kind: 'schools', codes }, deadlineHours: 72, idempotencyKey: 'cluster-bulk-key' },
      });
    const dispatchedBefore = await countEvents(lb!.url, token, 'task.dispatched');

    const attempt = bulk();
    await waitUntil(() => s1!.stdout().includes(pauseAnnouncement('bulk-dispatch')), 60_000, 's1 inside the bulk dispatch');
    await s1!.stop('SIGKILL');
    // The balancer answers for the dead process: the client learns the request failed.
    expect((await attempt).status).toBe(502);

    const retried = await bulk();
    expect(retried.status).toBe(201);
    expect(retried.headers.get('x-served-by')).toBe('s2');
    expect(retried.body.count).toBe(codes.length);
    const again = await bulk();
    expect(again.status).toBe(200);
    expect(again.body).toEqual({ batchId: retried.body.batchId, count: codes.length, replayed: true });

    const tasks = await request(lb!.url, 'GET', `/api/tasks?box=outbox&pageSize=1&q=${encodeURIComponent('cluster-bulk')}`, { token });
    expect(tasks.body.total).toBe(codes.length);
    expect((await countEvents(lb!.url, token, 'task.dispatched')) - dispatchedBefore).toBe(codes.length);
  }, 120_000);
});

/** Events of a type in the event log, read page by page through the balancer. */
async function countEvents(url: string, token: string, type: string): Promise<number> {
  let count = 0;
  for (let since = 0; ;) {
    const page = (await request(url, 'GET', `/api/events?since=${since}&limit=1000`, { token })).body.events as Array<{
      seq: number;
      type: string;
    }>;
    if (page.length === 0) return count;
    count += page.filter((event) => event.type === type).length;
    since = page.at(-1)!.seq;
  }
}
