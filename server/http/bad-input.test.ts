// Bad input gets a clear error in the shape of DESIGN.md and writes nothing.
import type { Knex } from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../tests/support/test-server';

async function snapshot(db: Knex) {
  const count = async (table: string) => Number(((await db(table).count({ n: '*' })) as Array<{ n: number }>)[0]!.n);
  return {
    events: await count('event_log'),
    audit: await count('audit_log'),
    schools: await count('schools'),
    versions: (await db('schools').sum({ v: 'version' }))[0],
    cameraVersions: (await db('cameras').sum({ v: 'version' }))[0],
  };
}

describe('bad input', () => {
  let t: TestServer;
  let token: string;
  let schoolId: string;
  let cameraId: string;
  beforeAll(async () => {
    t = await startTestServer();
    token = await t.login('city.admin');
    schoolId = t.dataset.schools[0]!.id;
    cameraId = t.dataset.cameras[0]!.id;
  });
  afterAll(async () => {
    await t?.close();
  });

  const expectError = (response: { status: number; body: any }, status: number, code: string) => {
    expect(response.status).toBe(status);
    expect(response.body).toEqual({ error: expect.objectContaining({ code, message: expect.any(String) }) });
  };

  it('answers every kind of bad request with the error shape and writes nothing', async () => {
    const before = await snapshot(t.db);
    const school = `/api/schools/${schoolId}`;

    expectError(
      await t.request('PATCH', school, { token, rawBody: '{"version": 1, "phone": ', headers: { 'content-type': 'application/json' } }),
      400,
      'malformed_json',
    );

    const wrongTypes = await t.request('PATCH', school, { token, body: { version: '1', students: 'many' } });
    expectError(wrongTypes, 400, 'invalid_input');
    expect(wrongTypes.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual(['students', 'version']);

    const unknown = await t.request('PATCH', school, { token, body: { version: 1, isAdmin: true } });
    expectError(unknown, 400, 'invalid_input');
    expect(JSON.stringify(unknown.body.error.details)).toContain('isAdmin');

    const huge = await t.request('PATCH', school, {
      token,
      rawBody: JSON.stringify({ version: 1, publicNotice: 'x'.repeat(10 * 1024 * 1024) }),
      headers: { 'content-type': 'application/json' },
    });
    expectError(huge, 413, 'payload_too_large');

    expectError(
      await t.request('PATCH', school, { token, rawBody: 'version=1', headers: { 'content-type': 'text/plain' } }),
      415,
      'unsupported_media_type',
    );
    expectError(await t.request('PATCH', school, { token, body: [1, 2, 3] }), 400, 'invalid_input');
    expectError(
      await t.request('PATCH', school, { token, body: { version: 1, phone: "'; DROP TABLE schools; --" } }),
      400,
      'invalid_input',
    );
    expectError(await t.request('PATCH', school, { token, body: { version: 1, publicNotice: 'y'.repeat(2001) } }), 400, 'invalid_input');
    expectError(
      await t.request('PATCH', `/api/cameras/${cameraId}`, { token, body: { version: 1, streamUrl: 'file:///etc/passwd' } }),
      400,
      'invalid_input',
    );
    expectError(await t.request('PATCH', `/api/cameras/${cameraId}`, { token, body: { version: 1, area: 'roof' } }), 400, 'invalid_input');

    // SQL and path strings where an id or a code belongs.
    for (const path of [
      `/api/schools/1'%20OR%20'1'='1`,
      '/api/schools/..%2F..%2Fetc%2Fpasswd',
      '/api/schools/%00',
      "/api/schools?county=130822'--",
      '/api/schools?county=../../etc',
      '/api/cameras?school=../secrets',
      '/api/schools?pageSize=100000',
      '/api/schools?page=-1',
      '/api/schools?sort=name',
    ]) {
      expectError(await t.request('GET', path, { token }), 400, 'invalid_input');
    }
    expectError(await t.request('PATCH', '/api/schools/..%2F..%2Fetc', { token, body: { version: 1 } }), 400, 'invalid_input');
    expectError(await t.request('GET', '/api/no/such/thing', { token }), 404, 'not_found');
    expectError(await t.request('POST', '/api/auth/login', { body: { username: 'x' } }), 400, 'invalid_input');
    expectError(await t.request('POST', '/api/auth/login', { body: { username: 'a'.repeat(65), password: 'b' } }), 400, 'invalid_input');

    expect(await snapshot(t.db)).toEqual(before);
  });

  it('treats SQL in a search box as plain text', async () => {
    const response = await t.request('GET', `/api/schools?q=${encodeURIComponent("' OR 1=1; DROP TABLE schools; --")}`, { token });
    expect(response.status).toBe(200);
    expect(response.body.total).toBe(0);
    const wildcard = await t.request('GET', `/api/schools?q=${encodeURIComponent('%')}`, { token });
    expect(wildcard.body.total).toBe(0);
    expect((await t.request('GET', '/api/schools', { token })).body.total).toBe(t.dataset.schools.length);
    // An empty search box is no filter, not an error.
    expect((await t.request('GET', '/api/schools?q=%20', { token })).body.total).toBe(t.dataset.schools.length);
  });

  it('answers a stale version with 409 and the current version, and keeps the other writer’s change', async () => {
    const first = await t.request('PATCH', `/api/schools/${schoolId}`, { token, body: { version: 1, principal: '张校长' } });
    expect(first.status).toBe(200);
    const second = await t.request('PATCH', `/api/schools/${schoolId}`, { token, body: { version: 1, principal: '李校长' } });
    expectError(second, 409, 'stale_version');
    expect(second.body.error.details).toEqual({ version: 2 });
    expect((await t.db('schools').where({ id: schoolId }).first('principal')).principal).toBe('张校长');
  });
});
