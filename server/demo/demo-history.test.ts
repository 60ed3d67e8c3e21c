// The demo's first start is alive: thirty days of history that the assessment, the ranking, the risk grades
// and the bulletin can speak of — alerts mostly triaged, tasks through their states (closed, late, overdue),
// daily patrols, morning checks and camera outages — written as rows the API reads like any other.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pickExamples } from '../reports/examples';
import { startTestServer, type TestServer } from '../../tests/support/test-server';
import { addDays, shanghaiDate } from '../time';
import { HISTORY_DAYS, seedDemoHistory } from './demo-history';

describe('demo history', () => {
  let t: TestServer;
  let admin: string;
  let today: string;

  beforeAll(async () => {
    t = await startTestServer({ canteens: 120 });
    admin = await t.login('city.admin');
    today = shanghaiDate(t.clock.now());
    await t.db.transaction((trx) => seedDemoHistory(trx, t.dataset, today));
  });
  afterAll(async () => {
    await t?.close();
  });

  const countBy = async (table: string, column: string) =>
    Object.fromEntries(
      ((await t.db(table).groupBy(column).select(column).count({ n: '*' })) as Array<Record<string, string | number>>).map((row) => [
        row[column],
        Number(row.n),
      ]),
    );

  it('writes alerts mostly triaged, and the tasks the confirmed ones became at every stage', async () => {
    const alerts = await countBy('alerts', 'status');
    const total = alerts.confirmed! + alerts.dismissed! + (alerts.new ?? 0);
    expect((alerts.confirmed! + alerts.dismissed!) / total).toBeGreaterThan(0.9);
    const tasks = await countBy('tasks', 'state');
    expect(tasks.closed).toBeGreaterThan(tasks.accepted ?? 0);
    expect(Object.keys(tasks).sort()).toEqual(expect.arrayContaining(['accepted', 'closed', 'dispatched', 'submitted']));
    expect(tasks.closed! + (tasks.accepted ?? 0) + (tasks.dispatched ?? 0) + (tasks.submitted ?? 0)).toBe(alerts.confirmed);
    const overdueOpen = await t.db('tasks').whereNotNull('overdue_at').whereNot('state', 'closed').count({ n: '*' });
    expect(Number(overdueOpen[0]!.n)).toBeGreaterThan(0);
    const overdue = (await t.db('tasks').whereNotNull('overdue_at').first('id')) as { id: string };
    expect(await t.db('task_events').where({ task_id: overdue.id, action: 'overdue' }).pluck('actor_kind')).toEqual(['system']);
    const closedLate = await t.db('tasks').whereNotNull('overdue_at').where('state', 'closed').count({ n: '*' });
    expect(Number(closedLate[0]!.n)).toBeGreaterThan(0);
    // A confirmed alert names its task, and the task's timeline tells its story from dispatch to approval.
    const closed = (await t.db('tasks').where({ state: 'closed' }).first('id', 'alert_id')) as { id: string; alert_id: string };
    expect((await t.db('alerts').where({ id: closed.alert_id }).first('task_id', 'status')) as object).toEqual({
      task_id: closed.id,
      status: 'confirmed',
    });
    expect((await t.db('task_events').where({ task_id: closed.id }).orderBy('at').pluck('action')) as string[]).toEqual([
      'dispatch',
      'accept',
      'submit',
      'approve',
    ]);
    const task = await t.request('GET', `/api/tasks/${closed.id}`, { token: admin });
    expect(task.status).toBe(200);
  });

  it('keeps it within the last thirty days, with patrols, morning checks and camera outages', async () => {
    const since = new Date(t.clock.now().getTime() - (HISTORY_DAYS + 1) * 86_400_000);
    expect(Number((await t.db('alerts').where('first_seen_at', '<', since).count({ n: '*' }))[0]!.n)).toBe(0);
    expect(Number((await t.db('alerts').where('first_seen_at', '>', t.clock.now()).count({ n: '*' }))[0]!.n)).toBe(0);
    const patrols = await countBy('patrol_records', 'result');
    expect(patrols.passed).toBeGreaterThan(patrols.failed!);
    const checks = Number((await t.db('ledger_entries').where({ kind: 'morning_check' }).count({ n: '*' }))[0]!.n);
    expect(checks).toBeGreaterThan(t.dataset.schools.length * 10);
    const outages = Number((await t.db('camera_status_history').where({ status: 'offline' }).count({ n: '*' }))[0]!.n);
    expect(outages).toBeGreaterThan(0);
    // Nothing after today, and nothing written later than now (today's morning checks are done by now).
    expect((await t.db('ledger_entries').where('entry_date', '>', addDays(today, 0)).count({ n: '*' }))[0]).toEqual({ n: 0 });
    expect((await t.db('ledger_entries').where('created_at', '>', new Date()).count({ n: '*' }))[0]).toEqual({ n: 0 });
    // Schools keep their weekly records almost always: a warning for the few that lapsed, not for every school.
    for (const kind of ['meal_accompaniment', 'self_inspection']) {
      const schools = Number((await t.db('ledger_entries').where({ kind }).countDistinct({ n: 'school_id' }))[0]!.n);
      expect(schools).toBeGreaterThan(t.dataset.schools.length * 0.9);
    }
  });

  it('gives the assessment of the last month different scores, so the ranking and the bulletin have a best and a worst', async () => {
    const period = addDays(today, -HISTORY_DAYS + 5).slice(0, 7);
    const assessment = await t.request('GET', `/api/assessment?period=${period}`, { token: admin });
    expect(assessment.status).toBe(200);
    const units = assessment.body.units as Array<{ score: number | null }>;
    expect(new Set(units.map((unit) => unit.score)).size).toBeGreaterThan(3);
    const picks = pickExamples(units);
    expect(picks.good ?? picks.bad).not.toBeNull();
  });

  it('grades canteens on it: some above A once their record is in', async () => {
    expect((await t.request('POST', '/api/risk/recompute', { token: admin, body: {} })).status).toBe(200);
    const grades = await countBy('canteen_risk', 'grade');
    expect(Object.keys(grades).length).toBeGreaterThan(1);
  });
});
