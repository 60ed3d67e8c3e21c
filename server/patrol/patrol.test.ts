// Network patrol: checklists as data, a daily plan of N canteens split over the counties by risk and time
// since the last look, patrol records whose failures become tasks (key items) or alerts, and pass rates.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jpegWithExif, upload } from '../../tests/support/images';
import { putSetting } from '../../tests/support/settings';
import { startTestServer, type TestServer } from '../../tests/support/test-server';
import { shanghaiDate } from '../time';

interface ChecklistItem {
  code: string;
  key: boolean;
  aspect?: string;
}

describe('network patrol', () => {
  let t: TestServer;
  let duty: string;
  let county: string;
  let remote: { id: string; items: ChecklistItem[] };
  let inspection: { id: string; items: ChecklistItem[] };

  beforeAll(async () => {
    t = await startTestServer({ canteens: 120 });
    duty = await t.login('city.duty');
    county = await t.login('county.130822');
    const lists = (await t.request('GET', '/api/checklists', { token: duty })).body.items as Array<{
      id: string;
      kind: string;
      content: { sections: Array<{ items: ChecklistItem[] }> };
    }>;
    const flat = (list: (typeof lists)[number]) => ({ id: list.id, items: list.content.sections.flatMap((s) => s.items) });
    remote = flat(lists.find((l) => l.kind === 'remote_patrol')!);
    inspection = flat(lists.find((l) => l.kind === 'inspection')!);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('ships the inspection checklist and the four remote-patrol aspects, key and general items', () => {
    expect(new Set(remote.items.map((item) => item.aspect))).toEqual(
      new Set(['food_processing', 'ingredient_placement', 'staff_attire', 'environment_hygiene']),
    );
    expect(inspection.items.some((item) => item.key)).toBe(true);
    expect(inspection.items.some((item) => !item.key)).toBe(true);
    expect(inspection.items.length).toBeGreaterThanOrEqual(20);
  });

  it('plans N canteens a day, split over every county, highest priority first; asking again gives the same plan', async () => {
    const admin = await t.login('city.admin');
    await putSetting(t, admin, 'patrol.dailyTarget', 22);
    const expired = t.dataset.canteens.find((c) => c.licenceExpiry < shanghaiDate(new Date()))!;
    const plan = await t.request('GET', '/api/patrol/plan', { token: duty });
    expect(plan.status).toBe(200);
    expect(plan.body.total).toBe(22);
    expect(new Set(plan.body.items.map((i: { county: { code: string } }) => i.county.code)).size).toBe(11);
    const priorities = plan.body.items.map((i: { priority: number }) => i.priority);
    expect(priorities).toEqual([...priorities].sort((a, b) => b - a));
    const expiredItem = plan.body.items.find((i: { canteen: { id: string } }) => i.canteen.id === expired.id);
    if (expiredItem) expect(expiredItem.reasons).toContain('licence_expired');
    expect((await t.request('GET', '/api/patrol/plan', { token: duty })).body.items).toEqual(plan.body.items);

    const mine = await t.request('GET', '/api/patrol/plan', { token: county });
    expect(mine.body.items.length).toBeGreaterThan(0);
    expect(mine.body.items.every((i: { county: { code: string } }) => i.county.code === '130822')).toBe(true);
    const school = await t.login(`school.${t.dataset.schools[0]!.code}`);
    expect((await t.request('GET', '/api/patrol/plan', { token: school })).status).toBe(403);
  });

  it('records a patrol: key failures become tasks, general failures alerts, and the plan item is done', async () => {
    const plan = await t.request('GET', '/api/patrol/plan', { token: county });
    const item = plan.body.items[0];
    const canteenSchool = t.dataset.schools.find((s) => s.id === item.school.id)!;
    const snapshot = (await upload(t.url, county, await jpegWithExif(), { node: canteenSchool.code, purpose: 'patrol' })).body.id;
    const keyItem = remote.items.find((i) => i.key)!;
    const generalItem = remote.items.find((i) => !i.key)!;
    const answers = remote.items.map((i) => ({
      item: i.code,
      result: i.code === keyItem.code || i.code === generalItem.code ? 'fail' : 'pass',
      ...(i.code === keyItem.code ? { note: '操作间有人吸烟', snapshotIds: [snapshot] } : {}),
    }));
    const body = { canteenId: item.canteen.id, checklistId: remote.id, answers, idempotencyKey: 'patrol-rec-0001' };
    const recorded = await t.request('POST', '/api/patrol/records', { token: county, body });
    expect(recorded.status).toBe(201);
    expect(recorded.body).toMatchObject({ result: 'failed', failedCount: 2, keyFailedCount: 1 });
    expect((await t.request('POST', '/api/patrol/records', { token: county, body })).status).toBe(200);

    const tasks = await t.request('GET', `/api/tasks?school=${item.school.id}`, { token: county });
    const task = tasks.body.items.find((x: { source: string }) => x.source === 'patrol');
    expect(task).toMatchObject({ issuer: { code: '130822' }, assignee: { code: canteenSchool.code }, category: 'patrol_violation' });
    expect((await t.request('GET', `/api/tasks/${task.id}`, { token: county })).body.timeline[0].attachmentIds).toEqual([snapshot]);
    const alerts = await t.request('GET', `/api/alerts?school=${item.school.id}&source=patrol`, { token: county });
    expect(alerts.body.items).toHaveLength(1);
    expect(alerts.body.items[0].details).toMatchObject({ item: generalItem.code });

    const after = await t.request('GET', '/api/patrol/plan', { token: county });
    expect(after.body.items[0]).toMatchObject({ status: 'done', result: 'failed', recordId: recorded.body.id });
    expect(after.body.done).toBe(1);
  });

  it('refuses incomplete or foreign answers and writes nothing', async () => {
    const canteen = t.dataset.canteens.find((c) => t.dataset.schools.find((s) => s.id === c.schoolId)!.countyCode === '130822')!;
    const before = Number((await t.db('patrol_records').count({ n: '*' }))[0]!.n);
    const partial = remote.items.slice(1).map((i) => ({ item: i.code, result: 'pass' }));
    const missing = await t.request('POST', '/api/patrol/records', {
      token: county,
      body: { canteenId: canteen.id, checklistId: remote.id, answers: partial },
    });
    expect(missing.status).toBe(400);
    expect(missing.body.error.details.missing).toEqual([remote.items[0]!.code]);
    const extra = [...remote.items.map((i) => ({ item: i.code, result: 'pass' })), { item: 'X9', result: 'pass' }];
    expect(
      (
        await t.request('POST', '/api/patrol/records', {
          token: county,
          body: { canteenId: canteen.id, checklistId: remote.id, answers: extra },
        })
      ).status,
    ).toBe(400);
    const foreign = t.dataset.canteens.find((c) => t.dataset.schools.find((s) => s.id === c.schoolId)!.countyCode === '130824')!;
    const all = remote.items.map((i) => ({ item: i.code, result: 'pass' }));
    expect(
      (
        await t.request('POST', '/api/patrol/records', {
          token: county,
          body: { canteenId: foreign.id, checklistId: remote.id, answers: all },
        })
      ).status,
    ).toBe(404);
    expect(Number((await t.db('patrol_records').count({ n: '*' }))[0]!.n)).toBe(before);
  });

  it('reports the pass rate by day and by county', async () => {
    const canteens = t.dataset.canteens
      .filter((c) => t.dataset.schools.find((s) => s.id === c.schoolId)!.countyCode === '130822')
      .slice(1, 4);
    for (const canteen of canteens) {
      const answers = remote.items.map((i) => ({ item: i.code, result: 'pass' }));
      expect(
        (await t.request('POST', '/api/patrol/records', { token: duty, body: { canteenId: canteen.id, checklistId: remote.id, answers } }))
          .status,
      ).toBe(201);
    }
    const today = shanghaiDate(new Date());
    const byDay = await t.request('GET', `/api/patrol/stats?from=${today}&to=${today}`, { token: duty });
    expect(byDay.body).toMatchObject({ total: 4, passed: 3, passRate: 75, rows: [{ key: today, total: 4, passed: 3, passRate: 75 }] });
    const byCounty = await t.request('GET', `/api/patrol/stats?from=${today}&to=${today}&by=county`, { token: duty });
    expect(byCounty.body.rows).toEqual([{ key: '130822', name: '兴隆县', total: 4, passed: 3, passRate: 75 }]);
    const other = await t.login('county.130824');
    expect((await t.request('GET', `/api/patrol/stats?from=${today}&to=${today}`, { token: other })).body.total).toBe(0);
    expect((await t.request('GET', '/api/patrol/stats?from=2026-13-01&to=2026-11-30', { token: duty })).status).toBe(400);
  });
});
