// The big screen's figures against what the test itself did through the API: alerts raised today and on
// earlier days, tasks dispatched (some past their deadline) and one closed, patrols against today's plan,
// cameras reported online or offline by a relay. Each figure is counted here from those actions, on its
// Asia/Shanghai day, and compared; a county operator sees only its county; a school manager sees nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jpegWithExif, upload } from '../../tests/support/images';
import { startTestServer, type TestServer } from '../../tests/support/test-server';
import { createServiceToken } from '../auth/commands/createServiceToken';
import { systemActor } from '../policy/actor';
import { addDays, shanghaiDate } from '../time';

const XL = '130822';
const LP = '130824';
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

type Dataset = TestServer['dataset'];
type Canteen = Dataset['canteens'][number];

interface RaisedAlert {
  county: string;
  category: string;
  at: Date;
}

describe('dashboard', () => {
  let t: TestServer;
  let duty: string;
  let xl: string;
  let relay: string;
  let countyOf: (canteen: Pick<Canteen, 'schoolId'>) => string;
  let canteensIn: (county: string) => Canteen[];
  let camerasIn: (county: string) => Dataset['cameras'];

  // What the test did, to count the expected figures from.
  const alerts: RaisedAlert[] = [];
  const dispatched: Array<{ county: string; at: Date }> = [];
  const closed: Array<{ county: string; at: Date }> = [];
  let open: Array<{ county: string; overdue: boolean }> = [];
  const patrols: Array<{ county: string; passed: boolean; at: Date }> = [];
  const online: Record<string, number> = {};
  let faulty = 0;

  const today = () => shanghaiDate(t.clock.now());
  const get = async (path: string, token = duty) => {
    const response = await t.request('GET', path, { token });
    expect(response.status, `${path}: ${response.text}`).toBe(200);
    return response.body;
  };
  const raise = async (canteen: Canteen, category: string, at: Date, token = duty) => {
    const response = await t.request('POST', '/api/alerts', {
      token,
      body: { source: 'ai', category, canteenId: canteen.id, detectedAt: at.toISOString() },
    });
    expect(response.status, response.text).toBe(201);
    alerts.push({ county: countyOf(canteen), category, at });
  };
  const dispatch = async (assignee: string, county: string, deadlineHours: number) => {
    const response = await t.request('POST', '/api/tasks', {
      token: duty,
      body: { title: '食堂卫生整改', assignee, deadlineHours },
    });
    expect(response.status, response.text).toBe(201);
    dispatched.push({ county, at: t.clock.now() });
    return response.body as { id: string; version: number };
  };

  beforeAll(async () => {
    t = await startTestServer({ canteens: 60 });
    duty = await t.login('city.duty');
    xl = await t.login(`county.${XL}`);
    relay = (await createServiceToken(t.server.ctx, { actor: systemActor('test') }, { name: 'relay-dash', kind: 'relay' })).token;
    const schoolCounty = new Map(t.dataset.schools.map((school) => [school.id, school.countyCode]));
    countyOf = (canteen) => schoolCounty.get(canteen.schoolId)!;
    canteensIn = (county) => t.dataset.canteens.filter((canteen) => countyOf(canteen) === county);
    camerasIn = (county) => t.dataset.cameras.filter((camera) => schoolCounty.get(camera.schoolId) === county);
    expect((await t.request('POST', '/api/risk/recompute', { token: await t.login('city.admin') })).status).toBe(200);

    // Two tasks to 兴隆 due within the hour and one to 滦平 due in three days; two hours later the first two are overdue.
    await dispatch(XL, XL, 1);
    await dispatch(XL, XL, 1);
    await dispatch(LP, LP, 72);
    t.clock.advance(2 * HOUR);
    open = [
      { county: XL, overdue: true },
      { county: XL, overdue: true },
      { county: LP, overdue: false },
    ];

    // One task to a 兴隆 school, rectified with a photo and approved: closed, no longer open.
    const school = t.dataset.schools.find((s) => s.countyCode === XL)!;
    const manager = await t.login(`school.${school.code}`);
    const task = await dispatch(school.code, XL, 48);
    const act = (token: string, body: object) => t.request('POST', `/api/tasks/${task.id}/actions`, { token, body });
    expect((await act(manager, { action: 'accept', version: 1 })).status).toBe(200);
    const photo = (await upload(t.url, manager, await jpegWithExif())).body.id as string;
    expect((await act(manager, { action: 'submit', version: 2, note: '已整改', attachmentIds: [photo] })).status).toBe(200);
    expect((await act(duty, { action: 'approve', version: 3 })).status).toBe(200);
    closed.push({ county: XL, at: t.clock.now() });

    // Alerts today in both counties, three days ago, and forty days ago (outside every window).
    const [x1, x2, x3, x4] = canteensIn(XL);
    const [l1] = canteensIn(LP);
    const now = t.clock.now();
    await raise(x1!, 'smoking', now);
    await raise(x2!, 'smoking', now);
    await raise(x3!, 'no_mask', now);
    await raise(l1!, 'rodent', now);
    await raise(x4!, 'no_mask', new Date(now.getTime() - 3 * DAY));
    await raise(x1!, 'uncovered_bin', new Date(now.getTime() - 3 * DAY));
    await raise(l1!, 'no_mask', new Date(now.getTime() - 40 * DAY));

    // The big screen only reads: before today's plan is made (by the scheduler's job or the patrol console)
    // it shows nothing planned, and opening it makes none.
    expect((await get('/api/dashboard/summary')).kpis.patrol).toMatchObject({ planned: 0, done: 0 });
    expect(Number((await t.db('patrol_plans').count({ n: '*' }).first())?.n)).toBe(0);

    // Patrols on four canteens of today's plan: three pass, one fails a general item (which raises an alert).
    const plan = await get('/api/patrol/plan');
    const checklists = (await get('/api/checklists')).items as Array<{
      id: string;
      kind: string;
      content: { sections: Array<{ items: Array<{ code: string; key: boolean }> }> };
    }>;
    const remote = checklists.find((list) => list.kind === 'remote_patrol')!;
    const items = remote.content.sections.flatMap((section) => section.items);
    const general = items.find((item) => !item.key)!;
    for (const [index, planned] of (plan.items as Array<{ canteen: { id: string } }>).slice(0, 4).entries()) {
      const canteen = t.dataset.canteens.find((c) => c.id === planned.canteen.id)!;
      const fails = index === 3;
      const answers = items.map((item) => ({ item: item.code, result: fails && item.code === general.code ? 'fail' : 'pass' }));
      const recorded = await t.request('POST', '/api/patrol/records', {
        token: duty,
        body: { canteenId: canteen.id, checklistId: remote.id, answers },
      });
      expect(recorded.status, recorded.text).toBe(201);
      patrols.push({ county: countyOf(canteen), passed: !fails, at: t.clock.now() });
      if (fails) alerts.push({ county: countyOf(canteen), category: 'patrol_violation', at: t.clock.now() });
    }

    // A relay reports five 兴隆 cameras and two 滦平 cameras online, and a third 滦平 camera offline (a camera alert).
    const report = async (cameraId: string, status: string) => {
      const response = await t.request('POST', `/api/cameras/${cameraId}/status`, {
        token: relay,
        body: { status, observedAt: t.clock.now().toISOString() },
      });
      expect(response.status, response.text).toBe(200);
    };
    for (const camera of camerasIn(XL).slice(0, 5)) await report(camera.id, 'online');
    for (const camera of camerasIn(LP).slice(0, 2)) await report(camera.id, 'online');
    online[XL] = 5;
    online[LP] = 2;
    const broken = camerasIn(LP)[2]!;
    await report(broken.id, 'offline');
    faulty = 1;
    alerts.push({ county: LP, category: 'camera_offline', at: t.clock.now() });
  });
  afterAll(async () => {
    await t?.close();
  });

  const since = () => addDays(today(), -29);
  const onDay = (at: Date) => shanghaiDate(at);
  const inCounty = <T extends { county: string }>(list: T[], county?: string) => list.filter((x) => !county || x.county === county);

  function expectedCategories(county: string | undefined, from: string) {
    const counts = new Map<string, number>();
    for (const alert of inCounty(alerts, county).filter((a) => onDay(a.at) >= from)) {
      counts.set(alert.category, (counts.get(alert.category) ?? 0) + 1);
    }
    return Object.fromEntries(counts);
  }

  it("counts today's alerts, open and overdue tasks, patrols against the plan and cameras online for the city", async () => {
    const summary = await get('/api/dashboard/summary');
    const plan = await get('/api/patrol/plan');
    const todays = patrols.filter((p) => onDay(p.at) === today());
    expect(summary).toMatchObject({
      scope: { code: '130800', level: 'city' },
      day: today(),
      kpis: {
        alertsToday: alerts.filter((a) => onDay(a.at) === today()).length,
        openTasks: open.length,
        overdueTasks: open.filter((task) => task.overdue).length,
        patrol: {
          planned: plan.total,
          done: 4,
          recordsToday: todays.length,
          passedToday: todays.filter((p) => p.passed).length,
          records30Days: patrols.length,
          passed30Days: 3,
          passRate30Days: 0.75,
        },
        cameras: {
          total: t.dataset.cameras.length,
          online: online[XL]! + online[LP]!,
          faulty,
          onlineRate: (online[XL]! + online[LP]!) / t.dataset.cameras.length,
        },
      },
    });
    expect(plan.done).toBe(4);
    const asMap = (rows: Array<{ code: string; count: number }>) => Object.fromEntries(rows.map((row) => [row.code, row.count]));
    expect(asMap(summary.categories.today)).toEqual(expectedCategories(undefined, today()));
    expect(asMap(summary.categories.last30Days)).toEqual(expectedCategories(undefined, since()));
    expect(summary.categories.today[0]).toMatchObject({ code: 'smoking', zh: '吸烟', en: 'Smoking' });
    // The task counts agree with the dispatch desk's own.
    const counts = await get('/api/tasks/counts');
    expect(summary.kpis.overdueTasks).toBe(counts.overdue);
    expect(summary.kpis.openTasks).toBe(counts.dispatched + counts.accepted + counts.submitted + counts.returned);
  });

  it('draws 30 days of alerts raised, tasks dispatched and tasks closed, today last', async () => {
    const trend = await get('/api/dashboard/trend');
    expect(trend.days).toHaveLength(30);
    expect(trend.to).toBe(today());
    expect(trend.from).toBe(since());
    expect(trend.days.map((d: { day: string }) => d.day)).toEqual(Array.from({ length: 30 }, (_, i) => addDays(since(), i)));
    const perDay = (list: Array<{ at: Date }>) => {
      const counts: Record<string, number> = {};
      for (const item of list) if (onDay(item.at) >= since()) counts[onDay(item.at)] = (counts[onDay(item.at)] ?? 0) + 1;
      return counts;
    };
    const nonZero = (key: 'alertsRaised' | 'tasksDispatched' | 'tasksClosed') =>
      Object.fromEntries(
        (trend.days as Array<Record<string, number | string>>).filter((d) => d[key] !== 0).map((d) => [d.day as string, d[key]]),
      );
    expect(nonZero('alertsRaised')).toEqual(perDay(alerts));
    expect(nonZero('tasksDispatched')).toEqual(perDay(dispatched));
    expect(nonZero('tasksClosed')).toEqual(perDay(closed));
  });

  it('gives every county its row for the ranking', async () => {
    const { items } = await get('/api/dashboard/counties');
    expect(items).toHaveLength(11);
    for (const row of items as Array<Record<string, any>>) {
      const canteens = canteensIn(row.code);
      const cameras = camerasIn(row.code).length;
      const countyPatrols = inCounty(patrols, row.code);
      expect(row, row.name).toMatchObject({
        canteens: canteens.length,
        cameras: { total: cameras, online: online[row.code] ?? 0, onlineRate: cameras ? (online[row.code] ?? 0) / cameras : null },
        openTasks: inCounty(open, row.code).length,
        overdueTasks: inCounty(open, row.code).filter((task) => task.overdue).length,
        alertsToday: inCounty(alerts, row.code).filter((a) => onDay(a.at) === today()).length,
        patrol30Days: { total: countyPatrols.length, passed: countyPatrols.filter((p) => p.passed).length },
      });
      expect(row.grades.ungraded).toBe(0);
      expect(row.grades.A + row.grades.B + row.grades.C + row.grades.D).toBe(canteens.length);
      expect(row.center).toEqual({ lng: expect.any(Number), lat: expect.any(Number) });
    }
  });

  it('lists every canteen as a graded map point', async () => {
    const { items } = await get('/api/dashboard/canteens');
    expect(items).toHaveLength(t.dataset.canteens.length);
    const byId = new Map(t.dataset.canteens.map((canteen) => [canteen.id, canteen]));
    const grades = new Map(
      ((await t.db('canteen_risk').select('canteen_id', 'grade')) as Array<{ canteen_id: string; grade: string }>).map((row) => [
        row.canteen_id,
        row.grade,
      ]),
    );
    for (const point of items as Array<{ id: string; lng: number; lat: number; county: string; grade: string }>) {
      const canteen = byId.get(point.id)!;
      expect(point).toEqual({
        id: canteen.id,
        lng: canteen.lng,
        lat: canteen.lat,
        county: countyOf(canteen),
        grade: grades.get(canteen.id),
      });
    }
  });

  it('shows a county operator its own county only, and no other on request', async () => {
    const summary = await get('/api/dashboard/summary', xl);
    expect(summary.scope).toMatchObject({ code: XL, level: 'county' });
    expect(summary.kpis).toMatchObject({
      alertsToday: inCounty(alerts, XL).filter((a) => onDay(a.at) === today()).length,
      openTasks: inCounty(open, XL).length,
      overdueTasks: inCounty(open, XL).filter((task) => task.overdue).length,
      cameras: { total: camerasIn(XL).length, online: online[XL] },
      patrol: { records30Days: inCounty(patrols, XL).length },
    });
    const asMap = (rows: Array<{ code: string; count: number }>) => Object.fromEntries(rows.map((row) => [row.code, row.count]));
    expect(asMap(summary.categories.last30Days)).toEqual(expectedCategories(XL, since()));

    const counties = await get('/api/dashboard/counties', xl);
    expect(counties.items.map((row: { code: string }) => row.code)).toEqual([XL]);
    const canteens = await get('/api/dashboard/canteens', xl);
    expect(canteens.items.map((p: { id: string }) => p.id).sort()).toEqual(
      canteensIn(XL)
        .map((c) => c.id)
        .sort(),
    );
    const trend = await get('/api/dashboard/trend', xl);
    const raisedXl = inCounty(alerts, XL).filter((a) => onDay(a.at) >= since()).length;
    expect(trend.days.reduce((sum: number, d: { alertsRaised: number }) => sum + d.alertsRaised, 0)).toBe(raisedXl);

    for (const path of ['summary', 'counties', 'canteens', 'trend']) {
      expect((await t.request('GET', `/api/dashboard/${path}?county=${LP}`, { token: xl })).status).toBe(404);
    }
    // The city narrowed to one county sees what that county sees.
    const narrowed = await get(`/api/dashboard/summary?county=${XL}`);
    expect(narrowed.kpis).toEqual(summary.kpis);
  });

  it('is for city and county staff only', async () => {
    const school = await t.login(`school.${t.dataset.schools[0]!.code}`);
    expect((await t.request('GET', '/api/dashboard/summary', { token: school })).status).toBe(403);
    expect((await t.request('GET', '/api/dashboard/summary')).status).toBe(401);
    expect((await t.request('GET', '/api/dashboard/summary?county=12', { token: duty })).status).toBe(400);
  });
});
