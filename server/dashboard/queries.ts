// Reads for the command room's big screen. Each is a handful of grouped statements over a scope path, so a
// province's 17,000 canteens cost the same number of round trips as a county's forty. Days are Asia/Shanghai
// calendar days; `first_seen_at` of an alert is when it was first detected.
import type { Knex } from 'knex';
import type { RiskGrade } from '../../analytics/risk';
import type { AlertCategory } from '../alerts/categories';
import { likePrefix } from '../db/scope';
import { OPEN_STATES, WORKING_STATES } from '../tasks/state-machine';
import { figuresBySegment, type UnitFigures } from './child-figures';

const list = (values: readonly string[]) => `('${values.join("','")}')`;
const OPEN = list(OPEN_STATES);
const WORKING = list(WORKING_STATES);
const FAULTS = list(['offline', 'frozen', 'blurred', 'covered']);
const SHANGHAI_DAY = (column: string) => `to_char(${column} AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD')`;

const n = (value: unknown) => Number(value ?? 0);

async function rows<T>(db: Knex, sql: string, bindings: readonly unknown[]): Promise<T[]> {
  return ((await db.raw(sql, bindings as Knex.RawBinding[])) as { rows: T[] }).rows;
}

export interface ScopeRow {
  code: string;
  name: string;
  level: string;
}

export async function scopeNode(db: Knex, path: string): Promise<ScopeRow | undefined> {
  return (await db('jurisdictions').where({ path }).first('code', 'name', 'level')) as ScopeRow | undefined;
}

export async function alertsByCategory(
  db: Knex,
  scopePath: string,
  todayStart: Date,
  since: Date,
): Promise<Array<{ category: AlertCategory; today: number; total: number }>> {
  // last_seen_at ≥ first_seen_at: the redundant bound lets the last_seen_at index narrow the scan.
  const result = await rows<{ category: AlertCategory; today: number; total: number }>(
    db,
    `SELECT category, count(*) FILTER (WHERE first_seen_at >= ?) AS today, count(*) AS total
       FROM alerts
      WHERE scope_path LIKE ? AND first_seen_at >= ? AND last_seen_at >= ?
      GROUP BY category`,
    [todayStart, likePrefix(scopePath), since, since],
  );
  return result.map((row) => ({ category: row.category, today: n(row.today), total: n(row.total) }));
}

export async function taskCounts(db: Knex, scopePath: string, now: Date): Promise<{ open: number; overdue: number }> {
  const [row] = await rows<{ open: number; overdue: number }>(
    db,
    `SELECT count(*) FILTER (WHERE state IN ${OPEN}) AS open,
            count(*) FILTER (WHERE state IN ${WORKING} AND (deadline < ? OR overdue_at IS NOT NULL)) AS overdue
       FROM tasks
      WHERE scope_path LIKE ? AND state IN ${OPEN}`,
    [now, likePrefix(scopePath)],
  );
  return { open: n(row?.open), overdue: n(row?.overdue) };
}

export interface PatrolCounts {
  recordsToday: number;
  passedToday: number;
  records30Days: number;
  passed30Days: number;
}

export async function patrolCounts(db: Knex, scopePath: string, todayStart: Date, since: Date): Promise<PatrolCounts> {
  const [row] = await rows<{ today: number; passed_today: number; total: number; passed: number }>(
    db,
    `SELECT count(*) FILTER (WHERE submitted_at >= ?) AS today,
            count(*) FILTER (WHERE submitted_at >= ? AND result = 'passed') AS passed_today,
            count(*) AS total, count(*) FILTER (WHERE result = 'passed') AS passed
       FROM patrol_records
      WHERE scope_path LIKE ? AND submitted_at >= ?`,
    [todayStart, todayStart, likePrefix(scopePath), since],
  );
  return { recordsToday: n(row?.today), passedToday: n(row?.passed_today), records30Days: n(row?.total), passed30Days: n(row?.passed) };
}

/** Items of the given plans that lie in scope, and how many of them are done. */
export async function planProgress(db: Knex, planIds: readonly string[], scopePath: string): Promise<{ planned: number; done: number }> {
  if (planIds.length === 0) return { planned: 0, done: 0 };
  const [row] = await rows<{ planned: number; done: number }>(
    db,
    `SELECT count(*) AS planned, count(*) FILTER (WHERE status = 'done') AS done
       FROM patrol_plan_items
      WHERE plan_id = ANY(?::uuid[]) AND scope_path LIKE ?`,
    [planIds, likePrefix(scopePath)],
  );
  return { planned: n(row?.planned), done: n(row?.done) };
}

/** The cities whose daily patrol plan covers some of the scope: the one above or at it, or those under it. */
export async function citiesCovering(db: Knex, scopePath: string): Promise<Array<{ id: string; path: string }>> {
  return (await db('jurisdictions')
    .where({ level: 'city' })
    .where((q) => void q.whereRaw('? LIKE path || ?', [scopePath, '%']).orWhere('path', 'like', likePrefix(scopePath)))
    .orderBy('path')
    .select('id', 'path')) as Array<{ id: string; path: string }>;
}

