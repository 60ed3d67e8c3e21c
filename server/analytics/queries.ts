// Reads for analytics: a camera's rules in force (its own, else the city-wide defaults of its area), the
// detection workers alive now, the cameras a worker should analyse, and the labelled alerts of the data set.
import type { Knex } from 'knex';
import { CameraRules, defaultRules, type CameraArea } from '../../analytics/rules';
import type { CAMERA_STATUSES } from '../../analytics/worker/protocol';
import { relayForCamera } from '../relays/assignment';
import { whereWithin } from '../db/scope';
import { codesOfPath, isWithin } from '../policy/actor';

export interface RulesInForce {
  cameraId: string;
  area: CameraArea;
  scopePath: string;
  source: 'default' | 'camera';
  /** 0 for a camera that never had rules of its own; counts up with every change, a return to the defaults too. */
  version: number;
  rules: CameraRules;
  updatedAt: Date | null;
}

interface RulesRow {
  id: string;
  area: CameraArea;
  scope_path: string;
  rules: unknown;
  version: number | null;
  updated_at: Date | null;
}

/** Stored rules are parsed again on the way out: a rule written by an older version gains the new defaults. */
function inForce(row: RulesRow): RulesInForce {
  const own =
    row.rules === null || row.rules === undefined
      ? undefined
      : CameraRules.safeParse(typeof row.rules === 'string' ? JSON.parse(row.rules) : row.rules);
  const source = own?.success ? 'camera' : 'default';
  return {
    cameraId: row.id,
    area: row.area,
    scopePath: row.scope_path,
    source,
    // A row back on the defaults (rules null), or one that no longer parses, keeps its version.
    version: row.version ?? 0,
    rules: own?.success ? own.data : defaultRules(row.area),
    updatedAt: own?.success ? row.updated_at : null,
  };
}

const rulesColumns = ['m.id', 'm.area', 'm.scope_path', 'a.rules', 'a.version', 'a.updated_at'];

export async function findRulesInForce(db: Knex, cameraId: string): Promise<RulesInForce | undefined> {
  const row = (await db('cameras as m')
    .leftJoin('camera_analytics as a', 'a.camera_id', 'm.id')
    .where('m.id', cameraId)
    .first(rulesColumns)) as RulesRow | undefined;
  return row && inForce(row);
}

export interface WorkerRow {
  id: string;
  service_token_id: string;
  scope_path: string;
  model: string;
  labels: string[];
  cameras: number;
  interval_seconds: number;
  stats: Record<string, number>;
  first_seen_at: Date;
  last_seen_at: Date;
}

/** A worker that missed this many heartbeats is presumed gone: its cameras move to the others. */
export const MISSED_HEARTBEATS = 3;

/** Workers heard from recently enough; optionally only those whose scope meets `scopePath`. */
export async function listLiveWorkers(db: Knex, now: Date, scopePath?: string): Promise<WorkerRow[]> {
  const rows = (await db('analytics_workers')
    .whereRaw('last_seen_at >= ?::timestamptz - make_interval(secs => interval_seconds * ?)', [now, MISSED_HEARTBEATS])
    .orderBy('id')
    .select('*')) as WorkerRow[];
  return rows
    .map((row) => ({ ...row, labels: typeof row.labels === 'string' ? (JSON.parse(row.labels) as string[]) : row.labels }))
    .filter((row) => !scopePath || isWithin(scopePath, row.scope_path) || isWithin(row.scope_path, scopePath));
}

type CameraStatus = (typeof CAMERA_STATUSES)[number];

export interface AssignedCameraRow extends RulesInForce {
  name: string;
  status: CameraStatus;
  schoolCode: string;
}

/**
 * The cameras a worker should analyse: those pulled by a relay (connected) under the worker's jurisdiction,
 * shared among the live workers that cover them by rendezvous hashing (as relays share cameras), so a worker
 * that joins takes over its share at the others' next refresh. The asking worker always counts as live.
 */
