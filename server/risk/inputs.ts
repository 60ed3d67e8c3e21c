// Gathers the inputs of risk grading for many canteens at once: one query per kind of evidence over the whole
// set (canteens, patrols, alerts, cameras, tasks, complaints, staff health certificates, ledger entries), never
// one per canteen, so that a province of 17,183 canteens takes a handful of statements. The weighing itself is
// the pure `assessCanteenRisk`. The canteen's food business licence is the one on the canteens table: it is
// also the ledgers' qualification record (the school keeps it there; there is no second copy to prefer).
import type { Knex } from 'knex';
import {
  MIN_CAMERA_EXPOSURE_DAYS,
  RISK_EVIDENCE_WINDOW_DAYS,
  type CanteenRecord,
  type RiskGrade,
  type RiskInput,
  type SchoolType,
} from '../../analytics/risk';
import { likePrefix } from '../db/scope';
import { ledgerCompletenessOf } from './ledger-inputs';
import { WORKING_STATES } from '../tasks/state-machine';
import { shanghaiDate } from '../time';

export interface RiskSelection {
  /** Only these canteens (e.g. those touched by recent events). */
  canteenIds?: readonly string[] | undefined;
  /** Only canteens under this jurisdiction path. */
  scopePath?: string | undefined;
}

export interface GatheredCanteen {
  canteenId: string;
  scopePath: string;
  county: { id: string; code: string; name: string; path: string };
  previousGrade: RiskGrade | null;
  input: RiskInput;
}

/**
 * Alert sources that count as violations seen in the kitchen. Camera faults, ledger rules and complaints have
 * their own factors (availability, ledgers, complaints) and are not counted twice.
 */
export const VIOLATION_ALERT_SOURCES = ['ai', 'patrol'] as const;

const OPEN_TASK_STATES = WORKING_STATES;
const LATE_DONE_TASK_STATES = ['submitted', 'closed'] as const;

const sqlList = (values: readonly string[]) => `(${values.map((value) => `'${value}'`).join(',')})`;

/**
 * `AND …` restricting the canteens aliased `c` to the selection, with its bindings. `idColumn` names the
 * canteen id on the evidence table itself, so that its index serves a short list of canteens.
 */
function selectionClause(selection: RiskSelection, idColumn = 'c.id'): { sql: string; bindings: Knex.RawBinding[] } {
  let sql = '';
  const bindings: Knex.RawBinding[] = [];
  if (selection.canteenIds) {
    sql += ` AND ${idColumn} = ANY(?::uuid[])`;
    bindings.push(selection.canteenIds as unknown as Knex.RawBinding);
  }
  if (selection.scopePath) {
    sql += ' AND c.scope_path LIKE ?';
    bindings.push(likePrefix(selection.scopePath));
  }
  return { sql, bindings };
}

async function rows<T>(db: Knex, sql: string, bindings: readonly Knex.RawBinding[]): Promise<T[]> {
  return ((await db.raw(sql, bindings)) as { rows: T[] }).rows;
}

const int = (value: unknown) => Number(value ?? 0);

