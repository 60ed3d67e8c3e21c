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

/**
 * What a period asks of a school under its calendar: its school days and the weeks counted in it. The same
 * for every school on one calendar, so a caller grading thousands works it out once per calendar and period.
 */
export interface CompletenessFrame {
  days: readonly CalendarDate[];
  /** The Mondays of the weeks counted: those whose last school day is in the period. */
  weeks: readonly CalendarDate[];
}

export function completenessFrame(schoolDays: SchoolDays | undefined, from: CalendarDate, to: CalendarDate): CompletenessFrame {
  const days = schoolDaysBetween(schoolDays, from, to);
  const lastSchoolDayOfWeek = new Map<CalendarDate, CalendarDate>();
  for (const day of schoolDaysBetween(schoolDays, isoWeekStart(from), addDays(isoWeekStart(to), 6)))
    lastSchoolDayOfWeek.set(isoWeekStart(day), day);
  const weeks = [...lastSchoolDayOfWeek].filter(([, last]) => last >= from && last <= to).map(([monday]) => monday);
  return { days, weeks };
}

/** One school's completeness in a frame from the dates of its records in each required ledger. */
export function completenessIn(
  frame: CompletenessFrame,
  recordDates: Partial<Record<RequiredLedger, Iterable<CalendarDate>>>,
): LedgerCompleteness {
  const byLedger = {} as LedgerCompleteness['byLedger'];
  for (const [ledger, cadence] of Object.entries(REQUIRED_LEDGERS) as [RequiredLedger, 'daily' | 'weekly'][]) {
    const dates = [...(recordDates[ledger] ?? [])];
    if (cadence === 'daily') {
      const kept = new Set(dates);
      byLedger[ledger] = { required: frame.days.length, present: frame.days.filter((day) => kept.has(day)).length };
    } else {
      const keptWeeks = new Set(dates.map(isoWeekStart));
      byLedger[ledger] = { required: frame.weeks.length, present: frame.weeks.filter((monday) => keptWeeks.has(monday)).length };
    }
  }
  const items = Object.values(byLedger);
  return {
    ledgerItemsRequired: items.reduce((sum, item) => sum + item.required, 0),
    ledgerItemsPresent: items.reduce((sum, item) => sum + item.present, 0),
    byLedger,
  };
}

/** One school's completeness over [from, to] from the dates of its records in each required ledger. */
export function ledgerCompleteness(
  schoolDays: SchoolDays | undefined,
  from: CalendarDate,
  to: CalendarDate,
  recordDates: Partial<Record<RequiredLedger, Iterable<CalendarDate>>>,
): LedgerCompleteness {
  return completenessIn(completenessFrame(schoolDays, from, to), recordDates);
}

/** Frames worked out once per calendar (named by `calendarKey`, e.g. the node that set it) and period. */
export function completenessFrames(): (
  calendarKey: string,
  schoolDays: SchoolDays | undefined,
  from: CalendarDate,
  to: CalendarDate,
) => CompletenessFrame {
  const frames = new Map<string, CompletenessFrame>();
  return (calendarKey, schoolDays, from, to) => {
    const key = `${calendarKey}|${from}|${to}`;
    let frame = frames.get(key);
    if (!frame) frames.set(key, (frame = completenessFrame(schoolDays, from, to)));
    return frame;
  };
}
