// Login, cookie and bearer sessions, expiry, logout, rate limiting and service tokens, through HTTP. The login
// throttle has its own file (login-throttle.test.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, TEST_PASSWORD, type TestServer } from '../../tests/support/test-server';
import { systemActor } from '../policy/actor';
import { createServiceToken, revokeServiceToken } from './commands/createServiceToken';

describe('authentication', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('logs in with username and password and returns a token, the user and an httpOnly SameSite cookie', async () => {
    const response = await t.request('POST', '/api/auth/login', { body: { username: 'county.130822', password: TEST_PASSWORD } });
    expect(response.status).toBe(200);
    expect(response.body.token).toMatch(/^ccs_/);
    expect(response.body.user).toMatchObject({
      username: 'county.130822',
      role: 'county_operator',
      scope: { level: 'county', code: '130822', name: '兴隆县' },
    });
    const cookie = response.headers.get('set-cookie') ?? '';
    expect(cookie).toContain('cc_session=');
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);

    const byBearer = await t.request('GET', '/api/auth/me', { token: response.body.token });
    expect(byBearer.status).toBe(200);
    const byCookie = await t.request('GET', '/api/auth/me', { headers: { cookie: cookie.split(';')[0]! } });
    expect(byCookie.status).toBe(200);
    expect(byCookie.body.username).toBe('county.130822');
  });

  it('accepts usernames in any case and stores passwords only as scrypt hashes', async () => {
    expect((await t.request('POST', '/api/auth/login', { body: { username: 'City.Duty', password: TEST_PASSWORD } })).status).toBe(200);
    const rows = (await t.db('users').select('password_hash')) as Array<{ password_hash: string }>;
    for (const row of rows) {
      expect(row.password_hash).toMatch(/^scrypt\$\d+\$\d+\$\d+\$/);
      expect(row.password_hash).not.toContain(TEST_PASSWORD);
    }
  });

  it('answers a wrong password and an unknown user alike', async () => {
    const wrong = await t.request('POST', '/api/auth/login', { body: { username: 'city.duty', password: 'nope-nope' } });
    const unknown = await t.request('POST', '/api/auth/login', { body: { username: 'nobody.here', password: 'nope-nope' } });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body).toEqual(unknown.body);
    expect(wrong.body.error.code).toBe('invalid_credentials');
  });

  it('expires a session after idle time and at its absolute maximum, and slides while in use', async () => {
    const token = await t.login('county.130827');
    t.clock.advance(7 * 3_600_000); // within the 8 h idle window
    expect((await t.request('GET', '/api/auth/me', { token })).status).toBe(200);
    t.clock.advance(7 * 3_600_000); // 14 h after login, but 7 h after last use
    expect((await t.request('GET', '/api/auth/me', { token })).status).toBe(200);
    t.clock.advance(9 * 3_600_000); // idle longer than 8 h
    const expired = await t.request('GET', '/api/auth/me', { token });
    expect(expired.status).toBe(401);
    expect(expired.body.error.code).toBe('unauthenticated');

    const busy = await t.login('county.130828');
    for (let hour = 0; hour < 7 * 24; hour += 6) {
      t.clock.advance(6 * 3_600_000);
      const response = await t.request('GET', '/api/auth/me', { token: busy });
      if (hour + 6 < 7 * 24) expect(response.status, `after ${hour + 6} h`).toBe(200);
      else expect(response.status, 'past the absolute maximum').toBe(401);
    }
  });

  it('logs out: the token and the cookie stop working', async () => {
    const token = await t.login('county.130881');
    const out = await t.request('POST', '/api/auth/logout', { token });
    expect(out.status).toBe(200);
    expect(out.headers.get('set-cookie')).toMatch(/cc_session=;/);
    expect((await t.request('GET', '/api/auth/me', { token })).status).toBe(401);
  });

  it('authenticates service accounts with tokens created by the CLI command, until revoked', async () => {
    const ctx = t.server.ctx;
    const { token } = await createServiceToken(ctx, { actor: systemActor('test') }, { name: 'relay-test', kind: 'relay' });
    expect(token).toMatch(/^ccsvc_/);
    const cameras = await t.request('GET', '/api/cameras?pageSize=1', { token });
    expect(cameras.status).toBe(200);
    expect(cameras.body.total).toBeGreaterThan(0);
    // A service is not a user: it has no session to ask about.
    expect((await t.request('GET', '/api/auth/me', { token })).status).toBe(403);
    await revokeServiceToken(ctx, { actor: systemActor('test') }, 'relay-test');
    expect((await t.request('GET', '/api/cameras?pageSize=1', { token })).status).toBe(401);
  });

  it('rejects made-up and malformed tokens', async () => {
    for (const token of ['ccs_forged', 'ccsvc_forged', 'garbage', 'x'.repeat(2000)]) {
      expect((await t.request('GET', '/api/schools', { token })).status).toBe(401);
    }
  });
});

describe('sessions with a one-minute idle window and a one-hour maximum', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer({ env: { SESSION_IDLE_MINUTES: '1', SESSION_MAX_HOURS: '1' } });
    // Only the test moves time here: the seconds the requests take must not count towards the hour.
    t.clock.freeze();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('slides forward with every use, however short the idle window', async () => {
    const token = await t.login('county.130822');
    // Used every 25 s for five minutes: each use must carry the end a full minute on.
    for (let seconds = 25; seconds <= 300; seconds += 25) {
      t.clock.advance(25_000);
      expect((await t.request('GET', '/api/auth/me', { token })).status, `after ${seconds} s`).toBe(200);
    }
    t.clock.advance(61_000);
    expect((await t.request('GET', '/api/auth/me', { token })).status, 'idle past a minute').toBe(401);
  });

  it('does not answer from the remembered actor once the session has ended', async () => {
    const token = await t.login('county.130824');
    // Kept in use up to a second before the absolute end, then asked again two seconds later: well within the
    // few seconds an actor is remembered, but past the end of its session.
    for (let step = 1; step <= 71; step += 1) {
      t.clock.advance(50_000);
      expect((await t.request('GET', '/api/auth/me', { token })).status, `after ${step * 50} s`).toBe(200);
    }
    t.clock.advance(49_000); // 3,599 s after login
    expect((await t.request('GET', '/api/auth/me', { token })).status).toBe(200);
    t.clock.advance(2_000);
    expect((await t.request('GET', '/api/auth/me', { token })).status, 'past the one-hour maximum').toBe(401);
  });
});

describe('login rate limit per IP', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer({ env: { LOGIN_RATE_PER_MINUTE: '5' } });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('answers 429 in the error shape once an address has tried too often', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 7; i += 1) {
      const response = await t.request('POST', '/api/auth/login', { body: { username: `someone.${i}`, password: 'whatever-1' } });
      statuses.push(response.status);
      if (response.status === 429) expect(response.body.error.code).toBe('rate_limited');
    }
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses.slice(5)).toEqual([429, 429]);
  });
});
