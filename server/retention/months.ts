// Calendar months in Asia/Shanghai, the unit of the assessment's periods and of every monthly roll-up.
import { shanghaiDate, startOfShanghaiDay } from '../time';

/** 'YYYY-MM-01' of the Shanghai month an instant falls in. */
export function monthOf(instant: Date): string {
  return `${shanghaiDate(instant).slice(0, 7)}-01`;
}

/** 'YYYY-MM-01' of the month after. */
export function nextMonth(month: string): string {
  const year = Number(month.slice(0, 4));
  const index = Number(month.slice(5, 7));
  return index === 12 ? `${year + 1}-01-01` : `${year}-${String(index + 1).padStart(2, '0')}-01`;
}

/** The whole months from the one holding `from` up to (not including) the month `before`. */
export function monthsBetween(from: string, before: string): string[] {
  const months: string[] = [];
  for (let month = `${from.slice(0, 7)}-01`; month < before; month = nextMonth(month)) months.push(month);
  return months;
}

/** The instant a Shanghai month begins. */
export const monthStart = (month: string): Date => startOfShanghaiDay(month);

/** The first day of the month that holds the day `days` before `now`: what lies before it is past retention. */
export function retentionMonth(now: Date, days: number): string {
  return monthOf(new Date(now.getTime() - days * 86_400_000));
}