export async function gatherRiskInputs(db: Knex, selection: RiskSelection, now: Date): Promise<GatheredCanteen[]> {
  if (selection.canteenIds?.length === 0) return [];
  const where = selectionClause(selection);
  const on = (idColumn: string) => selectionClause(selection, idColumn);
  const today = shanghaiDate(now);
  const since = new Date(now.getTime() - RISK_EVIDENCE_WINDOW_DAYS * 86_400_000);

  const base = await rows<{
    id: string;
    school_id: string;
    scope_path: string;
    diners: number;
    operation_mode: 'self_run' | 'contracted';
    type: SchoolType;
    licence_expired: boolean;
    /** Days from today to the licence's last valid day (negative once expired). */
    days_left: number;
    county_id: string;
    county_code: string;
    county_name: string;
    county_path: string;
    previous_grade: RiskGrade | null;
  }>(
    db,
    `SELECT c.id, c.school_id, c.scope_path, c.diners, c.operation_mode, s.type,
            c.licence_expiry < ?::date AS licence_expired, (c.licence_expiry - ?::date) AS days_left,
            county.id AS county_id, county.code AS county_code, county.name AS county_name, county.path AS county_path,
            r.grade AS previous_grade
       FROM canteens c
       JOIN schools s ON s.id = c.school_id
       JOIN jurisdictions county ON county.id = s.county_id
       LEFT JOIN canteen_risk r ON r.canteen_id = c.id
      WHERE true${where.sql}
      ORDER BY c.id`,
    [today, today, ...where.bindings],
  );
  if (base.length === 0) return [];

  const records = new Map<string, CanteenRecord>(base.map((row) => [row.id, {}]));
  const merge = (canteenId: string, part: Partial<CanteenRecord>) => {
    const record = records.get(canteenId);
    if (record) Object.assign(record, part);
  };

  // Patrol and inspection records in the window.
  for (const row of await rows<{ canteen_id: string; patrols: number; failed: number; key_failed: number }>(
    db,
    `SELECT r.canteen_id, count(*) AS patrols, count(*) FILTER (WHERE r.result = 'failed') AS failed,
            coalesce(sum(r.key_failed_count) FILTER (WHERE r.result = 'failed'), 0) AS key_failed
       FROM patrol_records r JOIN canteens c ON c.id = r.canteen_id
      WHERE r.submitted_at >= ?${on('r.canteen_id').sql}
      GROUP BY r.canteen_id`,
    [since, ...where.bindings],
  )) {
    merge(row.canteen_id, { patrols: int(row.patrols), failedPatrols: int(row.failed), keyItemsFailed: int(row.key_failed) });
  }

  // Confirmed violations seen in the kitchen in the window (a folded alert counts once).
  for (const row of await rows<{ canteen_id: string; alerts: number }>(
    db,
    `SELECT a.canteen_id, count(*) AS alerts
       FROM alerts a JOIN canteens c ON c.id = a.canteen_id
      WHERE a.status = 'confirmed' AND a.source IN ${sqlList(VIOLATION_ALERT_SOURCES)} AND a.last_seen_at >= ?${on('a.canteen_id').sql}
      GROUP BY a.canteen_id`,
    [since, ...where.bindings],
  )) {
    merge(row.canteen_id, { confirmedAlerts: int(row.alerts) });
  }

  // Cameras: how many, how many have reported a status and are online, and their camera-days in the window
  // (each camera's days since it was installed, at least MIN_CAMERA_EXPOSURE_DAYS, at most the window).
  for (const row of await rows<{ canteen_id: string; cameras: number; reporting: number; online: number; camera_days: number }>(
    db,
    `SELECT k.canteen_id, count(*) AS cameras,
            count(*) FILTER (WHERE k.status <> 'unknown') AS reporting,
            count(*) FILTER (WHERE k.status = 'online') AS online,
            sum(LEAST(?::float8, GREATEST(?::float8, extract(epoch FROM (?::timestamptz - k.created_at)) / 86400))) AS camera_days
       FROM cameras k JOIN canteens c ON c.id = k.canteen_id
      WHERE true${on('k.canteen_id').sql}
      GROUP BY k.canteen_id`,
    [RISK_EVIDENCE_WINDOW_DAYS, MIN_CAMERA_EXPOSURE_DAYS, now, ...where.bindings],
  )) {
    merge(row.canteen_id, {
      cameras: int(row.cameras),
      camerasReporting: int(row.reporting),
      camerasOnline: int(row.online),
      cameraDays: Number(row.camera_days),
    });
  }
  // A canteen without a single camera is the worst case of availability.
  for (const record of records.values()) {
    if (record.cameras === undefined) Object.assign(record, { cameras: 0, camerasReporting: 0, camerasOnline: 0, cameraDays: 0 });
  }

  // Rectification tasks the school owed that went overdue: still open (whenever they fell due), or done late
  // within the window. A school-wide task (no canteen named) counts for each of the school's canteens.
  const overdue = `t.assignee_level = 'school' AND t.overdue_at IS NOT NULL
        AND (t.state IN ${sqlList(OPEN_TASK_STATES)} OR (t.state IN ${sqlList(LATE_DONE_TASK_STATES)} AND t.overdue_at >= ?))`;
  for (const row of await rows<{ canteen_id: string; open: number; late: number }>(
    db,
    `SELECT canteen_id, sum(open) AS open, sum(late) AS late FROM (
       SELECT c.id AS canteen_id,
              count(*) FILTER (WHERE t.state IN ${sqlList(OPEN_TASK_STATES)}) AS open,
              count(*) FILTER (WHERE t.state IN ${sqlList(LATE_DONE_TASK_STATES)}) AS late
         FROM tasks t JOIN canteens c ON c.id = t.canteen_id
        WHERE ${overdue}${on('t.canteen_id').sql}
        GROUP BY c.id
       UNION ALL
       SELECT c.id AS canteen_id,
              count(*) FILTER (WHERE t.state IN ${sqlList(OPEN_TASK_STATES)}) AS open,
              count(*) FILTER (WHERE t.state IN ${sqlList(LATE_DONE_TASK_STATES)}) AS late
         FROM tasks t JOIN canteens c ON c.school_id = t.school_id
        WHERE t.canteen_id IS NULL AND ${overdue}${where.sql}
        GROUP BY c.id) AS per_canteen
      GROUP BY canteen_id`,
    [since, ...where.bindings, since, ...where.bindings],
  )) {
    merge(row.canteen_id, { overdueTasksOpen: int(row.open), overdueTasksClosedLate: int(row.late) });
  }

  // Complaints about the school in the window: founded, and not yet closed.
  for (const row of await rows<{ canteen_id: string; founded: number; open: number }>(
    db,
    `SELECT c.id AS canteen_id, count(*) FILTER (WHERE p.founded IS TRUE) AS founded,
            count(*) FILTER (WHERE p.status <> 'closed') AS open
       FROM complaints p JOIN canteens c ON c.school_id = p.school_id
      WHERE p.created_at >= ?${where.sql}
      GROUP BY c.id`,
    [since, ...where.bindings],
  )) {
    merge(row.canteen_id, { complaintsFounded: int(row.founded), complaintsOpen: int(row.open) });
  }

  // Staff health certificates (the ledgers' staff register): active staff of the school who work in this
  // canteen or in none in particular, whose certificate is past its last valid day or not on record at all
  // (as the ledger warning rule has it: nobody handles food without one).
  for (const row of await rows<{ canteen_id: string; expired: number }>(
    db,
    `SELECT c.id AS canteen_id, count(*) AS expired
       FROM canteen_staff p JOIN canteens c ON c.school_id = p.school_id AND (p.canteen_id IS NULL OR p.canteen_id = c.id)
      WHERE p.active AND (p.health_cert_expiry IS NULL OR p.health_cert_expiry < ?::date)${where.sql}
      GROUP BY c.id`,
    [today, ...where.bindings],
  )) {
    merge(row.canteen_id, { expiredHealthCerts: int(row.expired) });
  }

  // Ledger completeness of the school over the last LEDGER_COMPLETENESS_WINDOW_DAYS finished days.
  for (const [canteenId, completeness] of await ledgerCompletenessOf(db, base, today)) {
    merge(canteenId, { ledgerCompleteness: completeness });
  }

  return base.map((row) => {
    const record = records.get(row.id)!;
    const daysLeft = int(row.days_left);
    Object.assign(record, row.licence_expired ? { licenceExpired: true, licenceExpiredDays: -daysLeft } : { licenceDaysLeft: daysLeft });
    return {
      canteenId: row.id,
      scopePath: row.scope_path,
      county: { id: row.county_id, code: row.county_code, name: row.county_name, path: row.county_path },
      previousGrade: row.previous_grade,
      input: { profile: { schoolType: row.type, diners: row.diners, operationMode: row.operation_mode }, record },
    };
  });
}
