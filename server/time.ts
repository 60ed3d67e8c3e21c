// Calendar dates as the users live them: in Asia/Shanghai, whatever the server's own time zone.
import { invalidInput } from './errors';

export const TIME_ZONE = 'Asia/Shanghai';

const dateFormat = new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' });

/** 'YYYY-MM-DD' of an instant in Asia/Shanghai. */
export function shanghaiDate(instant: Date): string {
  return dateFormat.format(instant);
}

/** Whole days from `from` to `to`, both 'YYYY-MM-DD'. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** The instant a Shanghai calendar day begins. */
export function startOfShanghaiDay(date: string): Date {
  return new Date(`${date}T00:00:00+08:00`);
}

/** Clocks of phones, cameras and workers run a little ahead: a time up to this far in the future still counts as now. */
export const CLOCK_SKEW_MS = 5 * 60_000;

/** Whether a time that says when something happened lies further in the future than clocks drift. */
export function isAhead(instant: string | Date, now: Date): boolean {
  return new Date(instant).getTime() > now.getTime() + CLOCK_SKEW_MS;
}

/** Refuses (400) a time that says when something happened, when it has not happened yet. */
export function assertHappened(instant: string | undefined, now: Date, field: string): void {
  if (instant !== undefined && isAhead(instant, now)) {
    throw invalidInput(`${field} lies in the future`, [{ path: field, code: 'in_future', message: 'lies in the future' }]);
  }
}
