// Camera time for the camera online rate: per camera in scope, its observed and online seconds in a period
// (up to `now` for the period under way), from camera_status_history and the pure cameraAvailability.
//
// Per camera: the status in force at the period's start is its last history row at or before the start,
// and the rows inside the period are its transitions. A camera without any history row (created after the
// migration's backfill and never reported since, or its status set directly) is taken to have held its
// current status since it last changed, else since it was created — the same rule as the backfill.
import type { Knex } from 'knex';
import type { AssessmentPeriod } from '../../analytics/assessment';

export interface CameraTime {
  cameraId: string;
  schoolId: string;
  name: string;
  /** Its status now. */
  status: string;
  observedSeconds: number;
  onlineSeconds: number;
  /** Its last change of status inside the period, if any. */
  lastChangeAt: Date | null;
}

type Row = Record<string, unknown>;

/** The window of a period that has passed by `now`: [startsAt, min(endsAt, now)). */
export function elapsedWindow(period: AssessmentPeriod, now: Date): { start: Date; end: Date } {
  return { start: period.startsAt, end: now < period.endsAt ? now : period.endsAt };
}

/**
 * Every camera under the prefix (a `LIKE` pattern of scope paths) with its camera time in the period, summed
 * in SQL: the camera's steps in the window (the status in force at its start, the transitions inside it) each
 * last until the next one (`lead`), so a quarter of a province's transitions never leave the database. The
 * same rule as the pure cameraAvailability (the benchmark checks the two agree).
 */
export async function cameraTimes(db: Knex, prefix: string, period: AssessmentPeriod, now: Date): Promise<CameraTime[]> {
  const window = elapsedWindow(period, now);
  if (window.end <= window.start) return [];
  const result = (await db.raw(
    `WITH cams AS (
       SELECT c.id, c.school_id, c.name, c.status, coalesce(c.status_changed_at, c.created_at) AS since,
              EXISTS (SELECT 1 FROM camera_status_history x WHERE x.camera_id = c.id) AS has_history
         FROM cameras c WHERE c.scope_path LIKE :prefix
     ), steps AS (
       -- The status in force at the start, from the last change at or before it.
       SELECT c.id AS camera_id, h.status, CAST(:start AS timestamptz) AS at, false AS inside
         FROM cams c
         JOIN LATERAL (SELECT status FROM camera_status_history h
                        WHERE h.camera_id = c.id AND h.changed_at <= :start ORDER BY h.changed_at DESC LIMIT 1) h ON true
        WHERE c.has_history
       UNION ALL
       SELECT h.camera_id, h.status, h.changed_at, true
         FROM camera_status_history h
        WHERE h.scope_path LIKE :prefix AND h.changed_at > :start AND h.changed_at < :end
       UNION ALL
       -- A camera without history: its current status since it last changed (unknown before that).
       SELECT c.id, c.status, greatest(c.since, CAST(:start AS timestamptz)), c.since > :start
         FROM cams c WHERE NOT c.has_history AND c.since < :end
     ), spans AS (
       SELECT camera_id, status, at, inside,
              extract(epoch FROM coalesce(lead(at) OVER (PARTITION BY camera_id ORDER BY at), CAST(:end AS timestamptz)) - at) AS seconds
         FROM steps
     ), times AS (
       SELECT camera_id, floor(sum(seconds)) AS observed, floor(coalesce(sum(seconds) FILTER (WHERE status = 'online'), 0)) AS online,
              max(at) FILTER (WHERE inside) AS last_change_at
         FROM spans GROUP BY camera_id
     )
     SELECT c.id, c.school_id, c.name, c.status, coalesce(t.observed, 0) AS observed, coalesce(t.online, 0) AS online, t.last_change_at
       FROM cams c LEFT JOIN times t ON t.camera_id = c.id`,
    { prefix, start: window.start, end: window.end },
  )) as { rows: Row[] };
  return result.rows.map((row) => ({
    cameraId: String(row.id),
    schoolId: String(row.school_id),
    name: String(row.name),
    status: String(row.status),
    observedSeconds: Number(row.observed),
    onlineSeconds: Number(row.online),
    lastChangeAt: row.last_change_at ? new Date(row.last_change_at as string | Date) : null,
  }));
}
