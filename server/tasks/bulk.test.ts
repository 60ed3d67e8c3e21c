// Bulk dispatch: one notice to many schools in one transaction, by county, type, list or open alerts;
// a retry returns the same batch; a list naming a school outside scope writes nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../tests/support/test-server';

describe('bulk dispatch', () => {
  let t: TestServer;
  let duty: string;
  let county: string;
  const taskCount = async () => Number((await t.db('tasks').count({ n: '*' }))[0]!.n);

  beforeAll(async () => {
    t = await startTestServer({ canteens: 120 });
    duty = await t.login('city.duty');
    county = await t.login('county.130822');
  });
  afterAll(async () => {
    await t?.close();
  });

  it('sends one notice to every school of a county, once, however often it is retried', async () => {
    const schools = t.dataset.schools.filter((s) => s.countyCode === '130822');
    const body = {
      title: '开学季食品安全专项检查',
      description: '请于3日内完成自查并上传照片',
      target: { kind: 'county', code: '130822' },
      deadlineHours: 72,
      idempotencyKey: 'bulk-xl-000001',
    };
    const first = await t.request('POST', '/api/tasks/bulk', { token: duty, body });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ count: schools.length, replayed: false });
    const retries = await Promise.all([1, 2, 3].map(() => t.request('POST', '/api/tasks/bulk', { token: duty, body })));
    for (const retry of retries) expect(retry.body).toEqual({ batchId: first.body.batchId, count: schools.length, replayed: true });
    const rows = (await t.db('tasks').where({ batch_id: first.body.batchId }).select('school_id', 'state', 'code')) as Array<{
      school_id: string;
      state: string;
      code: string;
    }>;
    expect(rows.map((r) => r.school_id).sort()).toEqual(schools.map((s) => s.id).sort());
    expect(new Set(rows.map((r) => r.code)).size).toBe(rows.length);
    expect(rows.every((r) => r.state === 'dispatched')).toBe(true);
  });

  it('targets a school type, a hand-picked list, or schools with an open alert of a category', async () => {
    const kindergartens = t.dataset.schools.filter((s) => s.type === 'kindergarten');
    const byType = await t.request('POST', '/api/tasks/bulk', {
      token: duty,
      body: { title: '幼儿园膳食营养', target: { kind: 'schoolType', type: 'kindergarten' }, idempotencyKey: 'bulk-kg-000001' },
    });
    expect(byType.body.count).toBe(kindergartens.length);

    const picked = t.dataset.schools.filter((s) => s.countyCode === '130822').slice(0, 2);
    const byList = await t.request('POST', '/api/tasks/bulk', {
      token: county,
      body: { title: '整改回头看', target: { kind: 'schools', codes: picked.map((s) => s.code) }, idempotencyKey: 'bulk-list-0001' },
    });
    expect(byList.body.count).toBe(2);

    const camera = t.dataset.cameras.find((c) => c.schoolId === picked[0]!.id)!;
    await t.request('POST', '/api/alerts', { token: duty, body: { source: 'patrol', category: 'uncovered_bin', cameraId: camera.id } });
    const byAlerts = await t.request('POST', '/api/tasks/bulk', {
      token: duty,
      body: { title: '垃圾桶加盖', target: { kind: 'openAlerts', category: 'uncovered_bin' }, idempotencyKey: 'bulk-alert-001' },
    });
    expect(byAlerts.body.count).toBe(1);
    expect(await t.db('tasks').where({ batch_id: byAlerts.body.batchId }).first('school_id', 'category')).toMatchObject({
      school_id: picked[0]!.id,
      category: 'uncovered_bin',
    });
  });

  it('writes nothing when the list names a school outside scope, and does not say which exist', async () => {
    const before = await taskCount();
    const own = t.dataset.schools.find((s) => s.countyCode === '130822')!;
    const foreign = t.dataset.schools.find((s) => s.countyCode === '130824')!;
    const response = await t.request('POST', '/api/tasks/bulk', {
      token: county,
      body: { title: 'x', target: { kind: 'schools', codes: [own.code, foreign.code, '9999999999'] }, idempotencyKey: 'bulk-bad-0001' },
    });
    // A school outside scope answers as one that does not exist: 404, naming only the field.
    expect(response.status).toBe(404);
    expect(response.body.error.details).toEqual({ field: 'body.target.codes.*' });
    expect(await taskCount()).toBe(before);
    expect(
      (
        await t.request('POST', '/api/tasks/bulk', {
          token: county,
          body: { title: 'x', target: { kind: 'county', code: '130824' }, idempotencyKey: 'bulk-bad-0002' },
        })
      ).status,
    ).toBe(404);
    expect(await taskCount()).toBe(before);
  });
});
