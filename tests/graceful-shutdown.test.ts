// SIGTERM in the middle of traffic: the process stops accepting, finishes what it started, exits 0, and
// every write it acknowledged is there after a restart.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, runServerProcess, startServerProcess, type ServerProcess } from './support/server-process';
import { createStore, type Store } from './support/store';
import { loginAt, request } from './support/test-server';

const PASSWORD = 'shutdown-Test-1';

describe('graceful shutdown', () => {
  let store: Store;
  let env: Record<string, string>;
  let server: ServerProcess | undefined;
  beforeAll(async () => {
    store = await createStore();
    env = { ...store.env, PORT: String(await freePort()), DEMO_PASSWORD: PASSWORD };
  });
  afterAll(async () => {
    await server?.stop('SIGKILL');
    await store?.dispose();
  });

  it('loses no acknowledged write when stopped mid-traffic', async () => {
    server = await startServerProcess(env);
    const url = server.url;
    const token = await loginAt(url, 'city.admin', PASSWORD);
    const schools = (await request(url, 'GET', '/api/schools?pageSize=40', { token })).body.items as Array<{ id: string }>;
    const versions = new Map<string, number>();
    for (const school of schools) versions.set(school.id, (await request(url, 'GET', `/api/schools/${school.id}`, { token })).body.version);

    const attempts = schools.map((school, i) =>
      request(url, 'PATCH', `/api/schools/${school.id}`, {
        token,
        body: { version: versions.get(school.id), publicNotice: `notice ${i}` },
      }).then(
        (response) => ({ id: school.id, i, status: response.status }),
        () => ({ id: school.id, i, status: 0 }),
      ),
    );
    await new Promise((resolve) => setTimeout(resolve, 15));
    const exitCode = server.stop('SIGTERM');
    const results = await Promise.all(attempts);
    expect(await exitCode).toBe(0);
    const acknowledged = results.filter((r) => r.status === 200);
    expect(acknowledged.length).toBeGreaterThan(0);
    // Nothing half-done: every request either succeeded or never reached the database.
    expect(results.every((r) => r.status === 200 || r.status === 0 || r.status === 503)).toBe(true);

    server = await startServerProcess(env);
    for (const { id, i, status } of results) {
      const detail = await request(server.url, 'GET', `/api/schools/${id}`, { token });
      if (status === 200) expect(detail.body.publicNotice).toBe(`notice ${i}`);
      else expect(detail.body.publicNotice).not.toBe(`notice ${i}`);
    }
    const events = await request(server.url, 'GET', '/api/events?since=0&limit=1000', { token });
    const updated = new Set(
      events.body.events.filter((e: { type: string }) => e.type === 'school.updated').map((e: { subject: { id: string } }) => e.subject.id),
    );
    for (const { id } of acknowledged) expect(updated.has(id)).toBe(true);
  }, 180_000);

  it('refuses to start with a bad setting, naming it in one line', async () => {
    const bad = runServerProcess({ ...env, PORT: 'not-a-port' });
    expect(await bad.exited).toBe(1);
    const lines = bad.stderr().trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^Invalid configuration: PORT .*"not-a-port"/);
  });
});
