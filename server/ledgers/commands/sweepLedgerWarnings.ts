// The daily sweep: every school's ledgers evaluated once a Shanghai day, after the morning-check cutoff so
// that a day without a morning check is caught that same morning. The job ticks more often than daily so that
// a server started late still sweeps that day; a restart sweeps again, which only replays raised alerts.
import { MORNING_CHECK_CUTOFF } from '../../../analytics/ledgers';
import { shanghaiDateOf, shanghaiInstant } from '../../../analytics/calendar';
import type { DomainContext } from '../../context';
import { schoolsWithin } from '../queries';
import { evaluateLedgers, type EvaluationResult } from './evaluateLedgers';

export function ledgerWarningSweep(ctx: DomainContext): () => Promise<EvaluationResult | { skipped: string }> {
  let sweptDay: string | undefined;
  return async () => {
    const now = ctx.now();
    const today = shanghaiDateOf(now);
    if (sweptDay === today) return { skipped: 'swept today' };
    if (now < shanghaiInstant(today, MORNING_CHECK_CUTOFF)) return { skipped: 'before the morning-check cutoff' };
    const result = await evaluateLedgers(ctx, await schoolsWithin(ctx.db, '/'));
    sweptDay = today;
    return result;
  };
}
