// Uploads that no record came to use within a day are deleted, files and rows.
import type { DomainContext } from '../../context';

const GRACE_MS = 24 * 3_600_000;

export async function sweepUnboundAttachments(ctx: DomainContext): Promise<number> {
  const cutoff = new Date(ctx.now().getTime() - GRACE_MS);
  const rows = (await ctx
    .db('attachments')
    .where({ bound: false })
    .where('created_at', '<', cutoff)
    .orderBy('created_at')
    .limit(500)
    .select('id', 'storage_key', 'thumb_key')) as Array<{ id: string; storage_key: string; thumb_key: string }>;
  for (const row of rows) {
    // The row goes first: a file without a row is harmless, a row without its file is not.
    const deleted = await ctx.db('attachments').where({ id: row.id, bound: false }).delete();
    if (deleted === 0) continue;
    await Promise.allSettled([ctx.storage.remove(row.storage_key), ctx.storage.remove(row.thumb_key)]);
  }
  return rows.length;
}
