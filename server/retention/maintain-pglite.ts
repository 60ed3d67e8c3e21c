// The embedded database has no autovacuum worker: dead rows left by updates and by retention's deletions are
// reclaimed, and the planner's statistics refreshed, only when we ask. PostgreSQL's autovacuum does this on
// its own, so the job does nothing there.
import type { DomainContext } from '../context';

/** Tables that retention deletes from or that change on every request. */
const CHURNING_TABLES = ['event_log', 'alerts', 'camera_status_history', 'canteen_risk_history', 'canteen_risk', 'sessions', 'cameras'];

export async function maintainEmbeddedDatabase(ctx: DomainContext): Promise<{ vacuumed: string[] } | 'not embedded'> {
  if (ctx.dbKind !== 'pglite') return 'not embedded';
  for (const table of CHURNING_TABLES) await ctx.db.raw('VACUUM (ANALYZE) ??', [table]);
  // The rest only needs fresh statistics.
  await ctx.db.raw('ANALYZE');
  return { vacuumed: CHURNING_TABLES };
}
