// SIGTERM in the middle of traffic: the process stops accepting, finishes what it started, exits 0, and
// every write it acknowledged is there after a restart.
import { describe, expect, it } from 'vitest';
import { useServerProcesses } from './support/process-rig';
import { runServerProcess } from './support/server-process';
import { loginAt, request } from './support/test-server';

const PASSWORD = 'shutdown-Test-1';

describe('graceful shutdown', () => {
  const rig = useServerProcesses(PASSWORD);

  it('loses no acknowledged write when stopped mid-traffic', async () => {
    const url = (await rig.restart()).url;
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
    // Stopped once the first write is answered, while the others are still under way.
    await Promise.race(attempts);
    const exitCode = rig.server.stop('SIGTERM');
    const results = await Promise.all(attempts);
    expect(await exitCode).toBe(0);
    const acknowledged = results.filter((r) => r.status === 200);
    expect(acknowledged.length).toBeGreaterThan(0);
    // Nothing half-done: every request either succeeded or never reached the database.
    expect(results.every((r) => r.status === 200 || r.status === 0 || r.status === 503)).toBe(true);

    const server = await rig.restart();
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
    const bad = runServerProcess({ ...rig.env, PORT: 'not-a-port' });
    expect(await bad.exited).toBe(1);
    const lines = bad.stderr().trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^Invalid configuration: PORT .*"not-a-port"/);
  });
});
