// Growing past one machine: two server processes share one PostgreSQL and one Redis; an event committed
// on one reaches a client connected to the other, and logging out on one closes sockets on the other.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestSocket } from './support/sockets';
import { freePort, startServerProcess, type ServerProcess } from './support/server-process';
import { requireRedis, TEST_REDIS_URL } from './support/redis';
import { createStore, type Store } from './support/store';
import { loginAt, request } from './support/test-server';

const POSTGRES = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const PASSWORD = 'cluster-Test-1';

describe('two server processes on one Redis', () => {
  let store: Store;
  let a: ServerProcess | undefined;
  let b: ServerProcess | undefined;
  beforeAll(async () => {
    await requireRedis();
    store = await createStore({ postgres: POSTGRES });
    const shared = { ...store.env, REDIS_URL: TEST_REDIS_URL, DEMO_PASSWORD: PASSWORD };
    a = await startServerProcess({ ...shared, PORT: String(await freePort()) });
    b = await startServerProcess({ ...shared, PORT: String(await freePort()) });
  });
  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await store?.dispose();
  });

  it('delivers an event committed on one process to a client of the other', async () => {
    const token = await loginAt(a!.url, 'county.130822', PASSWORD);
    const client = new TestSocket(b!.url, token);
    await client.ready();
    const school = (await request(a!.url, 'GET', '/api/schools?pageSize=1', { token })).body.items[0] as { id: string };
    const detail = await request(a!.url, 'GET', `/api/schools/${school.id}`, { token });
    const response = await request(a!.url, 'PATCH', `/api/schools/${school.id}`, {
      token,
      body: { version: detail.body.version, phone: '0314-2223333' },
    });
    expect(response.status).toBe(200);
    await client.waitForEvents((events) => events.some((e) => e.type === 'school.updated' && e.subject.id === school.id), 5000);
    client.close();
  });

  it('closes a session’s sockets on every process when it logs out', async () => {
    const token = await loginAt(a!.url, 'county.130824', PASSWORD);
    const client = new TestSocket(b!.url, token, undefined, { reconnection: false });
    await client.ready();
    expect((await request(a!.url, 'POST', '/api/auth/logout', { token })).status).toBe(200);
    await expect.poll(() => client.socket.connected, { timeout: 5000 }).toBe(false);
    client.close();
  });
});
