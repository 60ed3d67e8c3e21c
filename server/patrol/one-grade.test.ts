// One grade for a canteen everywhere: the patrol plan is made after grading and shows the grade the map's
// data (dashboard) and the risk API show; a canteen whose licence has lapsed is graded C at least, there and
// on the plan alike.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { putSetting } from '../../tests/support/settings';
import { startTestServer, type TestServer } from '../../tests/support/test-server';
import { addDays, shanghaiDate } from '../time';

interface PlanItem {
  canteen: { id: string };
  reasons: string[];
  risk: { grade: string; score: number } | null;
}

describe('one risk grade on the plan, the map and the risk API', () => {
  let t: TestServer;
  let duty: string;

  const gradesOnTheMap = async () =>
    new Map(
      ((await t.request('GET', '/api/dashboard/canteens', { token: duty })).body.items as Array<{ id: string; grade: string | null }>).map(
        (point) => [point.id, point.grade],
      ),
    );
  const gradeFromRiskApi = async (id: string) =>
    (await t.request('GET', `/api/risk/canteens/${id}`, { token: duty })).body.current as { grade: string; score: number } | null;
  const plan = async () => (await t.request('GET', '/api/patrol/plan', { token: duty })).body.items as PlanItem[];

  beforeAll(async () => {
    t = await startTestServer({ canteens: 40 });
    duty = await t.login('city.duty');
    expect((await putSetting(t, await t.login('city.admin'), 'patrol.dailyTarget', t.dataset.canteens.length)).status).toBe(200);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('grades before it plans: every planned canteen shows the grade of the map and of the risk API', async () => {
    expect(await t.db('canteen_risk').count({ n: '*' })).toEqual([{ n: 0 }]);
    const items = await plan();
    expect(items).toHaveLength(t.dataset.canteens.length);
    const map = await gradesOnTheMap();
    for (const item of items) {
      expect(item.risk, item.canteen.id).not.toBeNull();
      expect(item.reasons).not.toContain('ungraded');
      expect(map.get(item.canteen.id)).toBe(item.risk!.grade);
    }
    const first = items[0]!;
    expect(await gradeFromRiskApi(first.canteen.id)).toMatchObject(first.risk!);
  });

  it('grades a canteen whose licence lapsed 179 days ago C or worse, the same on the next plan, the map and the API', async () => {
    const today = shanghaiDate(t.clock.now());
    const canteen = t.dataset.canteens.find((c) => c.licenceExpiry > addDays(today, 60))!;
    const before = (await gradeFromRiskApi(canteen.id))!;

    await t
      .db('canteens')
      .where({ id: canteen.id })
      .update({ licence_expiry: addDays(today, -178) });
    t.clock.advance(86_400_000); // the next day: its plan is made after the day's grading
    duty = await t.login('city.duty');
    const item = (await plan()).find((entry) => entry.canteen.id === canteen.id)!;

    expect(item.reasons).toContain('licence_expired');
    expect(['C', 'D']).toContain(item.risk!.grade);
    expect(item.risk!.score).toBeGreaterThan(before.score);
    expect((await gradesOnTheMap()).get(canteen.id)).toBe(item.risk!.grade);
    const api = (await gradeFromRiskApi(canteen.id))!;
    expect(api).toMatchObject(item.risk!);
    expect((api as unknown as { factors: Array<{ code: string; evidence: { days?: number } }> }).factors).toContainEqual(
      expect.objectContaining({ code: 'licence_expired', evidence: expect.objectContaining({ days: 179 }) }),
    );
  });
});
