// A year of history for a province (the benchmarks' and the retention's ground): every month has its alerts,
// tasks, patrols, camera outages and daily risk grades, each city's duty officer issued its own city's tasks,
// and the event log holds the past in time order with the risk grading's cursor past it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateSmallProvince } from '../../fixtures/region/small-province';
import { startTestServer, type TestServer } from '../../tests/support/test-server';
import { addDays } from '../time';
import { seedHistory, type HistoryCounts } from './demo-history';

const UNTIL = '2026-12-01';

describe('a year of history', () => {
  let t: TestServer;
  let counts: HistoryCounts;

  beforeAll(async () => {
    t = await startTestServer({ dataset: generateSmallProvince(24) });
    counts = await t.db.transaction((trx) => seedHistory(trx, t.dataset, { until: UNTIL, days: 365, seed: 7, eventLog: true }));
  });
  afterAll(async () => {
    await t?.close();
  });

  const months = async (table: string, column: string) =>
    (
      (await t
        .db(table)
        .select(t.db.raw(`to_char(${column} AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM') AS month`))
        .distinct()) as Array<{
        month: string;
      }>
    ).map((row) => row.month);

  it('spreads alerts, tasks, patrols and camera outages over every month of the year, none after its last day', async () => {
    for (const [table, column] of [
      ['alerts', 'first_seen_at'],
      ['tasks', 'created_at'],
      ['patrol_records', 'submitted_at'],
    ] as const) {
      const seen = await months(table, column);
      expect(seen.length, table).toBeGreaterThanOrEqual(12);
      expect(
        seen.every((month) => month >= addDays(UNTIL, -366).slice(0, 7) && month <= UNTIL.slice(0, 7)),
        table,
      ).toBe(true);
    }
    const outages = (await t.db('camera_status_history').where({ status: 'offline' }).select('changed_at')) as Array<{ changed_at: Date }>;
    expect(new Set(outages.map((row) => row.changed_at.toISOString().slice(0, 7))).size).toBeGreaterThanOrEqual(10);
    expect(counts.alerts).toBe(365 * 14);
    expect(counts.tasks).toBeGreaterThan(100);
  });

  it('has each city’s tasks issued by that city’s duty officer', async () => {
    const rows = (await t
      .db('tasks as k')
      .join('jurisdictions as j', 'j.id', 'k.issuer_node_id')
      .select('j.code', 'k.scope_path')) as Array<{
      code: string;
      scope_path: string;
    }>;
    expect(new Set(rows.map((row) => row.code))).toEqual(new Set(['130800', '130100']));
    expect(rows.every((row) => row.scope_path.startsWith(`/130000/${row.code}/`))).toBe(true);
  });

  it('grades every canteen on every day of the year, mostly A and B', async () => {
    expect(counts.riskRows).toBe(t.dataset.canteens.length * 365);
    const grades = Object.fromEntries(
      ((await t.db('canteen_risk_history').groupBy('grade').select('grade').count({ n: '*' })) as Array<{ grade: string; n: number }>).map(
        (row) => [row.grade, Number(row.n)],
      ),
    );
    expect(grades.A! + grades.B!).toBeGreaterThan(counts.riskRows / 2);
    const detail = await t.request('GET', `/api/risk/canteens/${t.dataset.canteens[0]!.id}`, { token: await t.login('province.duty') });
    expect(detail.status).toBe(200);
  });

  it('puts the past on the event log in time order, and the risk grading starts after it', async () => {
    const events = (await t.db('event_log').orderBy('seq').select('seq', 'type', 'created_at', 'scope_nodes')) as Array<{
      seq: number;
      type: string;
      created_at: Date;
      scope_nodes: string[];
    }>;
    expect(events).toHaveLength(counts.events);
    expect(counts.events).toBeGreaterThan(counts.alerts + counts.taskEvents - 1);
    const times = events.map((event) => event.created_at.getTime());
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(new Set(events.map((event) => event.type))).toEqual(
      new Set([
        'alert.raised',
        'alert.confirmed',
        'alert.dismissed',
        'task.dispatched',
        'task.accepted',
        'task.submitted',
        'task.closed',
        'task.overdue',
      ]),
    );
    expect(events.every((event) => event.scope_nodes[0] === '130000')).toBe(true);
    const state = (await t.db('risk_recompute_state').first('last_seq')) as { last_seq: number };
    expect(Number(state.last_seq)).toBe(Number(events.at(-1)!.seq));
  });
});
