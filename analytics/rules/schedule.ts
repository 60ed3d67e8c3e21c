// Working hours in Asia/Shanghai. China has kept UTC+8 all year since 1991 (no daylight saving), so local time
// is the instant plus eight hours, whatever the worker's own time zone.
import type { Schedule, WorkingPeriod } from './schema';

const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

export interface LocalTime {
  /** ISO weekday: 1 = Monday … 7 = Sunday. */
  weekday: number;
  /** Minutes since local midnight. */
  minute: number;
}

export function shanghaiLocalTime(instant: Date | number): LocalTime {
  const local = new Date((typeof instant === 'number' ? instant : instant.getTime()) + SHANGHAI_OFFSET_MS);
  return { weekday: ((local.getUTCDay() + 6) % 7) + 1, minute: local.getUTCHours() * 60 + local.getUTCMinutes() };
}

export function minutesOf(time: string): number {
  const [hours, minutes] = time.split(':').map(Number);
  return hours! * 60 + minutes!;
}

/** 'HH:MM' of a minute of the day (wrapping past midnight). */
export function timeOfMinute(minute: number): string {
  const wrapped = ((Math.round(minute) % 1440) + 1440) % 1440;
  return `${String(Math.floor(wrapped / 60)).padStart(2, '0')}:${String(wrapped % 60).padStart(2, '0')}`;
}

const previousWeekday = (weekday: number) => (weekday === 1 ? 7 : weekday - 1);

export function inPeriod(period: WorkingPeriod, time: LocalTime): boolean {
  const start = minutesOf(period.start);
  const end = minutesOf(period.end);
  if (start < end) return period.days.includes(time.weekday) && time.minute >= start && time.minute < end;
  // Overnight (or all day when start equals end): from the start on a listed day to the end the next morning.
  return (
    (period.days.includes(time.weekday) && time.minute >= start) ||
    (period.days.includes(previousWeekday(time.weekday)) && time.minute < end)
  );
}

export function isWorkingTime(schedule: Schedule, instant: Date | number): boolean {
  const time = shanghaiLocalTime(instant);
  return schedule.workingHours.some((period) => inPeriod(period, time));
}
