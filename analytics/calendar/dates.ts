// Calendar dates as schools live them: in Asia/Shanghai, whatever the machine's own time zone. China has kept
// UTC+8 all year since 1991 (no daylight saving), so a local date is the instant plus eight hours, and date
// arithmetic is plain day counting on 'YYYY-MM-DD' strings (done in UTC, where every day has 24 hours).

/** A calendar day in Asia/Shanghai, 'YYYY-MM-DD'. */
export type CalendarDate = string;

const SHANGHAI_OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;
const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;
const TIME_PATTERN = /^([01]\d|2[0-3]):([0-5]\d)$/;

const utcMidnight = (date: CalendarDate) => Date.parse(`${date}T00:00:00Z`);
const formatUtc = (ms: number): CalendarDate => new Date(ms).toISOString().slice(0, 10);

/** 'YYYY-MM-DD' naming a day that exists (no 2026-02-30). */
export function isCalendarDate(value: string): value is CalendarDate {
  if (!DATE_PATTERN.test(value)) return false;
  const ms = utcMidnight(value);
  return Number.isFinite(ms) && formatUtc(ms) === value;
}

export function assertCalendarDate(value: string, what = 'date'): CalendarDate {
  if (!isCalendarDate(value)) throw new RangeError(`${what} must be a calendar date YYYY-MM-DD, got ${JSON.stringify(value)}`);
  return value;
}

/** An instant as milliseconds; strings must carry their offset (an ISO time without one would be read as local time). */
export function instantMs(instant: Date | string | number, what = 'instant'): number {
  const ms = typeof instant === 'number' ? instant : typeof instant === 'string' ? Date.parse(instant) : instant.getTime();
  if (!Number.isFinite(ms)) throw new RangeError(`${what} is not a valid instant: ${String(instant)}`);
  return ms;
}

/** The Asia/Shanghai calendar date of an instant. */
export function shanghaiDateOf(instant: Date | string | number): CalendarDate {
  return formatUtc(instantMs(instant) + SHANGHAI_OFFSET_MS);
}

/** The instant at which a Shanghai wall-clock time ('HH:MM', default midnight) is reached on a date. */
export function shanghaiInstant(date: CalendarDate, time = '00:00'): Date {
  const match = TIME_PATTERN.exec(time);
  if (!match) throw new RangeError(`time must be HH:MM, got ${JSON.stringify(time)}`);
  const minutes = Number(match[1]) * 60 + Number(match[2]);
  return new Date(utcMidnight(assertCalendarDate(date)) - SHANGHAI_OFFSET_MS + minutes * 60_000);
}

export function addDays(date: CalendarDate, days: number): CalendarDate {
  return formatUtc(utcMidnight(date) + days * DAY_MS);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: CalendarDate, to: CalendarDate): number {
  return Math.round((utcMidnight(to) - utcMidnight(from)) / DAY_MS);
}

/** The most days `datesFrom` lists: a century, far beyond any period of ours, and a bound on its memory. */
export const MAX_LISTED_DAYS = 36_525;

/** Every date from `from` to `to`, both included; empty when `to` is before `from`. */
export function datesFrom(from: CalendarDate, to: CalendarDate): CalendarDate[] {
  // Counted, not compared as strings: a string that is no date would never end the walk.
  const count = daysBetween(assertCalendarDate(from, 'from'), assertCalendarDate(to, 'to')) + 1;
  if (count > MAX_LISTED_DAYS) throw new RangeError(`${from} to ${to} spans more than ${MAX_LISTED_DAYS} days`);
  return Array.from({ length: Math.max(0, count) }, (_, index) => addDays(from, index));
}

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: CalendarDate): number {
  return ((new Date(utcMidnight(date)).getUTCDay() + 6) % 7) + 1;
}

/** The Monday that starts the ISO week of a date (a Sunday belongs to the week that began six days before). */
export function isoWeekStart(date: CalendarDate): CalendarDate {
  return addDays(date, 1 - isoWeekday(date));
}

/**
 * The ISO week of a date, '2026-W37'. The week belongs to the year of its Thursday, so 2027-01-01 (a Friday)
 * is in 2026-W53 and 2024-12-30 (a Monday) in 2025-W01.
 */
export function isoWeekId(date: CalendarDate): string {
  const thursday = addDays(isoWeekStart(date), 3);
  const year = thursday.slice(0, 4);
  const week = Math.floor(daysBetween(`${year}-01-01`, thursday) / 7) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}
