// The login throttle through HTTP (OWASP ASVS V2.2): growing delays per name and address instead of a lock
// anyone can trigger, the same answer for real and made-up names, a city administrator's unlock, the audit.
// Addresses come from X-Forwarded-For (TRUST_PROXY=1) and are documentation addresses (RFC 5737): nothing is
// sent to them. The per-IP request limit is raised here so that it does not get in the way of the throttle.
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, TEST_PASSWORD, testConfig, request, type ApiResponse, type TestServer } from '../../tests/support/test-server';
import { startServer } from '../app';
import { ConfigError, loadConfig } from '../config';
import { createLogger } from '../logger';
import { hashPassword } from './passwords';

const FREE = 5;

describe('login throttle', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer({
      env: { TRUST_PROXY: '1', LOGIN_RATE_PER_MINUTE: '10000', LOGIN_FREE_FAILURES: String(FREE), LOGIN_ACCOUNT_FREE_FAILURES: '10' },
    });
    // Only the test moves time: the waits asserted to the second must not shrink by the time a password check takes.
    t.clock.freeze();
  });
  afterAll(async () => {
    await t?.close();
  });

  const attempt = (address: string, username: string, password: string, base = t.url) =>
    request(base, 'POST', '/api/auth/login', { body: { username, password }, headers: { 'x-forwarded-for': address } });

  /** Fails `count` times from an address, waiting out each delay on the test clock. */
  async function fail(address: string, username: string, count: number): Promise<void> {
    for (let failed = 0; failed < count;) {
      const response = await attempt(address, username, `wrong-${failed}`);
      if (response.status === 429) t.clock.advance(Number(response.headers.get('retry-after')) * 1000);
      else {
        expect(response.status).toBe(401);
        failed += 1;
      }
    }
  }

  /**
   * Everything a caller sees of an answer but the date and the per-IP request limit's headers, which count the
   * address's requests under a key of its own and so differ between two addresses whatever the name.
   */
  const seen = (response: ApiResponse) => ({
    status: response.status,
    body: response.body as unknown,
    headers: [...response.headers].filter(([name]) => !['date', 'ratelimit', 'ratelimit-policy'].includes(name)),
  });

  it('answers a held-back attempt on a real name exactly as one on a made-up name', async () => {
    const answers: Record<'real' | 'madeUp', ApiResponse[]> = { real: [], madeUp: [] };
    for (const [kind, address, username] of [
      ['real', '192.0.2.1', 'county.130824'],
      ['madeUp', '192.0.2.2', 'county.999999'],
    ] as const) {
      for (let i = 0; i <= FREE + 1; i += 1) answers[kind].push(await attempt(address, username, 'wrong-password'));
    }
    expect(answers.real.map((r) => r.status)).toEqual([401, 401, 401, 401, 401, 401, 429]);
    answers.real.forEach((response, i) => expect(seen(response), `attempt ${i + 1}`).toEqual(seen(answers.madeUp[i]!)));
    const held = answers.real.at(-1)!;
    expect(held.body).toEqual({
      error: { code: 'login_throttled', message: expect.any(String) as string, details: { retryAfterSeconds: 1 } },
    });
    expect(held.headers.get('retry-after')).toBe('1');

    const audit = (await t.db('audit_log').where({ action: 'auth.login_throttled' }).select('details')) as Array<{
      details: { username: string };
    }>;
    expect(audit.map((row) => row.details.username).sort()).toEqual(['county.130824', 'county.999999']);
  });

  it('doubles the delay with each further failure, holds back the right password too, and a success starts afresh', async () => {
    const address = '192.0.2.3';
    const username = 'county.130826';
    await fail(address, username, FREE);
    const waits: number[] = [];
    for (let i = 0; i < 5; i += 1) {
      expect((await attempt(address, username, 'wrong-again')).status).toBe(401);
      const held = await attempt(address, username, TEST_PASSWORD);
      expect(held.status).toBe(429);
      waits.push(Number(held.headers.get('retry-after')));
      t.clock.advance(waits.at(-1)! * 1000);
    }
    expect(waits).toEqual([1, 2, 4, 8, 16]);
    expect((await attempt(address, username, TEST_PASSWORD)).status).toBe(200);
    // The success cleared the count: the next mistake is free again.
    expect((await attempt(address, username, 'wrong-again')).status).toBe(401);
    expect((await attempt(address, username, 'wrong-again')).status).toBe(401);
  });

  it('weighs only one of many attempts sent at once when the next one is due to wait', async () => {
    const address = '192.0.2.5';
    const username = 'county.130823';
    await fail(address, username, FREE);
    const statuses = await Promise.all(
      Array.from({ length: 8 }, async (_, i) => (await attempt(address, username, i === 7 ? TEST_PASSWORD : `wrong-${i}`)).status),
    );
    expect(statuses.filter((status) => status === 429)).toHaveLength(7);
  });

  it('lets the right password in from another address while one address is held back', async () => {
    const username = 'county.130827';
    await fail('192.0.2.4', username, FREE + 3);
    expect((await attempt('192.0.2.4', username, TEST_PASSWORD)).status).toBe(429);
    expect((await attempt('198.51.100.4', username, TEST_PASSWORD)).status).toBe(200);
    expect((await attempt('192.0.2.4', username, TEST_PASSWORD)).status).toBe(429);
  });

  it('does not let a stranger hammering city.admin from one address keep the administrator out elsewhere', async () => {
    // Far more failures than the name's count over all addresses allows (10 here), waiting out every delay.
    await fail('203.0.113.66', 'city.admin', 40);
    expect((await attempt('203.0.113.66', 'city.admin', TEST_PASSWORD)).status).toBe(429);
    // From an address the administrator never used before, at once.
    expect((await attempt('198.51.100.10', 'city.admin', TEST_PASSWORD)).status).toBe(200);
  });

  it('holds back a name guessed at from many addresses, except from addresses its account has logged in from', async () => {
    const username = 'county.130828';
    expect((await attempt('198.51.100.20', username, TEST_PASSWORD)).status).toBe(200);
    // Three addresses, each within its own free failures: 15 failures on the name, past its 10.
    for (const address of ['203.0.113.21', '203.0.113.22', '203.0.113.23']) await fail(address, username, FREE);
    const stranger = await attempt('203.0.113.24', username, TEST_PASSWORD);
    expect(stranger.status).toBe(429);
    expect((await attempt('198.51.100.20', username, TEST_PASSWORD)).status).toBe(200);
    t.clock.advance(Number(stranger.headers.get('retry-after')) * 1000);
    expect((await attempt('203.0.113.24', username, TEST_PASSWORD)).status).toBe(200);
  });

  it('holds back an address trying many names', async () => {
    const address = '192.0.2.30';
    // 30 failures over 30 names are free; the next one earns the address a delay on every name.
    for (let i = 0; i < 31; i += 1) expect((await attempt(address, `guess.${i}`, 'wrong-password')).status).toBe(401);
    expect((await attempt(address, 'county.130881', TEST_PASSWORD)).status).toBe(429);
    expect((await attempt('198.51.100.30', 'county.130881', TEST_PASSWORD)).status).toBe(200);
  });

  it('holds back on every server process that shares the database', async () => {
    const username = 'county.130821';
    await fail('192.0.2.40', username, FREE + 1);
    const database = { ...t.server.database, close: () => Promise.resolve() };
    const other = await startServer({
      config: testConfig({ TRUST_PROXY: '1', LOGIN_RATE_PER_MINUTE: '10000' }),
      database,
      now: t.clock.now,
      log: createLogger('silent'),
    });
    try {
      expect((await attempt('192.0.2.40', username, TEST_PASSWORD, other.url)).status).toBe(429);
      expect((await attempt('198.51.100.40', username, TEST_PASSWORD, other.url)).status).toBe(200);
    } finally {
      await other.close();
    }
  });

  describe("a city administrator's unlock", () => {
    let admin: string;
    let otherCityAdmin: string;
    let county: string;
    let userId: string;
    const username = 'county.130825';

    beforeAll(async () => {
      admin = await t.login('city.admin');
      county = await t.login('county.130822');
      // Another city of the province, with its own administrator.
      const province = (await t.db('jurisdictions').where({ level: 'province' }).first('id', 'path')) as { id: string; path: string };
      const cityId = uuidv7();
      await t.db('jurisdictions').insert({
        id: cityId,
        code: '130200',
        level: 'city',
        name: '唐山市',
        parent_id: province.id,
        path: `${province.path}130200/`,
        depth: 1,
      });
      await t.db('users').insert({
        id: uuidv7(),
        username: 'tangshan.admin',
        display_name: '唐山市管理员',
        password_hash: await hashPassword(TEST_PASSWORD),
        role: 'city_admin',
        jurisdiction_id: cityId,
      });
      otherCityAdmin = await t.login('tangshan.admin');
      userId = ((await t.db('users').where({ username }).first('id')) as { id: string }).id;
    });

    it('lists the held-back account in scope and clears its delays, audited', async () => {
      await fail('192.0.2.50', username, FREE + 2);
      expect((await attempt('192.0.2.50', username, TEST_PASSWORD)).status).toBe(429);

      const listed = await t.request('GET', '/api/auth/login-throttles', { token: admin });
      expect(listed.status).toBe(200);
      const row = (listed.body.items as Array<Record<string, unknown>>).find((item) => item.username === username);
      expect(row).toMatchObject({ id: userId, role: 'county_operator', failures: FREE + 2, addresses: 1, scope: { code: '130825' } });
      expect(Date.parse(row!.delayedUntil as string)).toBeGreaterThan(t.clock.now().getTime());
      expect(listed.body.items[0].delayedUntil).not.toBeNull(); // those held back come first

      const cleared = await t.request('DELETE', `/api/auth/login-throttles/${userId}`, { token: admin });
      expect(cleared.status, cleared.text).toBe(200);
      expect(cleared.body).toEqual({ ok: true, cleared: 2 });
      expect((await attempt('192.0.2.50', username, TEST_PASSWORD)).status).toBe(200);
      const after = await t.request('GET', '/api/auth/login-throttles', { token: admin });
      expect((after.body.items as Array<{ username: string }>).map((item) => item.username)).not.toContain(username);

      const audit = await t.request('GET', '/api/audit?action=auth.login_unlocked', { token: admin });
      expect(audit.body.items).toEqual([
        expect.objectContaining({ actorName: 'city.admin', targetType: 'user', targetId: userId, details: { username, cleared: 2 } }),
      ]);
      // The held-back attempts on the account are in its administrator's audit log too.
      const throttled = await t.request('GET', '/api/audit?action=auth.login_throttled', { token: admin });
      expect((throttled.body.items as Array<{ targetId: string }>).some((item) => item.targetId === userId)).toBe(true);
    });

    it('is for the city administrators of the user’s jurisdiction only', async () => {
      const path = `/api/auth/login-throttles/${userId}`;
      expect((await t.request('DELETE', path)).status).toBe(401);
      expect((await t.request('DELETE', path, { token: county })).status).toBe(403);
      expect((await t.request('GET', '/api/auth/login-throttles', { token: county })).status).toBe(403);
      const foreign = await t.request('DELETE', path, { token: otherCityAdmin });
      const missing = await t.request('DELETE', `/api/auth/login-throttles/${uuidv7()}`, { token: otherCityAdmin });
      expect(foreign.status).toBe(404);
      expect(foreign.body).toEqual(missing.body);
      expect((await t.request('DELETE', '/api/auth/login-throttles/not-a-uuid', { token: admin })).status).toBe(400);
      // Nor does another city's administrator see Chengde's held-back accounts.
      const theirs = await t.request('GET', '/api/auth/login-throttles', { token: otherCityAdmin });
      expect(theirs.status).toBe(200);
      expect(theirs.body.items).toEqual([]);
    });
  });
});

describe('login throttle configuration', () => {
  it('stops with one line when the name’s count over all addresses would not exceed one address’s', () => {
    expect(() => loadConfig({ LOGIN_FREE_FAILURES: '10', LOGIN_ACCOUNT_FREE_FAILURES: '10' })).toThrow(ConfigError);
    try {
      loadConfig({ LOGIN_FREE_FAILURES: '10', LOGIN_ACCOUNT_FREE_FAILURES: '10' });
    } catch (error) {
      expect((error as Error).message).toMatch(
        /^Invalid configuration: LOGIN_ACCOUNT_FREE_FAILURES must be greater than LOGIN_FREE_FAILURES/,
      );
    }
    expect(loadConfig({}).loginThrottle).toEqual({
      freeFailures: 5,
      addressFreeFailures: 30,
      accountFreeFailures: 50,
      maxDelayMinutes: 15,
    });
  });
});
