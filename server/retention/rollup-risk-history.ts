// Rolls daily risk history past retention up into one row per canteen and month (days graded, days at each
// grade, mean and highest score, the grade the month ended on), a batch of canteens per transaction: the
// monthly row is written and the daily rows deleted together, so a month is never half rolled up and a
// second run finds nothing left to do.
import type { Knex } from 'knex';

export const CANTEEN_BATCH = 2000;

/** Rolls up every day before `before` ('YYYY-MM-01'); returns the daily rows removed. */
export async function rollUpRiskHistory(db: Knex, before: string, batch = CANTEEN_BATCH): Promise<{ removed: number; months: number }> {
  let removed = 0;
  let months = 0;
  for (;;) {
    const step = await db.transaction(async (trx) => {
      const picked = (
        (await trx('canteen_risk_history').where('day', '<', before).distinct('canteen_id').orderBy('canteen_id').limit(batch)) as Array<{
          canteen_id: string;
        }>
      ).map((row) => row.canteen_id);
      if (picked.length === 0) return { removed: 0, months: 0, canteens: 0 };
      // A month already rolled up keeps its row (the day of a recompute is today, never a past month).
      const result = (await trx.raw(
        `WITH daily AS (
           SELECT h.*, date_trunc('month', h.day)::date AS month,
                  row_number() OVER (PARTITION BY h.canteen_id, date_trunc('month', h.day) ORDER BY h.day DESC) AS from_end
             FROM canteen_risk_history h
            WHERE h.canteen_id = ANY(:picked::uuid[]) AND h.day < :before
         )
         INSERT INTO canteen_risk_monthly (canteen_id, month, days, grade_days, mean_score, max_score, last_score, last_grade)
         SELECT canteen_id, month, count(*),
                jsonb_build_object('A', count(*) FILTER (WHERE grade = 'A'), 'B', count(*) FILTER (WHERE grade = 'B'),
                                   'C', count(*) FILTER (WHERE grade = 'C'), 'D', count(*) FILTER (WHERE grade = 'D')),
                avg(score), max(score), max(score) FILTER (WHERE from_end = 1), max(grade) FILTER (WHERE from_end = 1)
           FROM daily GROUP BY canteen_id, month
         ON CONFLICT (canteen_id, month) DO NOTHING
         RETURNING canteen_id`,
        { before, picked },
      )) as { rows: unknown[] };
      const count = (await trx('canteen_risk_history').whereIn('canteen_id', picked).where('day', '<', before).delete().returning('day'))
        .length;
      return { removed: count, months: result.rows.length, canteens: picked.length };
    });
    removed += step.removed;
    months += step.months;
    if (step.canteens < batch) break;
  }
  await db('retention_state').where({ id: 1 }).update({ risk_history_rolled_before: before, updated_at: db.fn.now() });
  return { removed, months };
}
