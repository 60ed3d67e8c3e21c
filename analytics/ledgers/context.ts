// The evaluation moment and the options, resolved once for all rules.
import {
  addDays,
  assertCalendarDate,
  instantMs,
  shanghaiDateOf,
  shanghaiInstant,
  toSchoolDayCalendar,
  type CalendarDate,
  type SchoolDayCalendar,
} from '../calendar';
import { EXPIRING_WITHIN_DAYS, LOOKBACK_DAYS, MORNING_CHECK_CUTOFF } from './thresholds';
import type { Instant, LedgerRuleOptions } from './types';

export interface RuleContext {
  schoolId: string;
  /** The evaluation instant (ms) and its Asia/Shanghai date. */
  at: number;
  today: CalendarDate;
  isSchoolDay: SchoolDayCalendar;
  morningCheckCutoff: string;
  expiringWithinDays: number;
  /** Daily and weekly warnings are reported when they fell due on this date or later. */
  lookbackFrom: CalendarDate;
  /** The first day of electronic ledgers, if known: days before it, and weeks that began before it, are not judged. */
  ledgersSince: CalendarDate | null;
}

export function ruleContext(schoolId: string, at: Instant, options: LedgerRuleOptions = {}): RuleContext {
  const atMs = instantMs(at, 'evaluation instant');
  const today = shanghaiDateOf(atMs);
  const lookbackDays = options.lookbackDays ?? LOOKBACK_DAYS;
  if (!Number.isInteger(lookbackDays) || lookbackDays < 1)
    throw new RangeError(`lookbackDays must be a whole number ≥ 1, got ${lookbackDays}`);
  const expiringWithinDays = options.expiringWithinDays ?? EXPIRING_WITHIN_DAYS;
  if (!Number.isInteger(expiringWithinDays) || expiringWithinDays < 0) {
    throw new RangeError(`expiringWithinDays must be a whole number ≥ 0, got ${expiringWithinDays}`);
  }
  const morningCheckCutoff = options.morningCheckCutoff ?? MORNING_CHECK_CUTOFF;
  shanghaiInstant(today, morningCheckCutoff); // throws on a malformed time now, not in the middle of a rule
  return {
    schoolId,
    at: atMs,
    today,
    isSchoolDay: toSchoolDayCalendar(options.schoolDays),
    morningCheckCutoff,
    expiringWithinDays,
    lookbackFrom: addDays(today, 1 - lookbackDays),
    ledgersSince: options.ledgersSince ? assertCalendarDate(options.ledgersSince, 'ledgersSince') : null,
  };
}
