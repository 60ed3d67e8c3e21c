import type { Knex } from 'knex';
import { paginate } from '../db/paginate';
import { whereWithin } from '../db/scope';
import type { Page } from '../http/paging';
import type { AlertCategory, AlertSource, Severity } from './categories';
import { ALERT_STATUSES, type AlertStatus } from './state-machine';

export interface AlertRow {
  id: string;
  source: AlertSource;
  category: AlertCategory;
  severity: Severity;
  status: AlertStatus;
  school_id: string;
  canteen_id: string | null;
  camera_id: string | null;
  scope_path: string;
  fold_key: string;
  confidence: number | null;
  first_seen_at: Date;
  last_seen_at: Date;
  count: number;
  snapshot_id: string | null;
  boxes: Array<{ label: string; score: number; box: [number, number, number, number] }> | null;
  summary: string | null;
  details: Record<string, unknown> | null;
  dismiss_reason: string | null;
  task_id: string | null;
  /** Who decided: a user, or (when the system did, e.g. auto-dispatch) the system actor's name. */
  triaged_by: string | null;
  triaged_by_system: string | null;
  triaged_at: Date | null;
  resolved_at: Date | null;
  /** Why the case resolved itself, e.g. how long the camera was down. */
  resolution: string | null;
  version: number;
}

export interface AlertListRow extends AlertRow {
  school_name: string;
  county_code: string;
  county_name: string;
  canteen_name: string | null;
  camera_name: string | null;
  triaged_by_name: string | null;
}

export interface AlertFilter {
  scopePath: string;
  schoolId?: string | undefined;
  cameraId?: string | undefined;
  category?: string | undefined;
  source?: string | undefined;
  status?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  /** Leave out the alerts this user has acknowledged. */
  unacknowledgedBy?: string | undefined;
  page: number;
  pageSize: number;
}

function joined(db: Knex) {
  return db('alerts as a')
    .join('schools as s', 's.id', 'a.school_id')
    .join('jurisdictions as county', 'county.id', 's.county_id')
    .leftJoin('canteens as c', 'c.id', 'a.canteen_id')
    .leftJoin('cameras as m', 'm.id', 'a.camera_id')
    .leftJoin('users as u', 'u.id', 'a.triaged_by');
}

const COLUMNS = [
  'a.*',
  's.name as school_name',
  'county.code as county_code',
  'county.name as county_name',
  'c.name as canteen_name',
  'm.name as camera_name',
  'u.display_name as triaged_by_name',
];

/** The alerts a filter selects (every filter but paging), on the bare table. */
function filtered(db: Knex, filter: Omit<AlertFilter, 'page' | 'pageSize'>) {
  const base = whereWithin(db('alerts as a'), 'a.scope_path', filter.scopePath);
  if (filter.schoolId) void base.where('a.school_id', filter.schoolId);
  if (filter.cameraId) void base.where('a.camera_id', filter.cameraId);
  if (filter.category) void base.where('a.category', filter.category);
  if (filter.source) void base.where('a.source', filter.source);
  if (filter.status) void base.where('a.status', filter.status);
  if (filter.from) void base.where('a.last_seen_at', '>=', new Date(filter.from));
  if (filter.to) void base.where('a.first_seen_at', '<', new Date(filter.to));
  if (filter.unacknowledgedBy) {
    const userId = filter.unacknowledgedBy;
    void base.whereNotExists((q) =>
      q.from('alert_acknowledgements as k').whereRaw('k.alert_id = a.id').where('k.user_id', userId).select(db.raw('1')),
    );
  }
  return base;
}

/** How many alerts of each status the filter selects: the counts on the desk's status tabs. */
export async function countAlerts(
  db: Knex,
  filter: Omit<AlertFilter, 'page' | 'pageSize' | 'status'>,
): Promise<Record<AlertStatus, number>> {
  const rows = (await filtered(db, filter).groupBy('a.status').select('a.status', db.raw('count(*)::int AS n'))) as Array<{
    status: AlertStatus;
    n: number;
  }>;
  const counts = Object.fromEntries(ALERT_STATUSES.map((status) => [status, 0])) as Record<AlertStatus, number>;
  for (const row of rows) counts[row.status] = Number(row.n);
  return counts;
}

export async function listAlerts(db: Knex, filter: AlertFilter): Promise<Page<AlertListRow>> {
  const base = filtered(db, filter);
  // The page is chosen on the bare table, then joined for its names.
  return paginate<AlertListRow>(base, filter, (page) =>
    joined(db)
      .whereIn('a.id', page.orderBy('a.last_seen_at', 'desc').orderBy('a.id').select('a.id'))
      .orderBy('a.last_seen_at', 'desc')
      .orderBy('a.id')
      .select(COLUMNS),
  );
}

export async function getAlert(db: Knex, id: string): Promise<AlertListRow | undefined> {
  return (await joined(db).where('a.id', id).first(COLUMNS)) as AlertListRow | undefined;
}

export async function findAlertNode(db: Knex, id: string): Promise<{ path: string } | undefined> {
  const row = (await db('alerts').where({ id }).first('scope_path')) as { scope_path: string } | undefined;
  return row ? { path: row.scope_path } : undefined;
}
