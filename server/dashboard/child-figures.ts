// One row per child of a node (a province's cities, a city's counties, a county's schools) with what the
// big screen ranks them on. Every scoped record carries the materialized path of the node it belongs to, so
// the child a record falls under is the path segment one level below the node: the counts group by that
// segment, never joining the tree, and cost the same few statements at any level. A record on the node
// itself (a task to the city) belongs to no child and is left out.
import type { Knex } from 'knex';
import type { RiskGrade } from '../../analytics/risk';
import { likePrefix } from '../db/scope';
import { OPEN_STATES, WORKING_STATES } from '../tasks/state-machine';
import type { Level } from '../policy/actor';

const list = (values: readonly string[]) => `('${values.join("','")}')`;
const OPEN = list(OPEN_STATES);
const WORKING = list(WORKING_STATES);
const n = (value: unknown) => Number(value ?? 0);

async function rows<T>(db: Knex, sql: string, bindings: readonly unknown[]): Promise<T[]> {
  return ((await db.raw(sql, bindings as Knex.RawBinding[])) as { rows: T[] }).rows;
}

export interface ChildRow {
  code: string;
  name: string;
  level: Level;
  centerLng: number | null;
  centerLat: number | null;
  canteens: number;
  grades: Record<RiskGrade | 'ungraded', number>;
  cameras: number;
  camerasOnline: number;
  openTasks: number;
  overdueTasks: number;
  alertsToday: number;
  patrols: number;
  patrolsPassed: number;
}

/** What the big screen ranks a unit on: everything of a ChildRow but the unit's own name and place. */
export type UnitFigures = Omit<ChildRow, 'code' | 'name' | 'level' | 'centerLng' | 'centerLat'>;

/** The node's children with their figures, by code. `nodePath` is the node's own ('/130000/130800/'). */
export async function childFigures(db: Knex, nodePath: string, now: Date, todayStart: Date, since: Date): Promise<ChildRow[]> {
  const children = (await db('jurisdictions')
    .whereIn('parent_id', db('jurisdictions').where({ path: nodePath }).select('id'))
    .orderBy('code')
    .select('code', 'name', 'level', 'center_lng', 'center_lat')) as Array<{
    code: string;
    name: string;
    level: Level;
    center_lng: number | null;
    center_lat: number | null;
  }>;
  if (children.length === 0) return [];
  // '/130000/' splits into '', '130000', '': the child's code is the part after the node's own.
  const figuresOf = await figuresBySegment(db, nodePath, nodePath.split('/').length, now, todayStart, since);
  return children.map((row) => ({
    code: row.code,
    name: row.name,
    level: row.level,
    centerLng: row.center_lng === null ? null : Number(row.center_lng),
    centerLat: row.center_lat === null ? null : Number(row.center_lat),
    ...figuresOf(row.code),
  }));
}

/**
 * The figures of the records under `scopePath`, grouped by the code at `segment` of their paths (split_part's
 * 1-based index: 3 for a city's code, 4 for a county's). Answers a unit's figures, zeros for one with none.
 */
export async function figuresBySegment(
  db: Knex,
  scopePath: string,
  segment: number,
  now: Date,
  todayStart: Date,
  since: Date,
): Promise<(code: string) => UnitFigures> {
  const child = (column: string) => `split_part(${column}, '/', ${segment})`;
  const scope = likePrefix(scopePath);
  type Keyed<T> = T & { child: string };
  const [canteens, cameras, tasks, alerts, patrols] = await Promise.all([
    rows<Keyed<{ a: number; b: number; c: number; d: number; ungraded: number; canteens: number }>>(
      db,
      `SELECT ${child('c.scope_path')} AS child,
              count(*) FILTER (WHERE r.grade = 'A') AS a, count(*) FILTER (WHERE r.grade = 'B') AS b,
              count(*) FILTER (WHERE r.grade = 'C') AS c, count(*) FILTER (WHERE r.grade = 'D') AS d,
              count(*) FILTER (WHERE r.grade IS NULL) AS ungraded, count(*) AS canteens
         FROM canteens c LEFT JOIN canteen_risk r ON r.canteen_id = c.id
        WHERE c.scope_path LIKE ? GROUP BY 1`,
      [scope],
    ),
    rows<Keyed<{ total: number; online: number }>>(
      db,
      `SELECT ${child('scope_path')} AS child, count(*) AS total, count(*) FILTER (WHERE status = 'online') AS online
         FROM cameras WHERE scope_path LIKE ? GROUP BY 1`,
      [scope],
    ),
    rows<Keyed<{ open: number; overdue: number }>>(
      db,
      `SELECT ${child('scope_path')} AS child, count(*) AS open,
              count(*) FILTER (WHERE state IN ${WORKING} AND (deadline < ? OR overdue_at IS NOT NULL)) AS overdue
         FROM tasks WHERE scope_path LIKE ? AND state IN ${OPEN} GROUP BY 1`,
      [now, scope],
    ),
    rows<Keyed<{ n: number }>>(
      db,
      `SELECT ${child('scope_path')} AS child, count(*) AS n FROM alerts
        WHERE scope_path LIKE ? AND first_seen_at >= ? AND last_seen_at >= ? GROUP BY 1`,
      [scope, todayStart, todayStart],
    ),
    rows<Keyed<{ total: number; passed: number }>>(
      db,
      `SELECT ${child('scope_path')} AS child, count(*) AS total, count(*) FILTER (WHERE result = 'passed') AS passed
         FROM patrol_records WHERE scope_path LIKE ? AND submitted_at >= ? GROUP BY 1`,
      [scope, since],
    ),
  ]);
  const index = <T extends { child: string }>(found: T[]) => new Map(found.map((row) => [row.child, row]));
  const [canteenOf, cameraOf, taskOf, alertOf, patrolOf] = [index(canteens), index(cameras), index(tasks), index(alerts), index(patrols)];
  return (code) => {
    const canteen = canteenOf.get(code);
    return {
      canteens: n(canteen?.canteens),
      grades: { A: n(canteen?.a), B: n(canteen?.b), C: n(canteen?.c), D: n(canteen?.d), ungraded: n(canteen?.ungraded) },
      cameras: n(cameraOf.get(code)?.total),
      camerasOnline: n(cameraOf.get(code)?.online),
      openTasks: n(taskOf.get(code)?.open),
      overdueTasks: n(taskOf.get(code)?.overdue),
      alertsToday: n(alertOf.get(code)?.n),
      patrols: n(patrolOf.get(code)?.total),
      patrolsPassed: n(patrolOf.get(code)?.passed),
    };
  };
}

/** The node's own outline and its children's, for the map of that node. */
export async function areaOutlines(
  db: Knex,
  nodePath: string,
): Promise<Array<{ code: string; name: string; level: Level; boundary: unknown }>> {
  const node = db('jurisdictions').where({ path: nodePath }).select('id');
  return (await db('jurisdictions')
    .whereNotNull('boundary')
    .where((q) => void q.where({ path: nodePath }).orWhereIn('parent_id', node))
    .orderBy('path')
    .select('code', 'name', 'level', 'boundary')) as Array<{ code: string; name: string; level: Level; boundary: unknown }>;
}
