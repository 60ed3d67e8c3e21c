// Regrades the canteens of schools whose ledgers just changed (an entry, a staff member's health certificate, a
// supplier), so that their grade follows at once rather than at the job's next tick. Called after the ledger
// write has committed, outside its transaction: it never waits for a recompute already running (the scheduled
// job then takes the write in from the event log) and never fails the write — a failure is logged.
import type { DomainContext } from '../../context';
import { recomputeRisk } from './recomputeRisk';

export async function regradeSchools(ctx: DomainContext, schoolIds: readonly string[]): Promise<void> {
  try {
    const canteenIds = (await ctx
      .db('canteens')
      .whereIn('school_id', [...schoolIds])
      .pluck('id')) as string[];
    if (canteenIds.length === 0) return;
    const result = await recomputeRisk(ctx, { canteenIds, skipIfBusy: true });
    if (result.busy) ctx.log.info({ schoolIds }, 'risk recompute busy: the scheduled job regrades these schools');
  } catch (error) {
    ctx.log.error({ err: error, schoolIds }, 'canteens not regraded after a ledger write (the scheduled job will)');
  }
}
