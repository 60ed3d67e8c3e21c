import type { Knex } from 'knex';
import type { RiskGrade, SchoolType } from '../../analytics/risk';
import { paginate } from '../db/paginate';
import { whereWithin } from '../db/scope';
import type { Page } from '../http/paging';
import { shanghaiDate } from '../time';
import type { ChecklistContent } from './checklists/content';
import type { PatrolCandidate } from './priority';

export interface ChecklistRow {
  id: string;
  code: string;
  version: number;
  name: string;
  kind: 'inspection' | 'remote_patrol';
  content: ChecklistContent;
  active: boolean;
}

export async function listChecklists(db: Knex, includeInactive = false): Promise<ChecklistRow[]> {
  const query = db('checklists').orderBy(['code', { column: 'version', order: 'desc' }]);
  if (!includeInactive) void query.where({ active: true });
  return (await query.select('*')) as ChecklistRow[];
}

export async function getChecklist(db: Knex, id: string): Promise<ChecklistRow | undefined> {
  return (await db('checklists').where({ id }).first('*')) as ChecklistRow | undefined;
}

/**
 * Every canteen of a city with what its patrol priority needs: the graded risk, the last look, the cameras
 * online, and the flags the plan shows (licence, recent alerts, overdue tasks). Set-based: one grouped sub-query per
 * table, joined once, so a province's canteens take one statement.
 */
export async function patrolCandidates(db: Knex, cityPath: string, now: Date): Promise<PatrolCandidate[]> {
  const since = new Date(now.getTime() - 30 * 86_400_000);
  const today = shanghaiDate(now);
  const lastPatrol = whereWithin(db('patrol_records'), 'scope_path', cityPath)
    .groupBy('canteen_id')
    .select('canteen_id', db.raw('max(submitted_at) AS last_patrol_at'))
    .as('p');
  const alerts = whereWithin(db('alerts'), 'scope_path', cityPath)
    .whereNotNull('canteen_id')
    .whereNot('status', 'dismissed')
    .where('last_seen_at', '>', since)
    .groupBy('canteen_id')
    .select('canteen_id', db.raw('count(*) AS recent_alerts'))
    .as('a');
  const tasks = whereWithin(db('tasks'), 'scope_path', cityPath)
    .whereNotNull('canteen_id')
    .whereNotNull('overdue_at')
    .whereNotIn('state', ['closed', 'cancelled'])
    .groupBy('canteen_id')
    .select('canteen_id', db.raw('count(*) AS overdue_tasks'))
    .as('t');
  const online = whereWithin(db('cameras'), 'scope_path', cityPath)
    .where('status', 'online')
    .groupBy('canteen_id')
    .select('canteen_id', db.raw('count(*) AS cameras_online'))
    .as('k');
  const rows = (await whereWithin(
    db('canteens as c')
      .join('schools as s', 's.id', 'c.school_id')
      .leftJoin('canteen_risk as r', 'r.canteen_id', 'c.id')
      .leftJoin(lastPatrol, 'p.canteen_id', 'c.id')
      .leftJoin(alerts, 'a.canteen_id', 'c.id')
      .leftJoin(tasks, 't.canteen_id', 'c.id')
      .leftJoin(online, 'k.canteen_id', 'c.id'),
    'c.scope_path',
    cityPath,
  ).select(
    'c.id',
    'c.school_id',
    's.county_id',
    'c.scope_path',
    's.type',
    'c.diners',
    'c.operation_mode',
    db.raw('c.licence_expiry < ? AS licence_expired', [today]),
    'p.last_patrol_at',
    db.raw('coalesce(a.recent_alerts, 0) AS recent_alerts'),
    db.raw('coalesce(t.overdue_tasks, 0) AS overdue_tasks'),
    db.raw('coalesce(k.cameras_online, 0) AS cameras_online'),
    'r.score as risk_score',
    'r.grade as risk_grade',
  )) as Array<{
    id: string;
    school_id: string;
    county_id: string;
    scope_path: string;
    type: SchoolType;
    diners: number;
    operation_mode: PatrolCandidate['operationMode'];
    licence_expired: boolean;
    last_patrol_at: Date | null;
    recent_alerts: number;
    overdue_tasks: number;
    cameras_online: number;
    risk_score: number | null;
    risk_grade: RiskGrade | null;
  }>;
  return rows.map((row) => ({
    canteenId: row.id,
    schoolId: row.school_id,
    countyId: row.county_id,
    scopePath: row.scope_path,
    schoolType: row.type,
    diners: row.diners,
    operationMode: row.operation_mode,
    licenceExpired: row.licence_expired,
    recentAlerts: Number(row.recent_alerts),
    overdueTasks: Number(row.overdue_tasks),
    lastPatrolAt: row.last_patrol_at,
    camerasOnline: Number(row.cameras_online),
    riskScore: row.risk_score === null ? null : Number(row.risk_score),
    riskGrade: row.risk_grade,
  }));
}

