// The request log as an operator reads it: a person's requests at info, the relays' and detection workers'
// traffic (every few seconds for every camera) at debug, below the default level; and never a header of a
// request or an answer, so no cookie, session token or service token reaches the log.
import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../tests/support/test-server';
import { createServiceToken } from '../auth/commands/createServiceToken';
import { createLogger } from '../logger';
import { systemActor } from '../policy/actor';

interface LogLine {
  level: number;
  msg: string;
  req?: { method: string; url: string };
  res?: { statusCode: number };
}

const INFO = 30;
const DEBUG = 20;

describe('the request log', () => {
  let t: TestServer;
  let written = '';
  const lines = () =>
    written
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as LogLine);
  const linesFor = (url: string) => lines().filter((line) => line.req?.url === url && line.res);

  beforeAll(async () => {
    const destination = new Writable({
      write(chunk: Buffer, _encoding, done) {
        written += chunk.toString();
        done();
      },
    });
    t = await startTestServer({ log: createLogger('debug', 'server', { destination }) });
  });
  afterAll(async () => {
    await t?.close();
  });

  it("logs a detection worker's requests at debug and a person's at info", async () => {
    const { token } = await createServiceToken(t.server.ctx, { actor: systemActor('test') }, { name: 'worker-log', kind: 'analytics' });
    const byService = '/api/analytics/assignments?worker=log-test';
    expect((await t.request('GET', byService, { token })).status).toBe(200);
    const byPerson = '/api/schools?pageSize=1';
    expect((await t.request('GET', byPerson, { token: await t.login('city.duty') })).status).toBe(200);

    await expect.poll(() => linesFor(byService).length).toBe(1);
    expect(linesFor(byService)[0]!.level).toBe(DEBUG);
    await expect.poll(() => linesFor(byPerson).length).toBe(1);
    expect(linesFor(byPerson)[0]!.level).toBe(INFO);
  });

  it('logs no header of a request or its answer: no cookie, no token', async () => {
    const probe = `probe-${randomUUID()}`;
    const login = await t.request<{ token: string }>('POST', '/api/auth/login', {
      body: { username: 'city.admin', password: 'test-Password-1' },
      headers: { 'x-probe': probe, 'user-agent': probe },
    });
    expect(login.status).toBe(200);
    const cookie = login.headers.get('set-cookie')!;
    expect(cookie).toBeTruthy();
    const path = `/api/schools?pageSize=2`;
    const asked = await t.request('GET', path, { headers: { cookie: cookie.split(';')[0]!, 'x-probe': probe } });
    expect(asked.status).toBe(200);

    await expect.poll(() => linesFor(path).length).toBe(1);
    expect(linesFor('/api/auth/login').length).toBeGreaterThan(0);
    for (const secret of [probe, login.body.token, cookie.split(';')[0]!.split('=')[1]!]) expect(written).not.toContain(secret);
    expect(written).not.toMatch(/"headers"|authorization|set-cookie|user-agent/i);
  });
});