export async function listAssignedCameras(db: Knex, worker: { id: string; scopePath: string }, now: Date): Promise<AssignedCameraRow[]> {
  const workers = (await listLiveWorkers(db, now)).map((row) => ({ id: row.id, url: '', scopePath: row.scope_path }));
  if (!workers.some((candidate) => candidate.id === worker.id)) workers.push({ id: worker.id, url: '', scopePath: worker.scopePath });
  const rows = await connectedCameras(db, worker.scopePath);
  return rows.filter((row) => relayForCamera({ id: row.id, scopePath: row.scope_path }, workers)?.id === worker.id).map(assignedCamera);
}

/** The cameras of a sampling visit (those of `ids` still connected under the scope), with their rules. */
export async function listVisitedCameras(db: Knex, scopePath: string, ids: readonly string[]): Promise<AssignedCameraRow[]> {
  if (ids.length === 0) return [];
  return (await connectedCameras(db, scopePath, ids)).map(assignedCamera);
}

type ConnectedRow = RulesRow & { name: string; status: CameraStatus };

/** Cameras pulled by a relay (connected) under a scope, optionally only some of them. */
function connectedCameras(db: Knex, scopePath: string, ids?: readonly string[]): Promise<ConnectedRow[]> {
  const query = whereWithin(db('cameras as m'), 'm.scope_path', scopePath)
    .leftJoin('camera_analytics as a', 'a.camera_id', 'm.id')
    .where('m.ingest', true);
  if (ids) void query.whereIn('m.id', ids);
  return query.orderBy('m.id').select([...rulesColumns, 'm.name', 'm.status']) as Promise<ConnectedRow[]>;
}

const assignedCamera = (row: ConnectedRow): AssignedCameraRow => ({
  ...inForce(row),
  name: row.name,
  status: row.status,
  schoolCode: codesOfPath(row.scope_path).at(-1)!,
});

export interface DatasetAlertRow {
  id: string;
  category: string;
  status: 'confirmed' | 'dismissed';
  dismiss_reason: string | null;
  camera_id: string | null;
  school_id: string;
  scope_path: string;
  first_seen_at: Date;
  last_seen_at: Date;
  snapshot_id: string | null;
  boxes: Array<{ label: string; score: number; box: [number, number, number, number] }> | null;
}

export interface DatasetFrameRow {
  alert_id: string;
  attachment_id: string;
  captured_at: Date;
  width: number;
  height: number;
  model: string;
  boxes: Array<{ label: string; score: number; box: [number, number, number, number]; trackId?: number }>;
}

/** Confirmed and dismissed AI alerts in scope last seen in [from, to), oldest first, at most `limit`. */
export async function listDatasetAlerts(
  db: Knex,
  scopePath: string,
  filter: { from: Date; to: Date; category?: string | undefined },
  limit: number,
): Promise<DatasetAlertRow[]> {
  const query = whereWithin(db('alerts'), 'scope_path', scopePath);
  if (filter.category) void query.where('category', filter.category);
  return (await query
    .where('source', 'ai')
    .whereIn('status', ['confirmed', 'dismissed'])
    .where('last_seen_at', '>=', filter.from)
    .where('last_seen_at', '<', filter.to)
    .orderBy([{ column: 'last_seen_at' }, { column: 'id' }])
    .limit(limit)
    .select(
      'id',
      'category',
      'status',
      'dismiss_reason',
      'camera_id',
      'school_id',
      'scope_path',
      'first_seen_at',
      'last_seen_at',
      'snapshot_id',
      'boxes',
    )) as DatasetAlertRow[];
}

export async function listDatasetFrames(db: Knex, alertIds: readonly string[]): Promise<DatasetFrameRow[]> {
  if (alertIds.length === 0) return [];
  const rows: DatasetFrameRow[] = [];
  for (let i = 0; i < alertIds.length; i += 1000) {
    rows.push(
      ...((await db('analytics_frames')
        .whereIn('alert_id', alertIds.slice(i, i + 1000))
        .orderBy([{ column: 'alert_id' }, { column: 'captured_at' }])
        .select('alert_id', 'attachment_id', 'captured_at', 'width', 'height', 'model', 'boxes')) as DatasetFrameRow[]),
    );
  }
  return rows;
}
