// Risk grading end to end: the recompute over the test data set, the evidence that moves a canteen up, the
// daily history, scoping of every read, the event-log-driven top-up of the scheduled job, and the patrol plan
// ordered by grade.
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { putSetting } from '../../tests/support/settings';
import { startTestServer, type TestServer } from '../../tests/support/test-server';
import { patrolCandidates } from '../patrol/queries';
import { PAST_INTERVAL_BOOST, patrolPriority, type PatrolCandidate } from '../patrol/priority';
import { sweepDeadlines } from '../tasks/commands/sweepDeadlines';
import { shanghaiDate } from '../time';
import { runRiskGrading } from './commands/runRiskGrading';

const COUNTY = '130822';
const OTHER_COUNTY = '130824';

describe('risk grading', () => {
  let t: TestServer;
  let admin: string;
  let duty: string;
  let county: string;
  let canteenIn: (code: string) => Array<TestServer['dataset']['canteens'][number]>;
  let target: TestServer['dataset']['canteens'][number];
  let targetSchool: TestServer['dataset']['schools'][number];

  const lastSeq = async () => Number(((await t.db('event_log').max({ seq: 'seq' })) as Array<{ seq: number | null }>)[0]!.seq ?? 0);
  const riskEventsAfter = async (seq: number) =>
    (await t
      .db('event_log')
      .where('seq', '>', seq)
      .where({ type: 'risk.updated' })
      .orderBy('seq')
      .select('payload', 'scope_nodes')) as Array<{
      payload: { county: { code: string }; counts: Record<string, number>; changed: string[] };
      scope_nodes: string[];
    }>;

  beforeAll(async () => {
    t = await startTestServer({ canteens: 60 });
    admin = await t.login('city.admin');
    duty = await t.login('city.duty');
    county = await t.login(`county.${COUNTY}`);
    const schoolOf = new Map(t.dataset.schools.map((school) => [school.id, school]));
    canteenIn = (code) => t.dataset.canteens.filter((canteen) => schoolOf.get(canteen.schoolId)!.countyCode === code);
    const cameras = new Set(t.dataset.cameras.map((camera) => camera.canteenId));
    target = canteenIn(COUNTY).find((canteen) => cameras.has(canteen.id))!;
    targetSchool = schoolOf.get(target.schoolId)!;
  });
  afterAll(async () => {
    await t?.close();
  });

  it('recomputes every canteen in one go: a grade each, today in the history, one risk.updated event per county', async () => {
    const before = await lastSeq();
    const response = await t.request('POST', '/api/risk/recompute', { token: admin });
    expect(response.status).toBe(200);
    const canteens = t.dataset.canteens.length;
    expect(response.body).toMatchObject({ canteens, changed: canteens, counties: 11 });
    expect(Object.values(response.body.byGrade as Record<string, number>).reduce((a, b) => a + b, 0)).toBe(canteens);

    expect(Number((await t.db('canteen_risk').count({ n: '*' }))[0]!.n)).toBe(canteens);
    const days = (await t.db('canteen_risk_history').select(t.db.raw("to_char(day, 'YYYY-MM-DD') AS day")).distinct()) as Array<{
      day: string;
    }>;
    expect(days).toEqual([{ day: shanghaiDate(t.clock.now()) }]);

    const events = await riskEventsAfter(before);
    expect(events).toHaveLength(11);
    for (const event of events) {
      const inCounty = canteenIn(event.payload.county.code);
      expect(event.scope_nodes).toContain(event.payload.county.code);
      expect(event.payload.changed.sort()).toEqual(inCounty.map((canteen) => canteen.id).sort());
      expect(Object.values(event.payload.counts).reduce((a, b) => a + b, 0)).toBe(inCounty.length);
    }

    // Every explanation adds up to its score, and the grade follows the thresholds.
    const rows = (await t.db('canteen_risk').select('score', 'grade', 'static', 'dynamic', 'factors')) as Array<{
      score: number;
      grade: string;
      static: number;
      dynamic: number;
      factors: Array<{ points: number; code: string }>;
    }>;
    for (const row of rows) {
      expect(row.factors.reduce((sum, f) => sum + f.points, 0)).toBeCloseTo(row.score, 2);
      expect(row.static + row.dynamic).toBeCloseTo(row.score, 2);
      expect(row.grade).toBe(row.score <= 30 ? 'A' : row.score <= 45 ? 'B' : row.score <= 60 ? 'C' : 'D');
      expect(row.factors.map((f) => f.code)).toContain('school_type');
    }

    // Recomputing with nothing new changes no grade and tells nobody.
    const again = await lastSeq();
    expect((await t.request('POST', '/api/risk/recompute', { token: admin })).body).toMatchObject({ canteens, changed: 0, counties: 0 });
    expect(await riskEventsAfter(again)).toHaveLength(0);

    // The routes are in the OpenAPI document.
    const openApi = await t.request('GET', '/api/openapi.json');
    expect(Object.keys(openApi.body.paths)).toEqual(
      expect.arrayContaining([
        '/api/risk/canteens',
        '/api/risk/canteens/{id}',
        '/api/risk/distribution',
        '/api/risk/heatmap',
        '/api/risk/recompute',
      ]),
    );

    // Only a city administrator may recompute.
    expect((await t.request('POST', '/api/risk/recompute', { token: duty })).status).toBe(403);
    expect((await t.request('POST', '/api/risk/recompute', { token: county })).status).toBe(403);
    expect((await t.request('POST', '/api/risk/recompute', { token: admin, body: { county: '999999' } })).status).toBe(404);
  });

  it('moves a canteen up for confirmed alerts, an overdue task and failed patrols, and names them; the job recomputes only touched canteens', async () => {
    // The scheduled job: today's full run first, then nothing to do.
    expect((await runRiskGrading(t.server.ctx)).mode).toBe('full');
    expect((await runRiskGrading(t.server.ctx)).mode).toBe('idle');
    const before = (await t.request('GET', `/api/risk/canteens/${target.id}`, { token: county })).body;
    expect(before.current.factors.map((f: { code: string }) => f.code)).not.toContain('confirmed_alerts');

    // Three confirmed alerts on video.
    for (const category of ['smoking', 'no_mask', 'rodent']) {
      const raised = await t.request('POST', '/api/alerts', { token: duty, body: { source: 'ai', category, canteenId: target.id } });
      expect(raised.status).toBe(201);
      const confirmed = await t.request('POST', `/api/alerts/${raised.body.alert.id}/confirm`, {
        token: duty,
        body: { version: raised.body.alert.version },
      });
      expect(confirmed.status).toBe(200);
    }
    // A rectification task that runs past its deadline.
    const task = await t.request('POST', '/api/tasks', {
      token: duty,
      body: { title: '后厨卫生整改', assignee: targetSchool.code, canteenId: target.id, deadlineHours: 24 },
    });
    expect(task.status).toBe(201);
    await t
      .db('tasks')
      .where({ id: task.body.id })
      .update({ deadline: new Date(t.clock.now().getTime() - 60_000) });
    expect((await sweepDeadlines(t.server.ctx)).overdue).toBe(1);
    // Two failed patrols, each failing one key item.
    const lists = (await t.request('GET', '/api/checklists', { token: county })).body.items as Array<{
      id: string;
      kind: string;
      content: { sections: Array<{ items: Array<{ code: string; key: boolean }> }> };
    }>;
    const remote = lists.find((list) => list.kind === 'remote_patrol')!;
    const items = remote.content.sections.flatMap((section) => section.items);
    const keyItem = items.find((item) => item.key)!;
    for (let i = 0; i < 2; i += 1) {
      const answers = items.map((item) => ({ item: item.code, result: item.code === keyItem.code ? 'fail' : 'pass' }));
      const recorded = await t.request('POST', '/api/patrol/records', {
        token: county,
        body: { canteenId: target.id, checklistId: remote.id, answers },
      });
      expect(recorded.status).toBe(201);
    }

    // The job finds the touched canteens in the event log and recomputes only those.
    const seq = await lastSeq();
    const run = await runRiskGrading(t.server.ctx);
    expect(run.mode).toBe('touched');
    if (run.mode !== 'touched') return;
    const ofSchool = t.dataset.canteens.filter((canteen) => canteen.schoolId === target.schoolId).length;
    expect(run.canteens).toBe(ofSchool);

    const after = (await t.request('GET', `/api/risk/canteens/${target.id}`, { token: county })).body;
    expect(after.current.score).toBeGreaterThan(before.current.score + 20);
    expect(after.current.dynamic).toBeGreaterThan(before.current.dynamic);
    const factor = (code: string) => after.current.factors.find((f: { code: string }) => f.code === code);
    expect(factor('confirmed_alerts')).toMatchObject({ label: '确认的视频预警', evidence: { alerts: 3 } });
    expect(factor('overdue_tasks')).toMatchObject({ label: '整改逾期', points: 5, evidence: { open: 1, closedLate: 0 } });
    expect(factor('patrol_failed')).toMatchObject({ label: '巡查/检查不合格', points: 8, evidence: { failed: 2, patrols: 2 } });
    expect(factor('key_items_failed')).toMatchObject({ points: 6, evidence: { keyItems: 2 } });
    expect(after.current.grade).not.toBe(before.current.grade);

    // Its county hears of it, once, with the counts and the canteen that changed.
    const events = await riskEventsAfter(seq);
    expect(events).toHaveLength(1);
    expect(events[0]!.payload.county.code).toBe(COUNTY);
    expect(events[0]!.payload.changed).toEqual([target.id]);
    expect(Object.values(events[0]!.payload.counts).reduce((a, b) => a + b, 0)).toBe(canteenIn(COUNTY).length);

    // The list shows it under its new grade.
    const list = await t.request('GET', `/api/risk/canteens?grade=${after.current.grade}`, { token: county });
    expect(list.body.items.map((item: { canteen: { id: string } }) => item.canteen.id)).toContain(target.id);
    expect((await runRiskGrading(t.server.ctx)).mode).toBe('idle');
  });

  it('keeps one history row per canteen and day', async () => {
    const history = () =>
      t
        .db('canteen_risk_history')
        .where({ canteen_id: target.id })
        .orderBy('day')
        .select(t.db.raw("to_char(day, 'YYYY-MM-DD') AS day"), 'grade');
    expect(await history()).toHaveLength(1);
    await t.request('POST', '/api/risk/recompute', { token: admin });
    expect(await history()).toHaveLength(1);

    const yesterday = shanghaiDate(t.clock.now());
    t.clock.advance(86_400_000);
    const today = shanghaiDate(t.clock.now());
    // Sessions idle out over a day: log in again.
    [admin, duty, county] = await Promise.all([t.login('city.admin'), t.login('city.duty'), t.login(`county.${COUNTY}`)]);
    expect((await runRiskGrading(t.server.ctx)).mode).toBe('full');
    expect((await runRiskGrading(t.server.ctx)).mode).toBe('idle');
    const rows = (await history()) as Array<{ day: string; grade: string }>;
    expect(rows.map((row) => row.day)).toEqual([yesterday, today]);
    const detail = (await t.request('GET', `/api/risk/canteens/${target.id}`, { token: county })).body;
    expect(detail.history.map((row: { day: string }) => row.day)).toEqual([yesterday, today]);
    expect(detail.history[1].grade).toBe(detail.current.grade);
    expect(detail.canteen.lastPatrolAt).not.toBeNull();
    expect(Number((await t.db('canteen_risk_history').count({ n: '*' }))[0]!.n)).toBe(2 * t.dataset.canteens.length);
  });

  it("shows a county operator only their county's grades, distribution and heatmap", async () => {
    const mine = canteenIn(COUNTY);
    const foreign = canteenIn(OTHER_COUNTY)[0]!;

    const list = await t.request('GET', '/api/risk/canteens?pageSize=500', { token: county });
    expect(list.status).toBe(200);
    expect(list.body.total).toBe(mine.length);
    expect(list.body.items.every((item: { county: { code: string } }) => item.county.code === COUNTY)).toBe(true);
    const scores = list.body.items.map((item: { score: number }) => item.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect((await t.request('GET', `/api/risk/canteens?county=${OTHER_COUNTY}`, { token: county })).status).toBe(404);
    const hidden = await t.request('GET', `/api/risk/canteens/${foreign.id}`, { token: county });
    expect(hidden.status).toBe(404);
    expect(hidden.body.error.code).toBe('not_found');
    expect((await t.request('GET', `/api/risk/canteens/${foreign.id}`, { token: duty })).status).toBe(200);
    expect((await t.request('GET', `/api/risk/canteens?grade=E`, { token: county })).body.error.code).toBe('invalid_input');

    const distribution = await t.request('GET', '/api/risk/distribution', { token: county });
    expect(distribution.body.counties).toHaveLength(1);
    expect(distribution.body.counties[0]).toMatchObject({ code: COUNTY, canteens: mine.length, ungraded: 0 });
    expect(distribution.body.total.canteens).toBe(mine.length);
    expect((await t.request('GET', `/api/risk/distribution?county=${OTHER_COUNTY}`, { token: county })).status).toBe(404);
    const city = await t.request('GET', '/api/risk/distribution', { token: duty });
    expect(city.body.counties).toHaveLength(11);
    expect(city.body.total).toMatchObject({ canteens: t.dataset.canteens.length, ungraded: 0 });
    const total = city.body.total as Record<string, number>;
    expect(total.A! + total.B! + total.C! + total.D!).toBe(t.dataset.canteens.length);

    // An alert in another county shows on the city's heatmap, not on the county's.
    const elsewhere = await t.request('POST', '/api/alerts', {
      token: duty,
      body: { source: 'ai', category: 'smoking', canteenId: foreign.id },
    });
    expect(elsewhere.status).toBe(201);
    const heat = await t.request('GET', '/api/risk/heatmap', { token: county });
    expect(heat.status).toBe(200);
    const ids = new Set(mine.map((canteen) => canteen.id));
    expect(heat.body.points.every((point: { canteenId: string }) => ids.has(point.canteenId))).toBe(true);
    expect(heat.body.points.find((point: { canteenId: string }) => point.canteenId === target.id)).toMatchObject({
      lng: target.lng,
      lat: target.lat,
      count: 3,
    });
    const smoking = await t.request('GET', '/api/risk/heatmap?category=smoking', { token: county });
    expect(smoking.body.points).toEqual([{ canteenId: target.id, lng: target.lng, lat: target.lat, count: 1 }]);
    const cityHeat = await t.request('GET', '/api/risk/heatmap?category=smoking', { token: duty });
    expect(cityHeat.body.points.map((point: { canteenId: string }) => point.canteenId).sort()).toEqual([target.id, foreign.id].sort());
    expect((await t.request('GET', `/api/risk/heatmap?county=${OTHER_COUNTY}`, { token: county })).status).toBe(404);
    const today = shanghaiDate(t.clock.now());
    expect((await t.request('GET', `/api/risk/heatmap?from=${today}&to=${today}`, { token: county })).status).toBe(200);
    const tooLong = await t.request('GET', '/api/risk/heatmap?from=2026-01-01&to=2026-06-30', { token: county });
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.error).toMatchObject({ code: 'invalid_input', details: { maxDays: 90 } });
    expect((await t.request('GET', '/api/risk/heatmap?from=2026-06-30&to=2026-06-01', { token: county })).status).toBe(400);

    // A school sees its own canteen; nobody sees anything without logging in.
    const school = await t.login(`school.${targetSchool.code}`);
    expect((await t.request('GET', `/api/risk/canteens/${target.id}`, { token: school })).status).toBe(200);
    expect((await t.request('GET', `/api/risk/canteens/${foreign.id}`, { token: school })).status).toBe(404);
    expect((await t.request('GET', '/api/risk/distribution')).status).toBe(401);
  });

  it('puts a D canteen before an A canteen with the same last look in the patrol plan', async () => {
    const [high, low] = canteenIn(OTHER_COUNTY).slice(1, 3);
    const now = t.clock.now();
    const lookedAt = new Date(now.getTime() - 20 * 86_400_000);
    const checklist = (await t.db('checklists').where({ kind: 'remote_patrol', active: true }).first('id')) as { id: string };
    const operator = (await t.db('users').where({ username: 'city.duty' }).first('id', 'jurisdiction_id')) as {
      id: string;
      jurisdiction_id: string;
    };
    for (const canteen of [high!, low!]) {
      await t.db('patrol_records').insert({
        id: uuidv7(),
        canteen_id: canteen.id,
        school_id: canteen.schoolId,
        scope_path: canteen.scopePath,
        operator_id: operator.id,
        operator_name: '值班员',
        operator_node_id: operator.jurisdiction_id,
        checklist_id: checklist.id,
        result: 'passed',
        answers: JSON.stringify([]),
        failed_count: 0,
        key_failed_count: 0,
        submitted_at: lookedAt,
      });
    }
    await t.db('canteen_risk').where({ canteen_id: high!.id }).update({ score: 72, grade: 'D' });
    await t.db('canteen_risk').where({ canteen_id: low!.id }).update({ score: 12, grade: 'A' });

    const city = t.dataset.jurisdictions.find((node) => node.level === 'city')!;
    const candidates = await patrolCandidates(t.db, city.path, now);
    expect(candidates.find((c) => c.canteenId === high!.id)).toMatchObject({ riskScore: 72, riskGrade: 'D', lastPatrolAt: lookedAt });

    expect((await putSetting(t, admin, 'patrol.dailyTarget', t.dataset.canteens.length)).status).toBe(200);
    const plan = await t.request('GET', '/api/patrol/plan', { token: duty });
    expect(plan.status).toBe(200);
    expect(plan.body.total).toBe(t.dataset.canteens.length);
    const position = (id: string) => plan.body.items.find((item: { canteen: { id: string } }) => item.canteen.id === id);
    const d = position(high!.id);
    const a = position(low!.id);
    expect(d.position).toBeLessThan(a.position);
    expect(d.priority).toBeGreaterThan(a.priority);
    // 20 days is inside both intervals (D 23, A 91): the risk alone decides. The plan shows the graded risk.
    expect(d.reasons).toContain('days_since_last:20');
    expect(a.reasons).toContain('days_since_last:20');
    expect(d.risk).toEqual({ grade: 'D', score: 72 });
    expect(a.risk).toEqual({ grade: 'A', score: 12 });
  });
});

