// Helpers for gathering the counts: a county's counts are the sums of its schools', and the two counting
// rules that need more than a SQL count (an alert handled in time; school days with ledger activity).
import { instantMs, schoolDaysBetween, type CalendarDate, type SchoolDays } from '../calendar';
import { ALERT_HANDLING_HOURS, type AssessmentCounts, type CountName } from './indicators';

/** The sums of several units' counts (schools into their county). */
export function sumCounts(parts: readonly AssessmentCounts[]): AssessmentCounts {
  const total: AssessmentCounts = {};
  for (const part of parts) {
    for (const [name, value] of Object.entries(part) as [CountName, number | undefined][]) {
      if (value !== undefined) total[name] = (total[name] ?? 0) + value;
    }
  }
  return total;
}

/**
 * An alert counts as handled in time when it was confirmed or dismissed within `hours` of being raised (the
 * limit itself included); one still new, or triaged later, does not.
 */
export function handledInTime(
  raisedAt: Date | string | number,
  triagedAt: Date | string | number | null | undefined,
  hours = ALERT_HANDLING_HOURS,
): boolean {
  if (triagedAt === null || triagedAt === undefined) return false;
  return instantMs(triagedAt) - instantMs(raisedAt) <= hours * 3_600_000;
}

/** One school's usage counts: its school days in the period, and those with any ledger entry dated on them. */
export function ledgerActivityCounts(
  schoolDays: SchoolDays | undefined,
  from: CalendarDate,
  to: CalendarDate,
  activeDates: Iterable<CalendarDate>,
): Pick<AssessmentCounts, 'schoolDays' | 'schoolDaysWithLedgerActivity'> {
  const days = schoolDaysBetween(schoolDays, from, to);
  const active = new Set(activeDates);
  return { schoolDays: days.length, schoolDaysWithLedgerActivity: days.filter((day) => active.has(day)).length };
}
