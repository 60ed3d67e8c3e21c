// Compacts old camera status history to what the camera online rate needs. The assessment (camera-time.ts)
// reads, per camera and period, the seconds observed and the seconds online; its periods are whole Shanghai
// months, quarters and years. So for a month past retention, a camera's many changes are replaced by at most
// two rows — online from the start of its observed time for as many seconds as it was online, then 'offline'
// (not online) for the rest — plus a row at the next month's start with the status in force when the month
// ended. Observed and online seconds of that month, and of any period made of whole months, stay exactly the
// same (the seconds are summed in SQL, to the microsecond); only the times of the changes within it are gone.
// Only camera-months with four or more rows are rewritten, so a compacted month is never touched again.
import type { Knex } from 'knex';
import { monthOf, monthStart, monthsBetween, nextMonth } from './months';

export const CAMERA_BATCH = 2000;

interface Summary {
  camera_id: string;
  scope_path: string;
  first_at: string;
  online_seconds: string;
  offline_seconds: string;
  end_status: string;
}

/** Compacts one month, a batch of cameras per transaction; returns the rows removed. */
export async function compactCameraMonth(db: Knex, month: string, batch = CAMERA_BATCH): Promise<number> {
  const bounds = { start: monthStart(month), end: monthStart(nextMonth(month)), batch };
  let removed = 0;
  for (;;) {
    const step = await db.transaction(async (trx) => {
      const result = (await trx.raw(
        `WITH cams AS (
           SELECT camera_id FROM camera_status_history
            WHERE changed_at >= :start AND changed_at < :end
            GROUP BY camera_id HAVING count(*) >= 4 ORDER BY camera_id LIMIT :batch
         ), steps AS (
           -- As camera-time.ts: the status in force at the start, then the changes after it.
           SELECT c.camera_id, p.status, p.scope_path, CAST(:start AS timestamptz) AS at
             FROM cams c
             JOIN LATERAL (SELECT status, scope_path FROM camera_status_history h
                            WHERE h.camera_id = c.camera_id AND h.changed_at <= :start
                            ORDER BY h.changed_at DESC LIMIT 1) p ON true
           UNION ALL
           SELECT h.camera_id, h.status, h.scope_path, h.changed_at
             FROM camera_status_history h JOIN cams c ON c.camera_id = h.camera_id
            WHERE h.changed_at > :start AND h.changed_at < :end
         ), spans AS (
           SELECT camera_id, status, scope_path, at,
                  extract(epoch FROM coalesce(lead(at) OVER (PARTITION BY camera_id ORDER BY at), CAST(:end AS timestamptz)) - at) AS seconds,
                  row_number() OVER (PARTITION BY camera_id ORDER BY at DESC) AS from_end
             FROM steps
         )
         SELECT camera_id,
                max(scope_path) FILTER (WHERE from_end = 1) AS scope_path,
                min(at)::text AS first_at,
                coalesce(sum(seconds) FILTER (WHERE status = 'online'), 0)::text AS online_seconds,
                coalesce(sum(seconds) FILTER (WHERE status <> 'online'), 0)::text AS offline_seconds,
                max(status) FILTER (WHERE from_end = 1) AS end_status
           FROM spans GROUP BY camera_id`,
        bounds,
      )) as { rows: Summary[] };
      const cameras = result.rows;
      if (cameras.length === 0) return { removed: 0, cameras: 0 };
      const ids = cameras.map((row) => row.camera_id);
      const count = (
        await trx('camera_status_history')
          .whereIn('camera_id', ids)
          .where('changed_at', '>=', bounds.start)
          .where('changed_at', '<', bounds.end)
          .delete()
          .returning('id')
      ).length;
      const column = <K extends keyof Summary>(key: K) => cameras.map((row) => row[key]);
      // Online first, then the rest of the observed time; the status at the month's end carries into the next.
      const inserted = (await trx.raw(
        `WITH s AS (SELECT * FROM unnest(?::uuid[], ?::text[], ?::timestamptz[], ?::numeric[], ?::numeric[], ?::text[])
                      AS s(camera_id, scope_path, first_at, online_seconds, offline_seconds, end_status))
         INSERT INTO camera_status_history (camera_id, scope_path, status, changed_at)
         SELECT camera_id, scope_path, 'online', first_at FROM s WHERE online_seconds > 0
         UNION ALL
         SELECT camera_id, scope_path, 'offline', first_at + make_interval(secs => online_seconds::float8) FROM s WHERE offline_seconds > 0
         UNION ALL
         SELECT camera_id, scope_path, end_status, ? FROM s
         ON CONFLICT (camera_id, changed_at) DO NOTHING
         RETURNING id`,
        [
          ids,
          column('scope_path'),
          column('first_at'),
          column('online_seconds'),
          column('offline_seconds'),
          column('end_status'),
          bounds.end,
        ],
      )) as { rows: unknown[] };
      return { removed: count - inserted.rows.length, cameras: cameras.length };
    });
    removed += step.removed;
    if (step.cameras < batch) break;
  }
  return removed;
}

/** Compacts every whole month before `before` ('YYYY-MM-01') not yet compacted; returns the rows removed. */
export async function compactCameraHistory(db: Knex, before: string): Promise<{ months: number; removed: number }> {
  const state = (await db('retention_state').where({ id: 1 }).first('camera_history_compacted_before')) as
    { camera_history_compacted_before: Date | null } | undefined;
  const oldest = (await db('camera_status_history').min({ at: 'changed_at' }).first()) as { at: Date | null } | undefined;
  const from = state?.camera_history_compacted_before ?? oldest?.at;
  let removed = 0;
  const months = from ? monthsBetween(monthOf(from), before) : [];
  for (const month of months) {
    removed += await compactCameraMonth(db, month);
    await db('retention_state')
      .where({ id: 1 })
      .update({ camera_history_compacted_before: monthStart(nextMonth(month)), updated_at: db.fn.now() });
  }
  return { months: months.length, removed };
}
