// Prunes the oldest events, a batch per transaction, from the start of the log: what is gone is always a
// prefix (every seq up to `event_log_pruned_through`), moved together with the deletion, so resume by seq
// can tell a client that is too far behind (see event-horizon.ts). Events the risk recompute has not yet
// taken in are never pruned.
import type { Knex } from 'knex';

export const EVENT_BATCH = 5000;

export async function pruneEventLog(db: Knex, cutoff: Date, batch = EVENT_BATCH): Promise<{ deleted: number; prunedThrough: number }> {
  const risk = (await db('risk_recompute_state').where({ id: 1 }).first('last_seq')) as { last_seq: number } | undefined;
  const riskSeq = Number(risk?.last_seq ?? 0);
  let deleted = 0;
  let prunedThrough = 0;
  for (;;) {
    const step = await db.transaction(async (trx) => {
      const rows = (await trx('event_log').orderBy('seq').limit(batch).select('seq', 'created_at')) as Array<{
        seq: number;
        created_at: Date;
      }>;
      // The oldest events, up to the first one that is still kept.
      const firstKept = rows.findIndex((row) => row.created_at >= cutoff || Number(row.seq) > riskSeq);
      const doomed = firstKept === -1 ? rows : rows.slice(0, firstKept);
      if (doomed.length === 0) return { count: 0, through: 0, more: false };
      const through = Number(doomed.at(-1)!.seq);
      // Counted from RETURNING: through knex-pglite a delete answers the driver's result, not a count.
      const count = (await trx('event_log').where('seq', '<=', through).delete().returning('seq')).length;
      await trx('retention_state')
        .where({ id: 1 })
        .update({ event_log_pruned_through: trx.raw('GREATEST(event_log_pruned_through, ?)', [through]), updated_at: trx.fn.now() });
      return { count, through, more: firstKept === -1 && rows.length === batch };
    });
    deleted += step.count;
    prunedThrough = Math.max(prunedThrough, step.through);
    if (!step.more) break;
  }
  return { deleted, prunedThrough };
}
