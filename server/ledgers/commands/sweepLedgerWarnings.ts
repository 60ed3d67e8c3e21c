// The daily sweep: every school's ledgers evaluated once a Shanghai day, after the morning-check cutoff so
// that a day without a morning check is caught that same morning. The job ticks more often than daily so that
// a server started late still sweeps that day; a restart sweeps again, which only replays raised alerts.
import { MORNING_CHECK_CUTOFF } from '../../../analytics/ledgers';
import { shanghaiDateOf, shanghaiInstant } from '../../../analytics/calendar';
import type { DomainContext } from '../../context';
import { schoolsWithin } from '../queries';
import { evaluateLedgers, type EvaluationResult } from './evaluateLedgers';

/** Schools evaluated together. */
const SLICE = 2000;

export function ledgerWarningSweep(ctx: DomainContext): () => Promise<EvaluationResult | { skipped: string }> {
  let sweptDay: string | undefined;
  return async () => {
    const now = ctx.now();
    const today = shanghaiDateOf(now);
    if (sweptDay === today) return { skipped: 'swept today' };
    if (now < shanghaiInstant(today, MORNING_CHECK_CUTOFF)) return { skipped: 'before the morning-check cutoff' };
    const schools = await schoolsWithin(ctx.db, '/');
    const total: EvaluationResult = { schools: 0, warnings: 0, raised: 0 };
    // In slices, so that no statement carries more school ids than a query may bind.
    for (let i = 0; i < schools.length; i += SLICE) {
      const result = await evaluateLedgers(ctx, schools.slice(i, i + SLICE));
      for (const key of Object.keys(total) as Array<keyof EvaluationResult>) total[key] += result[key];
    }
    sweptDay = today;
    return total;
  };
}
