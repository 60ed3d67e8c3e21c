// Prunes closed alerts past retention: dismissed or resolved ones, last seen before the cutoff, that no task
// or complaint refers to (those are part of a case's record and stay with it). A batch per transaction; the
// alert's keys, acknowledgements, frames and clip row go with it (ON DELETE CASCADE). Its snapshot and frame
// images are handed back to the attachment sweep (marked unbound), and its clip file is removed once the rows
// are gone: a file without a row is harmless, a row without its file is not.
import type { DomainContext } from '../context';

export const ALERT_BATCH = 2000;

export async function pruneClosedAlerts(ctx: DomainContext, cutoff: Date, batch = ALERT_BATCH): Promise<{ deleted: number }> {
  let deleted = 0;
  for (;;) {
    const step = await ctx.db.transaction(async (trx) => {
      const ids = (
        (await trx('alerts as a')
          .whereIn('a.status', ['dismissed', 'resolved'])
          .where('a.last_seen_at', '<', cutoff)
          .whereNull('a.task_id')
          .whereNotExists(trx('tasks as t').whereRaw('t.alert_id = a.id').select(trx.raw('1')))
          .whereNotExists(trx('complaints as c').whereRaw('c.alert_id = a.id').select(trx.raw('1')))
          .orderBy('a.last_seen_at')
          .limit(batch)
          .select('a.id')) as Array<{ id: string }>
      ).map((row) => row.id);
      if (ids.length === 0) return { count: 0, clipKeys: [] as string[] };
      const clipKeys = (
        (await trx('alert_clips').whereIn('alert_id', ids).whereNotNull('storage_key').select('storage_key')) as Array<{
          storage_key: string;
        }>
      ).map((row) => row.storage_key);
      const images = trx('alerts').whereIn('id', ids).whereNotNull('snapshot_id').select('snapshot_id');
      const frames = trx('analytics_frames').whereIn('alert_id', ids).select('attachment_id');
      await trx('attachments').whereIn('id', images).orWhereIn('id', frames).update({ bound: false });
      const count = (await trx('alerts').whereIn('id', ids).delete().returning('id')).length;
      return { count, clipKeys };
    });
    await Promise.allSettled(step.clipKeys.map((key) => ctx.storage.remove(key)));
    deleted += step.count;
    if (step.count < batch) break;
  }
  return { deleted };
}