export interface PlanItemRow {
  id: string;
  plan_id: string;
  canteen_id: string;
  canteen_name: string;
  school_id: string;
  school_name: string;
  county_code: string;
  county_name: string;
  city_code: string;
  city_name: string;
  position: number;
  priority: number;
  reasons: string[];
  status: 'pending' | 'done';
  record_id: string | null;
  result: 'passed' | 'failed' | null;
  /** The canteen's current grade (canteen_risk), as the map and the risk API show it. */
  risk_grade: RiskGrade | null;
  risk_score: number | null;
}

export async function planItems(db: Knex, planId: string, scopePath: string): Promise<PlanItemRow[]> {
  return (await whereWithin(
    db('patrol_plan_items as i')
      .join('canteens as c', 'c.id', 'i.canteen_id')
      .join('schools as s', 's.id', 'i.school_id')
      .join('jurisdictions as county', 'county.id', 'i.county_id')
      .join('jurisdictions as city', 'city.id', 'county.parent_id')
      .leftJoin('patrol_records as r', 'r.id', 'i.record_id')
      .leftJoin('canteen_risk as g', 'g.canteen_id', 'i.canteen_id')
      .where('i.plan_id', planId),
    'i.scope_path',
    scopePath,
  )
    .orderBy('i.position')
    .select(
      'i.*',
      'c.name as canteen_name',
      's.name as school_name',
      'county.code as county_code',
      'county.name as county_name',
      'city.code as city_code',
      'city.name as city_name',
      'r.result',
      'g.grade as risk_grade',
      'g.score as risk_score',
    )) as PlanItemRow[];
}

export interface PatrolRecordRow {
  id: string;
  canteen_id: string;
  school_id: string;
  scope_path: string;
  operator_id: string;
  operator_name: string;
  checklist_id: string;
  plan_item_id: string | null;
  result: 'passed' | 'failed';
  answers: Array<{ item: string; result: 'pass' | 'fail' | 'na'; note?: string; snapshotIds?: string[] }>;
  failed_count: number;
  key_failed_count: number;
  note: string | null;
  started_at: Date | null;
  submitted_at: Date;
  school_name: string;
  canteen_name: string;
}

function recordsJoined(db: Knex) {
  return db('patrol_records as r').join('schools as s', 's.id', 'r.school_id').join('canteens as c', 'c.id', 'r.canteen_id');
}

export async function listRecords(
  db: Knex,
  filter: {
    scopePath: string;
    canteenId?: string | undefined;
    result?: string | undefined;
    from?: Date | undefined;
    to?: Date | undefined;
    page: number;
    pageSize: number;
  },
): Promise<Page<PatrolRecordRow>> {
  const base = whereWithin(recordsJoined(db), 'r.scope_path', filter.scopePath);
  if (filter.canteenId) void base.where('r.canteen_id', filter.canteenId);
  if (filter.result) void base.where('r.result', filter.result);
  if (filter.from) void base.where('r.submitted_at', '>=', filter.from);
  if (filter.to) void base.where('r.submitted_at', '<', filter.to);
  return paginate<PatrolRecordRow>(base, filter, (page) =>
    page.orderBy('r.submitted_at', 'desc').orderBy('r.id').select('r.*', 's.name as school_name', 'c.name as canteen_name'),
  );
}

export async function getRecord(db: Knex, id: string): Promise<PatrolRecordRow | undefined> {
  return (await recordsJoined(db).where('r.id', id).first('r.*', 's.name as school_name', 'c.name as canteen_name')) as
    PatrolRecordRow | undefined;
}

export interface PassRateRow {
  key: string;
  name: string;
  total: number;
  passed: number;
}

/** Patrols and passes per Shanghai calendar day, or per county, between two instants. */
export async function passRates(db: Knex, scopePath: string, from: Date, to: Date, by: 'day' | 'county'): Promise<PassRateRow[]> {
  const base = whereWithin(db('patrol_records as r'), 'r.scope_path', scopePath)
    .where('r.submitted_at', '>=', from)
    .where('r.submitted_at', '<', to);
  if (by === 'day') {
    const day = db.raw("to_char(r.submitted_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD')");
    const rows = (await base
      .select({ key: day })
      .count({ total: '*' })
      .select(db.raw("count(*) FILTER (WHERE r.result = 'passed') AS passed"))
      .groupByRaw('1')
      .orderByRaw('1')) as Array<{ key: string; total: number; passed: number }>;
    return rows.map((row) => ({ key: row.key, name: row.key, total: Number(row.total), passed: Number(row.passed) }));
  }
  const rows = (await base
    .join('schools as s', 's.id', 'r.school_id')
    .join('jurisdictions as county', 'county.id', 's.county_id')
    .groupBy('county.code', 'county.name')
    .orderBy('county.code')
    .select('county.code as key', 'county.name as name')
    .count({ total: '*' })
    .select(db.raw("count(*) FILTER (WHERE r.result = 'passed') AS passed"))) as Array<{
    key: string;
    name: string;
    total: number;
    passed: number;
  }>;
  return rows.map((row) => ({ ...row, total: Number(row.total), passed: Number(row.passed) }));
}
