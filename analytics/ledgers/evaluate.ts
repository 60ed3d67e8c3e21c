// All ledger rules for one school at one instant: the warnings that hold, each with a stable key. Pure: the
// server gathers the records (for `ledgerEvidenceWindow`) and raises one alert per key it has not raised yet.
import { addDays, isoWeekStart, type CalendarDate } from '../calendar';
import { ruleContext } from './context';
import { healthCertificateWarnings, licenceWarnings } from './expiry';
import { foodSampleWarnings } from './food-samples';
import { morningCheckWarnings } from './morning-checks';
import { purchaseWarnings } from './purchases';
import type { Instant, LedgerRuleOptions, LedgerWarning, SchoolLedgers } from './types';
import { mealAccompanimentWarnings, selfInspectionWarnings } from './weekly-records';

export function evaluateLedgerWarnings(ledgers: SchoolLedgers, at: Instant, options: LedgerRuleOptions = {}): LedgerWarning[] {
  const ctx = ruleContext(ledgers.schoolId, at, options);
  return [
    ...licenceWarnings(ledgers.licences, ctx),
    ...healthCertificateWarnings(ledgers.staff, ctx),
    ...morningCheckWarnings(ledgers.morningChecks, ctx),
    ...mealAccompanimentWarnings(ledgers.mealAccompaniments, ctx),
    ...selfInspectionWarnings(ledgers.selfInspections, ctx),
    ...foodSampleWarnings(ledgers.foodSamples),
    ...purchaseWarnings(ledgers.purchases),
  ];
}

/**
 * The dates whose dated records (morning checks, meal accompaniments, self-inspections) the rules read at this
 * instant: from the Monday of the earliest week that can still be judged, to today.
 */
export function ledgerEvidenceWindow(
  at: Instant,
  options: Pick<LedgerRuleOptions, 'lookbackDays'> = {},
): { from: CalendarDate; to: CalendarDate } {
  const ctx = ruleContext('', at, options);
  return { from: isoWeekStart(addDays(ctx.lookbackFrom, -7)), to: ctx.today };
}
