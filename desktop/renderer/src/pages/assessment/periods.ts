// The period picker's choices, on the same period arithmetic as the server (analytics/assessment/periods.ts),
// counted from today's date in Asia/Shanghai.
import {
  lastCompletePeriod as lastCompleteBy,
  PERIOD_PATTERN,
  periodKindOf,
  periodsEndingWith,
  type PeriodKind,
} from '../../../../../analytics/assessment/periods';
import { shanghaiToday } from '../../format/time';

export { periodsEndingWith, type PeriodKind };

export const kindOf = periodKindOf;

/** Whether a string from the address bar names a period. */
export const isPeriodId = (id: string) => PERIOD_PATTERN.test(id);

/** The last period of a kind that has ended by today (the quarter before this one, and so on). */
export const lastCompletePeriod = (kind: PeriodKind, now = new Date()) => lastCompleteBy(kind, shanghaiToday(now));

/** The choices a picker offers for a kind: the last complete period and the ones before it. */
export const periodChoices = (kind: PeriodKind, count: number, now = new Date()) =>
  periodsEndingWith(lastCompletePeriod(kind, now), count).reverse();
