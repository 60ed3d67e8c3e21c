// Ledger completeness: the share of the ledger items a school had to keep in a period that it kept. Daily
// ledgers need a record on each school day; weekly ones a record in each ISO week, counted in the period in
// which the week's last school day falls (when the warning rule judges it) and met by a record on any day of
// that week. The result feeds the assessment (ledgerItemsRequired, ledgerItemsPresent) and the risk score.
import { addDays, isoWeekStart, schoolDaysBetween, type CalendarDate, type SchoolDays } from '../calendar';

export const REQUIRED_LEDGERS = {
  morning_checks: 'daily',
  menus: 'daily',
  food_samples: 'daily',
  disinfections: 'daily',
  meal_accompaniments: 'weekly',
  self_inspections: 'weekly',
} as const satisfies Record<string, 'daily' | 'weekly'>;

export type RequiredLedger = keyof typeof REQUIRED_LEDGERS;

export interface LedgerCompleteness {
  ledgerItemsRequired: number;
  ledgerItemsPresent: number;
  byLedger: Record<RequiredLedger, { required: number; present: number }>;
}

/**
 * The dates whose records `ledgerCompleteness` reads for a period: from the Monday of its first week to the
 * Sunday of its last, since a week counted in the period may have begun before it or end after it.
 */
export function completenessEvidenceWindow(from: CalendarDate, to: CalendarDate): { from: CalendarDate; to: CalendarDate } {
  return { from: isoWeekStart(from), to: addDays(isoWeekStart(to), 6) };
}

/** One school's completeness over [from, to] from the dates of its records in each required ledger. */
export function ledgerCompleteness(
  schoolDays: SchoolDays | undefined,
  from: CalendarDate,
  to: CalendarDate,
  recordDates: Partial<Record<RequiredLedger, Iterable<CalendarDate>>>,
): LedgerCompleteness {
  const days = schoolDaysBetween(schoolDays, from, to);
  // The weeks counted in the period: those whose last school day is in it.
  const lastSchoolDayOfWeek = new Map<CalendarDate, CalendarDate>();
  for (const day of schoolDaysBetween(schoolDays, isoWeekStart(from), addDays(isoWeekStart(to), 6)))
    lastSchoolDayOfWeek.set(isoWeekStart(day), day);
  const weeks = [...lastSchoolDayOfWeek].filter(([, last]) => last >= from && last <= to).map(([monday]) => monday);

  const byLedger = {} as LedgerCompleteness['byLedger'];
  for (const [ledger, cadence] of Object.entries(REQUIRED_LEDGERS) as [RequiredLedger, 'daily' | 'weekly'][]) {
    const dates = [...(recordDates[ledger] ?? [])];
    if (cadence === 'daily') {
      const kept = new Set(dates);
      byLedger[ledger] = { required: days.length, present: days.filter((day) => kept.has(day)).length };
    } else {
      const keptWeeks = new Set(dates.map(isoWeekStart));
      byLedger[ledger] = { required: weeks.length, present: weeks.filter((monday) => keptWeeks.has(monday)).length };
    }
  }
  const items = Object.values(byLedger);
  return {
    ledgerItemsRequired: items.reduce((sum, item) => sum + item.required, 0),
    ledgerItemsPresent: items.reduce((sum, item) => sum + item.present, 0),
    byLedger,
  };
}
