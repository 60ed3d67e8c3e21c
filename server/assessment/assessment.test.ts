// Assessment end to end on a hand-made month: patrols, tasks (one passed down to a school), alerts,
// complaints, camera status history and ledger entries written into March 2025 of one county (and one failed patrol
// in February for the change); the figures of the API equal the ones worked out here by hand, the drill-down
// returns the records behind them, and a county user sees its own county only.
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALERT_HANDLING_HOURS, DEFAULT_WEIGHTS, periodContaining, type IndicatorCode } from '../../analytics/assessment';
import { shanghaiDateOf } from '../../analytics/calendar';
import { putSetting } from '../../tests/support/settings';
import { startTestServer, type TestServer } from '../../tests/support/test-server';

const COUNTY = '130822';
const OTHER_COUNTY = '130824';
const PERIOD = '2025-03';
/** An instant in Asia/Shanghai (UTC+8). */
const sh = (local: string) => new Date(`${local}+08:00`);

describe('assessment', () => {
  let t: TestServer;
  let admin: string;
  let county: string;
  let other: string;
  let schools: TestServer['dataset']['schools'];
  let s1: TestServer['dataset']['schools'][number];
  let s2: TestServer['dataset']['schools'][number];
  let canteensInCounty: number;
  let camerasInCounty: number;
  const taskIds: Record<string, string> = {};
  let failedPatrolId: string;

  beforeAll(async () => {
    t = await startTestServer({ canteens: 60 });
    [admin, county, other] = await Promise.all([t.login('city.admin'), t.login(`county.${COUNTY}`), t.login(`county.${OTHER_COUNTY}`)]);
    schools = t.dataset.schools.filter((school) => school.countyCode === COUNTY);
    const withCanteen = schools.filter((school) => t.dataset.canteens.some((canteen) => canteen.schoolId === school.id));
    [s1, s2] = withCanteen as [typeof s1, typeof s2];
    const schoolIds = new Set(schools.map((school) => school.id));
    canteensInCounty = t.dataset.canteens.filter((canteen) => schoolIds.has(canteen.schoolId)).length;
    camerasInCounty = t.dataset.cameras.filter((camera) => schoolIds.has(camera.schoolId)).length;
    const c1 = t.dataset.canteens.find((canteen) => canteen.schoolId === s1.id)!;
    const c2 = t.dataset.canteens.find((canteen) => canteen.schoolId === s2.id)!;
    const countyNode = t.dataset.jurisdictions.find((node) => node.code === COUNTY)!;
    const s1Node = t.dataset.jurisdictions.find((node) => node.id === s1.jurisdictionId)!;
    const s2Node = t.dataset.jurisdictions.find((node) => node.id === s2.jurisdictionId)!;
    const checklist = (await t.db('checklists').first('id')) as { id: string };

    const patrol = (canteen: typeof c1, result: 'passed' | 'failed', at: Date) => {
      const id = uuidv7();
      return {
        id,
        canteen_id: canteen.id,
        school_id: canteen.schoolId,
        scope_path: canteen.scopePath,
        operator_id: uuidv7(),
        operator_name: '巡查员',
        operator_node_id: countyNode.id,
        checklist_id: checklist.id,
        result,
        answers: JSON.stringify([]),
        failed_count: result === 'failed' ? 1 : 0,
        key_failed_count: 0,
        submitted_at: at,
      };
    };
    const patrols = [
      patrol(c1, 'passed', sh('2025-03-05T10:00:00')),
      patrol(c1, 'failed', sh('2025-03-20T10:00:00')),
      patrol(c2, 'passed', sh('2025-03-31T23:30:00')),
      patrol(c2, 'failed', sh('2025-04-01T00:10:00')), // April in Shanghai: not counted
      patrol(c2, 'failed', sh('2025-02-10T09:00:00')), // the previous period
    ];
    failedPatrolId = patrols[1]!.id;
    await t.db('patrol_records').insert(patrols);

    let code = 0;
    const task = (
      name: string,
      school: typeof s1,
      node: { id: string },
      deadline: Date,
      state: string,
      extra: Record<string, unknown> = {},
    ) => {
      const id = uuidv7();
      taskIds[name] = id;
      return {
        id,
        code: `T-ASSESS-${++code}`,
        title: `任务 ${name}`,
        source: 'manual',
        state,
        issuer_node_id: countyNode.id,
        assignee_node_id: node.id,
        assignee_level: node.id === countyNode.id ? 'county' : 'school',
        school_id: school.id,
        scope_path: school.scopePath,
        deadline,
        remind_at: deadline,
        created_at: sh('2025-03-01T08:00:00'),
        ...extra,
      };
    };
    await t
      .db('tasks')
      .insert([
        task('T1', s1, s1Node, sh('2025-03-10T18:00:00'), 'closed', { closed_at: sh('2025-03-09T12:00:00') }),
        task('T2', s1, s1Node, sh('2025-03-15T18:00:00'), 'closed', { closed_at: sh('2025-03-18T12:00:00') }),
        task('T3', s1, s1Node, sh('2025-03-25T18:00:00'), 'accepted'),
        task('T4', s1, s1Node, sh('2025-03-26T18:00:00'), 'cancelled', { cancelled_at: sh('2025-03-20T12:00:00') }),
        task('T5', s1, s1Node, sh('2025-04-02T18:00:00'), 'accepted'),
        task('T6', s2, countyNode, sh('2025-03-20T18:00:00'), 'submitted'),
      ]);
    await t
      .db('tasks')
      .insert(task('T7', s2, s2Node, sh('2025-03-19T18:00:00'), 'closed', { closed_at: sh('2025-03-19T17:00:00'), parent_id: taskIds.T6 }));

    const alert = (status: string, raised: Date, triagedAfterHours: number | null) => ({
      id: uuidv7(),
      source: 'ai',
      category: 'no_hat',
      severity: 'medium',
      status,
      school_id: s1.id,
      canteen_id: c1.id,
      scope_path: s1.scopePath,
      fold_key: uuidv7(),
      first_seen_at: raised,
      last_seen_at: raised,
      triaged_at: triagedAfterHours === null ? null : new Date(raised.getTime() + triagedAfterHours * 3_600_000),
    });
    await t.db('alerts').insert([
      alert('confirmed', sh('2025-03-02T10:00:00'), 2),
      alert('dismissed', sh('2025-03-03T10:00:00'), 30),
      alert('new', sh('2025-03-04T10:00:00'), null),
      alert('confirmed', sh('2025-03-05T10:00:00'), 24), // the limit itself is in time
    ]);

    const complaint = (status: string, at: Date) => ({
      id: uuidv7(),
      tracking_code: `C${uuidv7().slice(-10)}`,
      school_id: s2.id,
      scope_path: s2.scopePath,
      category: 'hygiene',
      text: '餐具不洁',
      status,
      created_at: at,
    });
    await t
      .db('complaints')
      .insert([
        complaint('closed', sh('2025-03-03T12:00:00')),
        complaint('closed', sh('2025-03-13T12:00:00')),
        complaint('processing', sh('2025-03-23T12:00:00')),
        complaint('received', sh('2025-04-03T12:00:00')),
      ]);

    // Every camera of the county online since 2025 began but one, offline since then.
    const offline = t.dataset.cameras.find((camera) => schoolIds.has(camera.schoolId))!;
    const countyCameras = t.dataset.cameras.filter((camera) => schoolIds.has(camera.schoolId));
    await t
      .db('cameras')
      .whereIn('school_id', [...schoolIds])
      .update({ status: 'online' });
    await t.db('cameras').where({ id: offline.id }).update({ status: 'offline' });
    await t.db('camera_status_history').insert(
      countyCameras.map((camera) => ({
        camera_id: camera.id,
        scope_path: camera.scopePath,
        status: camera.id === offline.id ? 'offline' : 'online',
        changed_at: sh('2025-01-01T00:00:00'),
      })),
    );

    const entry = (kind: string, day: string) => ({
      id: uuidv7(),
      school_id: s1.id,
      scope_path: s1.scopePath,
      kind,
      entry_date: day,
      payload: JSON.stringify({}),
    });
    await t.db('ledger_entries').insert([
      entry('morning_check', '2025-03-03'),
      entry('morning_check', '2025-03-04'),
      entry('menu', '2025-03-03'),
      entry('self_inspection', '2025-03-05'),
      entry('purchase', '2025-03-08'), // a Saturday: not a school day
    ]);
  }, 120_000);
  afterAll(async () => {
    await t?.close();
  });

  // March 2025: 21 weekdays; 4 ISO weeks whose last school day is in March (from 3, 10, 17 and 24 March).
  const SCHOOL_DAYS = 21;
  const WEEKS = 4;
  /** Camera-seconds of a whole month of `days` days. */
  const cameraSeconds = (cameras: number, days: number) => cameras * days * 86_400;
  const expectedCounty = () => {
    const nSchools = schools.length;
    return {
      platform_usage: [3, SCHOOL_DAYS * nSchools],
      patrol_coverage: [2, canteensInCounty],
      patrol_pass: [2, 3],
      rectification: [3, 4], // T1, T2, T7 of T1, T2, T3, T7 (T4 cancelled, T5 in April, T6 passed down)
      rectification_on_time: [2, 3], // T1, T7
      alert_handling: [2, 4],
      camera_online: [cameraSeconds(camerasInCounty - 1, 31), cameraSeconds(camerasInCounty, 31)],
      complaint_resolution: [2, 3],
      ledger_completeness: [4, (4 * SCHOOL_DAYS + 2 * WEEKS) * nSchools],
    } satisfies Record<IndicatorCode, [number, number]>;
  };
  const byHandScore = (figures: Record<string, number[]>) => {
    let weighted = 0;
    let total = 0;
    for (const [code, [num, den]] of Object.entries(figures) as Array<[IndicatorCode, [number, number]]>) {
      if (den === 0) continue;
      weighted += DEFAULT_WEIGHTS[code] * (num / den);
      total += DEFAULT_WEIGHTS[code];
    }
    return Math.round(((100 * weighted) / total) * 100) / 100;
  };

  it("ranks the city's counties with every figure equal to the hand count, and the change from February", async () => {
    const response = await t.request('GET', `/api/assessment?period=${PERIOD}`, { token: admin });
    expect(response.status).toBe(200);
    const body = response.body;
    expect(body.level).toBe('county');
    expect(body.period).toMatchObject({ id: '2025-03', from: '2025-03-01', to: '2025-03-31', label: { zh: '2025年3月' } });
    expect(body.previousPeriod.id).toBe('2025-02');
    expect(body.units).toHaveLength(11);
    const unit = body.units.find((u: { code: string }) => u.code === COUNTY);
    const figures = Object.fromEntries(
      unit.indicators.map((i: { code: string; numerator: number; denominator: number }) => [i.code, [i.numerator, i.denominator]]),
    );
    expect(figures).toEqual(expectedCounty());
    expect(unit.score).toBe(byHandScore(expectedCounty()));
    // Nobody else patrolled, handled anything or kept a ledger: this county is first.
    expect(unit.rank).toBe(1);

    // February: one failed patrol, the same cameras, 20 school days and 4 weeks without a ledger entry.
    const nSchools = schools.length;
    const february = byHandScore({
      platform_usage: [0, 20 * nSchools],
      patrol_coverage: [1, canteensInCounty],
      patrol_pass: [0, 1],
      camera_online: [cameraSeconds(camerasInCounty - 1, 28), cameraSeconds(camerasInCounty, 28)],
      ledger_completeness: [0, (4 * 20 + 2 * 4) * nSchools],
    });
    expect(unit.previous.score).toBe(february);
    expect(unit.scoreDelta).toBe(Math.round((unit.score - february) * 100) / 100);
  });

  it("gives one county's schools, each with its own counts", async () => {
    const response = await t.request('GET', `/api/assessment?period=${PERIOD}&county=${COUNTY}`, { token: county });
    expect(response.status).toBe(200);
    expect(response.body.level).toBe('school');
    expect(response.body.units).toHaveLength(schools.length);
    const first = response.body.units.find((u: { code: string }) => u.code === s1.code);
    const rates = Object.fromEntries(
      first.indicators.map((i: { code: string; numerator: number; denominator: number }) => [i.code, [i.numerator, i.denominator]]),
    );
    expect(rates).toMatchObject({
      patrol_pass: [1, 2],
      rectification: [2, 3],
      rectification_on_time: [1, 2],
      alert_handling: [2, 4],
      complaint_resolution: [0, 0],
      platform_usage: [3, SCHOOL_DAYS],
      ledger_completeness: [4, 4 * SCHOOL_DAYS + 2 * WEEKS],
    });
    const second = response.body.units.find((u: { code: string }) => u.code === s2.code);
    expect(second.indicators.find((i: { code: string }) => i.code === 'complaint_resolution')).toMatchObject({
      numerator: 2,
      denominator: 3,
    });
    expect(second.indicators.find((i: { code: string }) => i.code === 'rectification')).toMatchObject({ numerator: 1, denominator: 1 });
  });

  it('drills down to the records behind a figure: the failed patrol, the open and the late task', async () => {
    const records = async (indicator: string, met: boolean) =>
      (
        await t.request('GET', `/api/assessment/records?period=${PERIOD}&county=${COUNTY}&indicator=${indicator}&met=${met}`, {
          token: admin,
        })
      ).body.items as Array<{ id: string; met: boolean; school: { code: string } }>;
    expect((await records('patrol_pass', false)).map((r) => r.id)).toEqual([failedPatrolId]);
    expect((await records('rectification', false)).map((r) => r.id)).toEqual([taskIds.T3]);
    expect((await records('rectification_on_time', false)).map((r) => r.id)).toEqual([taskIds.T2]);
    expect((await records('rectification', true)).map((r) => r.id).sort()).toEqual([taskIds.T1, taskIds.T2, taskIds.T7].sort());
    expect(await records('alert_handling', false)).toHaveLength(2);
    expect(await records('camera_online', false)).toHaveLength(1);
    const usage = await records('platform_usage', false);
    expect(usage).toHaveLength(schools.length);
    const oneSchool = await t.request('GET', `/api/assessment/records?period=${PERIOD}&school=${s2.code}&indicator=complaint_resolution`, {
      token: county,
    });
    expect(oneSchool.body.items).toHaveLength(3);
    expect(oneSchool.body.items.every((r: { school: { code: string } }) => r.school.code === s2.code)).toBe(true);
  });

  it('scopes: a county user gets its own county only, and another county is not found', async () => {
    const own = await t.request('GET', `/api/assessment?period=${PERIOD}`, { token: county });
    expect(own.body.units.map((u: { code: string }) => u.code)).toEqual([COUNTY]);
    expect((await t.request('GET', `/api/assessment?period=${PERIOD}&county=${COUNTY}`, { token: other })).status).toBe(404);
    expect(
      (await t.request('GET', `/api/assessment/records?period=${PERIOD}&school=${s1.code}&indicator=patrol_pass`, { token: other })).status,
    ).toBe(404);
    expect((await t.request('GET', `/api/assessment?period=2025-13`, { token: admin })).status).toBe(400);
  });

  it('weighs by the assessment.weights setting, which refuses negative weights', async () => {
    const bad = await putSetting(t, admin, 'assessment.weights', { ...DEFAULT_WEIGHTS, patrol_pass: -1 });
    expect(bad.status).toBe(400);
    const onlyPatrolPass = Object.fromEntries(Object.keys(DEFAULT_WEIGHTS).map((code) => [code, code === 'patrol_pass' ? 1 : 0]));
    expect((await putSetting(t, admin, 'assessment.weights', onlyPatrolPass)).status).toBe(200);
    const response = await t.request('GET', `/api/assessment?period=${PERIOD}`, { token: admin });
    expect(response.body.units.find((u: { code: string }) => u.code === COUNTY).score).toBe(66.67);
    await putSetting(t, admin, 'assessment.weights', DEFAULT_WEIGHTS);
  });

  it('counts ledger days only from the day ledgers are required (ledgers.requiredFrom)', async () => {
    const set = (value: string | null) => putSetting(t, admin, 'ledgers.requiredFrom', value);
    expect((await set('2025-03-17')).status).toBe(200);
    const response = await t.request('GET', `/api/assessment?period=${PERIOD}&county=${COUNTY}`, { token: admin });
    const first = response.body.units.find((u: { code: string }) => u.code === s1.code);
    const figure = (code: string) => first.indicators.find((i: { code: string }) => i.code === code);
    // 17–31 March: 11 school days and the 2 weeks of 17 and 24 March; S1's entries were all before.
    expect(figure('platform_usage')).toMatchObject({ numerator: 0, denominator: 11 });
    expect(figure('ledger_completeness')).toMatchObject({ numerator: 0, denominator: 4 * 11 + 2 * 2 });
    expect((await set(null)).status).toBe(200);
  });

  it('counts alerts raised and triaged through the API (the last test: it moves the clock past the handling limit)', async () => {
    const school = schools.at(-1)!;
    const raise = async (category: string) =>
      (await t.request('POST', '/api/alerts', { token: county, body: { source: 'patrol', category, schoolId: school.id } })).body.alert as {
        id: string;
        version: number;
      };
    const quick = await raise('no_mask');
    const slow = await raise('smoking');
    const period = periodContaining('month', shanghaiDateOf(t.clock.now()));
    expect((await t.request('POST', `/api/alerts/${quick.id}/confirm`, { token: county, body: { version: quick.version } })).status).toBe(
      200,
    );
    t.clock.advance((ALERT_HANDLING_HOURS + 1) * 3_600_000);
    county = await t.login(`county.${COUNTY}`); // a day idle ends the session
    const dismissed = await t.request('POST', `/api/alerts/${slow.id}/dismiss`, {
      token: county,
      body: { version: slow.version, reason: '误报：画面中为厨师帽' },
    });
    expect(dismissed.status).toBe(200);
    const items = (
      await t.request('GET', `/api/assessment/records?period=${period}&school=${school.code}&indicator=alert_handling`, { token: county })
    ).body.items as Array<{ id: string; met: boolean }>;
    expect(Object.fromEntries(items.map((item) => [item.id, item.met]))).toEqual({ [quick.id]: true, [slow.id]: false });
    const unit = (await t.request('GET', `/api/assessment?period=${period}&county=${COUNTY}`, { token: county })).body.units.find(
      (u: { code: string }) => u.code === school.code,
    );
    expect(unit.indicators.find((i: { code: string }) => i.code === 'alert_handling')).toMatchObject({
      numerator: 1,
      denominator: 2,
      rate: 0.5,
    });
  });
});
