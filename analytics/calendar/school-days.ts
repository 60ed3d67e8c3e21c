// Which dates are school days. The default is Monday to Friday; a real calendar adds public holidays, the
// winter and summer vacations, and the weekend make-up days (调休) on which schools do open.
import { datesFrom, isoWeekday, type CalendarDate } from './dates';

/** True when the school is open (pupils eat there) on that date. */
export type SchoolDayCalendar = (date: CalendarDate) => boolean;

/** What callers may pass: a predicate, or the set of school days itself. */
export type SchoolDays = SchoolDayCalendar | ReadonlySet<CalendarDate>;

export const MONDAY_TO_FRIDAY: readonly number[] = [1, 2, 3, 4, 5];

/** Monday to Friday, every week of the year. */
export const weekdaysCalendar: SchoolDayCalendar = (date) => isoWeekday(date) <= 5;

export interface SchoolCalendarOptions {
  /** ISO weekdays on which school is normally open (1 = Monday … 7 = Sunday); default Monday to Friday. */
  weekdays?: readonly number[];
  /** Dates on which it is closed although the weekday says open: holidays and vacations. */
  closed?: Iterable<CalendarDate>;
  /** Dates on which it is open although the weekday says closed: make-up days (调休). */
  open?: Iterable<CalendarDate>;
}

/** A weekly pattern with exceptions. An `open` date wins over the same date in `closed`. */
export function schoolCalendar(options: SchoolCalendarOptions = {}): SchoolDayCalendar {
  const weekdays = new Set(options.weekdays ?? MONDAY_TO_FRIDAY);
  const closed = new Set(options.closed ?? []);
  const open = new Set(options.open ?? []);
  return (date) => open.has(date) || (weekdays.has(isoWeekday(date)) && !closed.has(date));
}

export function toSchoolDayCalendar(days: SchoolDays | undefined): SchoolDayCalendar {
  if (days === undefined) return weekdaysCalendar;
  if (typeof days === 'function') return days;
  return (date) => days.has(date);
}

/** The school days from `from` to `to`, both included. */
export function schoolDaysBetween(days: SchoolDays | undefined, from: CalendarDate, to: CalendarDate): CalendarDate[] {
  const isSchoolDay = toSchoolDayCalendar(days);
  return datesFrom(from, to).filter(isSchoolDay);
}
