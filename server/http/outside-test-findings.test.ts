// The outside tester's findings (issue 12), each as the request that broke a promise and the answer it gets now:
// a calendar range that ran the server out of memory, NUL characters and compressed bodies that answered 500,
// dates and periods that passed the schema and crashed the handler, filters that answered a foreign record with
// an empty list, and an OpenAPI document that left out statuses and misdescribed a body.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import http from 'node:http';
import { startTestServer, type TestServer } from '../../tests/support/test-server';
import { settingVersion } from '../../tests/support/settings';

describe('the outside test', () => {
  let t: TestServer;
  const tokens: Record<string, string> = {};
  let xl: { id: string; code: string; canteen: string; camera: string };
  let lp: { id: string; code: string; canteen: string; camera: string };

  beforeAll(async () => {
    t = await startTestServer();
    const pick = (county: string) => {
      const school = t.dataset.schools.find((s) => s.countyCode === county)!;
      return {
        id: school.id,
        code: school.code,
        canteen: t.dataset.canteens.find((c) => c.schoolId === school.id)!.id,
        camera: t.dataset.cameras.find((c) => c.schoolId === school.id)!.id,
      };
    };
    xl = pick('130822');
    lp = pick('130824');
    tokens.admin = await t.login('city.admin');
    tokens.duty = await t.login('city.duty');
    tokens.county = await t.login('county.130822');
    tokens.school = await t.login(`school.${xl.code}`);
  });
  afterAll(async () => {
    await t?.close();
  });

  const expectRefused = (response: { status: number; body: any }, status: number, code?: string) => {
    expect(response.status, JSON.stringify(response.body)).toBe(status);
    expect(response.body.error).toEqual(expect.objectContaining({ code: code ?? expect.any(String), message: expect.any(String) }));
  };

  it('1. answers a calendar range that ends in no date with 400 at once, at any node, by either route', async () => {
    const value = { weekdays: [1], closed: [{ from: '2027-01-01', to: 'y', name: 'n' }], open: [] };
    // This request never answered: the range walk compared strings up to the year 275760 and the heap ran out.
    expectRefused(await t.request('PUT', '/api/school-calendar/130822', { token: tokens.county, body: { value, version: null } }), 400);
    // Another county's code: outside the caller's scope, so 404 before the body is even read.
    expectRefused(await t.request('PUT', '/api/school-calendar/130824', { token: tokens.county, body: { value, version: null } }), 404);
    const version = await settingVersion(t, tokens.admin!, 'calendar.schoolDays');
    expectRefused(await t.request('PUT', '/api/settings/calendar.schoolDays', { token: tokens.admin, body: { value, version } }), 400);
    for (const closed of [
      { from: 'x', to: '2027-01-02', name: 'n' },
      { from: '2027-01-01', to: '2027-02-30', name: 'n' },
      { from: '2027-01-01', to: '9999-12-31', name: 'n' },
      { from: '2027-03-01', to: '2027-01-01', name: 'n' },
    ]) {
      const body = { value: { weekdays: [1], closed: [closed], open: [] }, version: null };
      expectRefused(await t.request('PUT', '/api/school-calendar/130822', { token: tokens.county, body }), 400);
    }
    // The server is still there.
    expect((await t.request('GET', '/api/health')).status).toBe(200);
  });

  it('2. refuses a NUL character in any text with 400, logged in or not', async () => {
    const nul = 'a\u0000b';
    const requests: Array<[string, string, string | undefined, unknown?]> = [
      ['POST', '/api/auth/login', undefined, { username: nul, password: 'x' }],
      ['POST', '/api/auth/login', undefined, { username: 'city.admin', password: nul }],
      ['POST', '/api/public/complaints', undefined, { schoolId: xl.id, category: 'other', text: `饭菜有问题${nul}` }],
      ['POST', `/api/public/schools/${xl.id}/ratings`, undefined, { stars: 4, comment: nul }],
      ['GET', '/api/public/schools?q=a%00b', undefined],
      ['GET', '/api/schools?q=a%00b', tokens.duty],
      ['GET', '/api/tasks?q=a%00b', tokens.duty],
      ['GET', '/api/cameras?q=a%00b', tokens.duty],
      ['PATCH', `/api/schools/${xl.id}`, tokens.admin, { version: 1, principal: nul }],
      ['POST', '/api/ledgers/staff', tokens.school, { name: nul, position: '厨师' }],
      ['POST', '/api/ledgers/suppliers', tokens.school, { name: nul }],
      ['POST', '/api/ledgers/entries', tokens.school, { kind: 'menu', payload: { meals: [{ meal: 'lunch', dishes: [nul] }] } }],
      ['POST', '/api/tasks', tokens.county, { title: nul, assignee: xl.code }],
      ['POST', '/api/alerts', tokens.county, { source: 'patrol', category: 'no_mask', cameraId: xl.camera, summary: nul }],
    ];
    for (const [method, path, token, body] of requests) {
      const response = await t.request(method, path, { token, body });
      expectRefused(response, 400, 'invalid_input');
      expect(response.body.error.details[0].code, `${method} ${path}`).toBe('control_character');
    }
  });

  it('3. refuses a compressed body with 415 on a route that reads one, and ignores it on one that does not', async () => {
    const raw = (method: string, path: string, encoding: string) =>
      new Promise<{ status: number; body: any }>((resolve, reject) => {
        const request = http.request(
          t.url + path,
          { method, headers: { 'content-encoding': encoding, 'content-type': 'application/json', 'content-length': '2' } },
          (response) => {
            let text = '';
            response.on('data', (chunk: Buffer) => (text += chunk.toString()));
            response.on('end', () => resolve({ status: response.statusCode!, body: JSON.parse(text) }));
          },
        );
        request.on('error', reject);
        request.end('zz');
      });
    for (const encoding of ['gzip', 'deflate', 'br']) {
      expectRefused(await raw('POST', '/api/auth/login', encoding), 415, 'unsupported_media_type');
      expectRefused(await raw('POST', '/api/public/complaints', encoding), 415, 'unsupported_media_type');
      expect((await raw('GET', '/api/health', encoding)).status).toBe(200);
    }
  });

  it('4. refuses dates and periods that do not exist or lie outside the platform’s years, before any work', async () => {
    for (const period of ['0000', '0999', '1000', '9999', '9999-Q4', '9999-12', '2026-13', '2026-Q5']) {
      expectRefused(await t.request('GET', `/api/assessment?period=${period}`, { token: tokens.duty }), 400);
      expectRefused(await t.request('GET', `/api/assessment/records?period=${period}&indicator=patrol_pass`, { token: tokens.duty }), 400);
      expectRefused(await t.request('POST', '/api/bulletins', { token: tokens.duty, body: { period } }), 400);
    }
    // A period to come has nothing to assess yet.
    expectRefused(await t.request('GET', '/api/assessment?period=2099', { token: tokens.duty }), 400);
    expectRefused(await t.request('GET', '/api/patrol/stats?from=0001-01-01&to=9999-12-31', { token: tokens.county }), 400);
    expectRefused(await t.request('GET', '/api/patrol/stats?from=2026-03-01&to=2026-01-01', { token: tokens.county }), 400);
    expectRefused(
      await t.request('POST', '/api/ledgers/entries', {
        token: tokens.school,
        body: { kind: 'menu', entryDate: '2026-02-30', payload: { meals: [{ meal: 'lunch', dishes: ['米饭'] }] } },
      }),
      400,
    );
    const checklist = (await t.request('GET', '/api/checklists', { token: tokens.county })).body.items.find(
      (c: { kind: string }) => c.kind === 'remote_patrol',
    );
    const answers = checklist.content.sections
      .flatMap((s: { items: Array<{ code: string }> }) => s.items)
      .map((i: { code: string }) => ({ item: i.code, result: 'pass' }));
    const future = new Date(t.clock.now().getTime() + 2 * 86_400_000).toISOString();
    const before = await t.db('patrol_records').count({ n: '*' });
    expectRefused(
      await t.request('POST', '/api/patrol/records', {
        token: tokens.county,
        body: { canteenId: xl.canteen, checklistId: checklist.id, answers, startedAt: future },
      }),
      400,
    );
    expect(await t.db('patrol_records').count({ n: '*' })).toEqual(before);
    expectRefused(
      await t.request('POST', '/api/ledgers/entries', {
        token: tokens.school,
        body: { kind: 'food_sample', payload: { meal: 'lunch', dish: '米饭', weightGrams: 150, collectedAt: future } },
      }),
      400,
    );
  });

  it('8. answers a filter naming a record outside scope, or none, with 404 like every other filter', async () => {
    const missing = '00000000-0000-4000-8000-000000000000';
    for (const path of [
      `/api/tasks?school=${lp.id}`,
      `/api/tasks?school=${missing}`,
      `/api/alerts?camera=${lp.camera}`,
      `/api/alerts?camera=${missing}`,
      `/api/patrol/records?canteen=${lp.canteen}`,
      `/api/patrol/records?canteen=${missing}`,
      `/api/complaints?school=${lp.id}`,
      '/api/alerts?county=130824',
    ]) {
      const response = await t.request('GET', path, { token: tokens.county });
      expectRefused(response, 404, 'not_found');
    }
    const foreign = await t.request('GET', `/api/tasks?school=${lp.id}`, { token: tokens.county });
    const none = await t.request('GET', `/api/tasks?school=${missing}`, { token: tokens.county });
    expect(foreign.body).toEqual(none.body);
    expect((await t.request('GET', `/api/tasks?school=${xl.id}`, { token: tokens.county })).status).toBe(200);
  });

  it('7. documents every status a route answers with, and the bodies it accepts', async () => {
    const doc = (await t.request('GET', '/api/openapi.json')).body;
    const statuses = (path: string, method: string) => Object.keys(doc.paths[path][method].responses).map(Number).sort();
    expect(statuses('/api/tasks/{id}/actions', 'post')).toEqual([200, 400, 401, 403, 404, 409, 413, 415]);
    expect(statuses('/api/auth/login', 'post')).toEqual([200, 400, 401, 413, 415, 429]);
    expect(statuses('/api/cameras/{id}/live', 'post')).toEqual(expect.arrayContaining([503]));
    expect(statuses('/api/public/complaints', 'post')).toEqual([201, 400, 404, 413, 415, 429]);
    expect(statuses('/api/health', 'get')).toEqual([200, 503]);
    // A complaint is JSON, or multipart with an optional photo.
    const complaint = doc.paths['/api/public/complaints'].post.requestBody.content;
    expect(Object.keys(complaint).sort()).toEqual(['application/json', 'multipart/form-data']);
    expect(complaint['multipart/form-data'].schema.required).not.toContain('photo');
    expect(complaint['multipart/form-data'].schema.properties.photo).toEqual(expect.objectContaining({ format: 'binary' }));
    const json = await t.request('POST', '/api/public/complaints', { body: { schoolId: xl.id, category: 'other', text: '饭菜分量不足' } });
    expect(json.status).toBe(201);
  });
});