export async function cameraCounts(db: Knex, scopePath: string): Promise<{ total: number; online: number; faulty: number }> {
  const [row] = await rows<{ total: number; online: number; faulty: number }>(
    db,
    `SELECT count(*) AS total, count(*) FILTER (WHERE status = 'online') AS online,
            count(*) FILTER (WHERE status IN ${FAULTS}) AS faulty
       FROM cameras WHERE scope_path LIKE ?`,
    [likePrefix(scopePath)],
  );
  return { total: n(row?.total), online: n(row?.online), faulty: n(row?.faulty) };
}

export interface TrendRow {
  day: string;
  alertsRaised: number;
  tasksDispatched: number;
  tasksClosed: number;
}

/** Per Shanghai day from `since`: alerts first seen, tasks dispatched (forwarded ones included), tasks closed. */
export async function dailyTrend(db: Knex, scopePath: string, since: Date): Promise<Map<string, TrendRow>> {
  const scope = likePrefix(scopePath);
  const [alerts, dispatched, closed] = await Promise.all([
    rows<{ day: string; n: number }>(
      db,
      `SELECT ${SHANGHAI_DAY('first_seen_at')} AS day, count(*) AS n FROM alerts
        WHERE scope_path LIKE ? AND first_seen_at >= ? AND last_seen_at >= ? GROUP BY 1`,
      [scope, since, since],
    ),
    rows<{ day: string; n: number }>(
      db,
      `SELECT ${SHANGHAI_DAY('created_at')} AS day, count(*) AS n FROM tasks WHERE scope_path LIKE ? AND created_at >= ? GROUP BY 1`,
      [scope, since],
    ),
    rows<{ day: string; n: number }>(
      db,
      `SELECT ${SHANGHAI_DAY('closed_at')} AS day, count(*) AS n FROM tasks
        WHERE scope_path LIKE ? AND state = 'closed' AND closed_at >= ? GROUP BY 1`,
      [scope, since],
    ),
  ]);
  const byDay = new Map<string, TrendRow>();
  const entry = (day: string) => {
    let row = byDay.get(day);
    if (!row) byDay.set(day, (row = { day, alertsRaised: 0, tasksDispatched: 0, tasksClosed: 0 }));
    return row;
  };
  for (const row of alerts) entry(row.day).alertsRaised = n(row.n);
  for (const row of dispatched) entry(row.day).tasksDispatched = n(row.n);
  for (const row of closed) entry(row.day).tasksClosed = n(row.n);
  return byDay;
}

/** A county with the figures every unit of the big screen's ranking has (child-figures.ts). */
export type CountyRow = UnitFigures & {
  id: string;
  code: string;
  name: string;
  centerLng: number | null;
  centerLat: number | null;
};

/** A county's code in a path ('/130000/130800/130822/…'): split_part's fourth part. */
const COUNTY_SEGMENT = 4;

/** One row per county in scope (a county operator's own only), with what the county ranking shows. */
export async function countyFigures(db: Knex, scopePath: string, now: Date, todayStart: Date, since: Date): Promise<CountyRow[]> {
  const scope = likePrefix(scopePath);
  // A scope below county level (not a staff case) still resolves to the county that holds it.
  const counties = await rows<{
    id: string;
    code: string;
    name: string;
    path: string;
    center_lng: number | null;
    center_lat: number | null;
  }>(
    db,
    `SELECT id, code, name, path, center_lng, center_lat FROM jurisdictions
      WHERE level = 'county' AND (path LIKE ? OR ? LIKE path || '%')
      ORDER BY code`,
    [scope, scopePath],
  );
  if (counties.length === 0) return [];
  const figuresOf = await figuresBySegment(db, scopePath, COUNTY_SEGMENT, now, todayStart, since);
  return counties.map((county) => ({
    id: county.id,
    code: county.code,
    name: county.name,
    centerLng: county.center_lng === null ? null : Number(county.center_lng),
    centerLat: county.center_lat === null ? null : Number(county.center_lat),
    ...figuresOf(county.code),
  }));
}

export interface CanteenPointRow {
  id: string;
  lng: number;
  lat: number;
  county: string;
  grade: RiskGrade | null;
}

/** Every canteen in scope with its place and current grade, for the map. */
export async function canteenPoints(db: Knex, scopePath: string): Promise<CanteenPointRow[]> {
  const result = await rows<CanteenPointRow>(
    db,
    `SELECT c.id, c.lng, c.lat, county.code AS county, r.grade
       FROM canteens c
       JOIN schools s ON s.id = c.school_id
       JOIN jurisdictions county ON county.id = s.county_id
       LEFT JOIN canteen_risk r ON r.canteen_id = c.id
      WHERE c.scope_path LIKE ?
      ORDER BY c.id`,
    [likePrefix(scopePath)],
  );
  return result.map((row) => ({ id: row.id, lng: Number(row.lng), lat: Number(row.lat), county: row.county, grade: row.grade ?? null }));
}