describe('patrol priority by grade and look interval', () => {
  const today = new Date('2026-11-22T02:00:00Z');
  const candidate = (over: Partial<PatrolCandidate>): PatrolCandidate => ({
    canteenId: 'c',
    schoolId: 's',
    countyId: 'k',
    scopePath: '/130000/130800/130822/x/',
    schoolType: 'primary',
    diners: 300,
    operationMode: 'self_run',
    licenceExpired: false,
    recentAlerts: 0,
    overdueTasks: 0,
    lastPatrolAt: null,
    camerasOnline: 1,
    riskScore: 20,
    riskGrade: 'A',
    ...over,
  });
  const daysAgo = (days: number) => new Date(today.getTime() - days * 86_400_000);

  it('ranks a canteen past its grade interval higher than one just inside it', () => {
    const inside = patrolPriority(candidate({ lastPatrolAt: daysAgo(90) }), today);
    const past = patrolPriority(candidate({ lastPatrolAt: daysAgo(92) }), today);
    expect(past.priority).toBeGreaterThan(inside.priority * (PAST_INTERVAL_BOOST - 0.1));
    expect(past.reasons).toContain('past_interval:91');
    expect(inside.reasons.some((reason) => reason.startsWith('past_interval'))).toBe(false);
  });

  it('makes a D canteen due after 23 days, an A canteen after 91', () => {
    const d = patrolPriority(candidate({ riskScore: 70, riskGrade: 'D', lastPatrolAt: daysAgo(24) }), today);
    const a = patrolPriority(candidate({ riskScore: 20, riskGrade: 'A', lastPatrolAt: daysAgo(60) }), today);
    expect(d.reasons).toContain('past_interval:23');
    expect(d.priority).toBeGreaterThan(a.priority);
  });

  it('weighs a canteen never graded by the grading function on its profile and licence, and says it is ungraded', () => {
    // Primary (9) with 300 diners (4), licence lapsed: lifted to 46, grade C (interval 30), like a graded one.
    const ungraded = patrolPriority(candidate({ riskScore: null, riskGrade: null, licenceExpired: true }), today);
    const graded = patrolPriority(candidate({ riskScore: 46, riskGrade: 'C', licenceExpired: true }), today);
    expect(ungraded.reasons).toEqual(expect.arrayContaining(['never_patrolled', 'ungraded', 'past_interval:30', 'licence_expired']));
    expect(ungraded.priority).toBe(graded.priority);
  });

  it('plans a canteen whose cameras show no live video after one that can be seen', () => {
    const seen = patrolPriority(candidate({}), today);
    const unseen = patrolPriority(candidate({ camerasOnline: 0 }), today);
    expect(unseen.reasons).toContain('no_live_video');
    expect(unseen.priority).toBeLessThan(seen.priority);
  });
});
