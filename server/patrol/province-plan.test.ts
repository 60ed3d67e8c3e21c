// The province's own daily patrol plan: at least 200 canteens (setting patrol.provinceDailyCanteens), spread
// over its cities by their risk and, within a city, in order of priority; the cities' plans go on beside it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apportion } from '../../analytics/apportion';
import { HEBEI_CODE } from '../../fixtures/chengde';
import { twoCities } from '../../tests/support/scope-records';
import { putSetting } from '../../tests/support/settings';
import { startTestServer, type TestServer } from '../../tests/support/test-server';
import { shanghaiDate } from '../time';

interface PlanItem {
  canteen: { id: string };
  city: { code: string; name: string };
  county: { code: string };
  priority: number;
}

const CHENGDE = '130800';
const ZHANGJIAKOU = '130700';

describe("the province's daily patrol plan", () => {
  let t: TestServer;
  let province: string;
  let provinceAdmin: string;

  beforeAll(async () => {
    t = await startTestServer({ dataset: twoCities({ canteens: 300 }) });
    province = await t.login('province.duty');
    provinceAdmin = await t.login('province.admin');
  });
  afterAll(async () => {
    await t?.close();
  });

  /** Each city's risk: the sum of its canteens' graded scores. */
  async function cityRisk(): Promise<Map<string, number>> {
    const rows = (await t
      .db('canteen_risk as r')
      .join('canteens as c', 'c.id', 'r.canteen_id')
      .select('c.scope_path', 'r.score')) as Array<{
      scope_path: string;
      score: number;
    }>;
    const sums = new Map<string, number>();
    for (const row of rows) {
      const city = row.scope_path.split('/')[2]!;
      sums.set(city, (sums.get(city) ?? 0) + Number(row.score));
    }
    return sums;
  }

  it('lists 200 canteens of both cities, each city its share by risk and its most urgent canteens first', async () => {
    const response = await t.request('GET', '/api/patrol/plan', { token: province });
    expect(response.status).toBe(200);
    const items = response.body.items as PlanItem[];
    expect(response.body.plan.target).toBe(200);
    expect(items).toHaveLength(200);
    expect(new Set(items.map((item) => item.canteen.id)).size).toBe(200);

    const risk = await cityRisk();
    const [zhangjiakou, chengde] = apportion(200, [risk.get(ZHANGJIAKOU)!, risk.get(CHENGDE)!], 1);
    const count = (city: string) => items.filter((item) => item.city.code === city).length;
    expect({ chengde: count(CHENGDE), zhangjiakou: count(ZHANGJIAKOU) }).toEqual({ chengde, zhangjiakou });
    expect(zhangjiakou).toBeGreaterThan(0);

    // Within Zhangjiakou, the share is its highest priorities: the city's own plan (made alike) starts with them.
    const cityPlan = (await t.request('GET', `/api/patrol/plan?city=${ZHANGJIAKOU}`, { token: province })).body.items as PlanItem[];
    const planned = new Set(items.filter((item) => item.city.code === ZHANGJIAKOU).map((item) => item.canteen.id));
    const lowestPlanned = Math.min(...items.filter((item) => item.city.code === ZHANGJIAKOU).map((item) => item.priority));
    for (const item of cityPlan) if (item.priority > lowestPlanned) expect(planned).toContain(item.canteen.id);
  });

  it('keeps the cities’ own plans as they were: a city operator sees its city’s plan, and nothing of the province’s', async () => {
    const duty = await t.login('city.duty');
    const own = await t.request('GET', '/api/patrol/plan', { token: duty });
    expect(own.status).toBe(200);
    expect(own.body.plan.target).toBe(20);
    expect(new Set((own.body.items as PlanItem[]).map((item) => item.city.code))).toEqual(new Set([CHENGDE]));
    // Another city's plan, or the province named as a city, does not exist for it.
    expect((await t.request('GET', `/api/patrol/plan?city=${ZHANGJIAKOU}`, { token: duty })).status).toBe(404);
    expect((await t.request('GET', `/api/patrol/plan?city=${HEBEI_CODE}`, { token: duty })).status).toBe(404);
    // The province's plan and the city's are two plans.
    const provincePlan = (await t.request('GET', '/api/patrol/plan', { token: province })).body.plan.id as string;
    expect(own.body.plan.id).not.toBe(provincePlan);
  });

  it('takes the number from the province setting, never below 200', async () => {
    expect((await putSetting(t, provinceAdmin, 'patrol.provinceDailyCanteens', 150)).status).toBe(400);
    expect((await putSetting(t, provinceAdmin, 'patrol.provinceDailyCanteens', 240)).status).toBe(200);
    // Today's plan stands; the next one made takes the new number (here: yesterday's, made on asking).
    const today = shanghaiDate(t.clock.now());
    const yesterday = shanghaiDate(new Date(t.clock.now().getTime() - 86_400_000));
    expect((await t.request('GET', `/api/patrol/plan?date=${today}`, { token: province })).body.plan.target).toBe(200);
    const next = await t.request('GET', `/api/patrol/plan?date=${yesterday}`, { token: province });
    expect(next.body.plan.target).toBe(240);
    expect(next.body.items).toHaveLength(240);
  });
});
