// The big screen's drill down the tree on a province of two cities: a province operator gets its cities with
// their figures, then a city's counties, then a county's schools, and each map's outlines; what each row
// counts is what the test put there (canteens and cameras of the data set, alerts it raised, cameras it
// reported online). A city operator drills into its own city only: the other city answers 404, as does a
// city for a county operator.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHENGDE_CODE, HEBEI_CODE } from '../../fixtures/chengde';
import { generateTwoCityRegion, TWO_CITY_COUNTIES, ZHANGJIAKOU_CODE } from '../../tests/support/two-city-region';
import { startTestServer, type TestServer } from '../../tests/support/test-server';
import { createServiceToken } from '../auth/commands/createServiceToken';
import { systemActor } from '../policy/actor';

interface Row {
  code: string;
  name: string;
  level: string;
  canteens: number;
  alertsToday: number;
  cameras: { total: number; online: number; onlineRate: number | null };
}

describe('dashboard children: province → cities → counties → schools', () => {
  let t: TestServer;
  let province: string;
  let chengdeDuty: string;
  let countyDuty: string;
  const cityOfCounty = new Map<string, string>(
    Object.entries(TWO_CITY_COUNTIES).flatMap(([city, counties]) => counties.map((county) => [county, city])),
  );
  const schoolCounty = new Map<string, string>();
  const cityOfSchool = (schoolId: string) => cityOfCounty.get(schoolCounty.get(schoolId)!)!;
  const raisedIn = { [CHENGDE_CODE]: 0, [ZHANGJIAKOU_CODE]: 0 } as Record<string, number>;
  const onlineIn = { [CHENGDE_CODE]: 0, [ZHANGJIAKOU_CODE]: 0 } as Record<string, number>;

  const get = async <T>(path: string, token: string) => {
    const response = await t.request<T>('GET', path, { token });
    expect(response.status, `${path}: ${response.text}`).toBe(200);
    return response.body;
  };

  beforeAll(async () => {
    t = await startTestServer({ dataset: generateTwoCityRegion(24) });
    for (const school of t.dataset.schools) schoolCounty.set(school.id, school.countyCode);
    province = await t.login('province.duty');
    chengdeDuty = await t.login('city.duty');
    countyDuty = await t.login('county.130822');

    const actor = { actor: systemActor('test') };
    const analytics = (await createServiceToken(t.server.ctx, actor, { name: 'analytics-children', kind: 'analytics' })).token;
    const relay = (await createServiceToken(t.server.ctx, actor, { name: 'relay-children', kind: 'relay' })).token;
    // Three alerts in 承德, one in 张家口; two cameras online in 张家口, one in 承德.
    const inCity = (city: string) => t.dataset.cameras.filter((camera) => cityOfSchool(camera.schoolId) === city);
    const raise = async (cameraId: string, city: string, i: number) => {
      const response = await t.request('POST', '/api/alerts', {
        token: analytics,
        body: { source: 'ai', category: 'no_mask', cameraId, confidence: 0.9, idempotencyKey: `children-${i}` },
      });
      expect(response.status, response.text).toBe(201);
      raisedIn[city]! += 1;
    };
    const chengde = inCity(CHENGDE_CODE);
    const zhangjiakou = inCity(ZHANGJIAKOU_CODE);
    await raise(chengde[0]!.id, CHENGDE_CODE, 1);
    await raise(chengde[9]!.id, CHENGDE_CODE, 2);
    await raise(chengde[20]!.id, CHENGDE_CODE, 3);
    await raise(zhangjiakou[0]!.id, ZHANGJIAKOU_CODE, 4);
    const online = async (cameraId: string, city: string) => {
      const response = await t.request('POST', `/api/cameras/${cameraId}/status`, {
        token: relay,
        body: { status: 'online', observedAt: new Date().toISOString() },
      });
      expect(response.status, response.text).toBe(200);
      onlineIn[city]! += 1;
    };
    await online(zhangjiakou[1]!.id, ZHANGJIAKOU_CODE);
    await online(zhangjiakou[2]!.id, ZHANGJIAKOU_CODE);
    await online(chengde[1]!.id, CHENGDE_CODE);
  });

  afterAll(async () => {
    await t?.close();
  });

  it('gives a province operator one row per city, counted from what lies in each', async () => {
    const body = await get<{ node: { code: string; level: string }; items: Row[] }>('/api/dashboard/children', province);
    expect(body.node).toMatchObject({ code: HEBEI_CODE, level: 'province' });
    expect(body.items.map((row) => [row.code, row.name, row.level])).toEqual([
      [ZHANGJIAKOU_CODE, '张家口市', 'city'],
      [CHENGDE_CODE, '承德市', 'city'],
    ]);
    for (const row of body.items) {
      const canteens = t.dataset.canteens.filter((canteen) => cityOfSchool(canteen.schoolId) === row.code);
      const cameras = t.dataset.cameras.filter((camera) => cityOfSchool(camera.schoolId) === row.code);
      expect(row.canteens, row.name).toBe(canteens.length);
      expect(row.cameras.total, row.name).toBe(cameras.length);
      expect(row.cameras.online, row.name).toBe(onlineIn[row.code]);
      expect(row.alertsToday, row.name).toBe(raisedIn[row.code]);
    }
    // Both cities together are the province's headline figures.
    const summary = await get<{ kpis: { alertsToday: number; cameras: { total: number } } }>('/api/dashboard/summary', province);
    expect(summary.kpis.alertsToday).toBe(body.items.reduce((sum, row) => sum + row.alertsToday, 0));
    expect(summary.kpis.cameras.total).toBe(t.dataset.cameras.length);
  });

  it("drills from a city to its counties and from a county to its schools, each with its map's outlines", async () => {
    const counties = await get<{ items: Row[] }>(`/api/dashboard/children?node=${CHENGDE_CODE}`, province);
    expect(counties.items.map((row) => [row.code, row.level])).toEqual([
      ['130822', 'county'],
      ['130824', 'county'],
    ]);
    expect(counties.items.reduce((sum, row) => sum + row.alertsToday, 0)).toBe(raisedIn[CHENGDE_CODE]);

    const schools = await get<{ items: Row[] }>('/api/dashboard/children?node=130822', province);
    const expected = t.dataset.schools.filter((school) => school.countyCode === '130822');
    expect(schools.items.map((row) => row.code).sort()).toEqual(expected.map((school) => school.code).sort());
    expect(schools.items.every((row) => row.level === 'school' && row.canteens >= 1)).toBe(true);

    type Outlines = { features: Array<{ properties: { code: string; level: string } }> };
    const codes = (body: Outlines) => body.features.map((feature) => `${feature.properties.level}:${feature.properties.code}`);
    expect(codes(await get<Outlines>('/api/dashboard/areas', province))).toEqual([
      `province:${HEBEI_CODE}`,
      `city:${ZHANGJIAKOU_CODE}`,
      `city:${CHENGDE_CODE}`,
    ]);
    expect(codes(await get<Outlines>(`/api/dashboard/areas?node=${CHENGDE_CODE}`, province))).toEqual([
      `city:${CHENGDE_CODE}`,
      'county:130822',
      'county:130824',
    ]);
  });

  it('keeps a city operator in its own city and a county operator in its county', async () => {
    const own = await get<{ items: Row[] }>('/api/dashboard/children', chengdeDuty);
    expect(own.items.map((row) => row.code)).toEqual(['130822', '130824']);
    for (const path of [
      `/api/dashboard/children?node=${ZHANGJIAKOU_CODE}`,
      `/api/dashboard/areas?node=${ZHANGJIAKOU_CODE}`,
      '/api/dashboard/children?node=130722',
    ]) {
      const response = await t.request('GET', path, { token: chengdeDuty });
      expect(response.status, path).toBe(404);
      expect(response.body).toMatchObject({ error: { code: 'not_found' } });
    }
    expect((await t.request('GET', `/api/dashboard/children?node=${HEBEI_CODE}`, { token: chengdeDuty })).status).toBe(404);
    expect((await t.request('GET', `/api/dashboard/children?node=${CHENGDE_CODE}`, { token: countyDuty })).status).toBe(404);
    const school = await t.login(`school.${t.dataset.schools[0]!.code}`);
    expect((await t.request('GET', '/api/dashboard/children', { token: school })).status).toBe(403);
  });
});
