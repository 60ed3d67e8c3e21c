// Assessment periods: a month ('2026-07'), a quarter ('2026-Q3') or a year ('2026'), as Asia/Shanghai calendar
// dates and the instants that bound them, with the period before (for the change from the last period).
// Free of zod and Node, so the renderer's period picker uses the very same arithmetic (PeriodId is in period-id.ts).
import { addDays, daysBetween, shanghaiInstant, type CalendarDate } from '../calendar';

export type PeriodKind = 'month' | 'quarter' | 'year';

export interface AssessmentPeriod {
  id: string;
  kind: PeriodKind;
  /** First and last day, both included. */
  from: CalendarDate;
  to: CalendarDate;
  /** The instants that bound it in Asia/Shanghai: `startsAt` included, `endsAt` (the next period's start) excluded. */
  startsAt: Date;
  endsAt: Date;
  days: number;
  /** The id of the period just before, of the same kind. */
  previousId: string;
  label: { zh: string; en: string };
}

export const PERIOD_PATTERN = /^(\d{4})(?:-(0[1-9]|1[0-2])|-Q([1-4]))?$/;

const MONTHS_EN = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const QUARTERS_ZH = ['一', '二', '三', '四'];

const pad2 = (value: number) => String(value).padStart(2, '0');
const monthStart = (year: number, month: number): CalendarDate => `${year}-${pad2(month)}-01`;

/** Year, first month (1–12) and length in months of a period id. */
function decode(id: string): { kind: PeriodKind; year: number; month: number; months: number } {
  const match = PERIOD_PATTERN.exec(id);
  if (!match) throw new RangeError(`not a period id (YYYY, YYYY-MM or YYYY-Qn): ${JSON.stringify(id)}`);
  const year = Number(match[1]);
  if (match[2]) return { kind: 'month', year, month: Number(match[2]), months: 1 };
  if (match[3]) return { kind: 'quarter', year, month: (Number(match[3]) - 1) * 3 + 1, months: 3 };
  return { kind: 'year', year, month: 1, months: 12 };
}

function encode(kind: PeriodKind, year: number, month: number): string {
  if (kind === 'year') return String(year);
  if (kind === 'quarter') return `${year}-Q${Math.floor((month - 1) / 3) + 1}`;
  return `${year}-${pad2(month)}`;
}

/** Adds months to a (year, month) pair, month 1–12. */
function shiftMonths(year: number, month: number, by: number): { year: number; month: number } {
  const index = year * 12 + (month - 1) + by;
  return { year: Math.floor(index / 12), month: (index % 12) + 1 };
}

export function parsePeriod(id: string): AssessmentPeriod {
  const { kind, year, month, months } = decode(id);
  const next = shiftMonths(year, month, months);
  const previous = shiftMonths(year, month, -months);
  const from = monthStart(year, month);
  const nextFrom = monthStart(next.year, next.month);
  const quarter = Math.floor((month - 1) / 3);
  return {
    id,
    kind,
    from,
    to: addDays(nextFrom, -1),
    startsAt: shanghaiInstant(from),
    endsAt: shanghaiInstant(nextFrom),
    days: daysBetween(from, nextFrom),
    previousId: encode(kind, previous.year, previous.month),
    label:
      kind === 'month'
        ? { zh: `${year}年${month}月`, en: `${MONTHS_EN[month - 1]} ${year}` }
        : kind === 'quarter'
          ? { zh: `${year}年第${QUARTERS_ZH[quarter]}季度`, en: `Q${quarter + 1} ${year}` }
          : { zh: `${year}年度`, en: String(year) },
  };
}

export const previousPeriodId = (id: string) => parsePeriod(id).previousId;

/** The period of a kind that contains a date: ('quarter', '2026-08-15') → '2026-Q3'. */
export function periodContaining(kind: PeriodKind, date: CalendarDate): string {
  return encode(kind, Number(date.slice(0, 4)), Number(date.slice(5, 7)));
}

/** The `count` periods up to and including `id`, oldest first: for trends. */
export function periodsEndingWith(id: string, count: number): string[] {
  const ids = [id];
  while (ids.length < count) ids.unshift(previousPeriodId(ids[0]!));
  return ids;
}

/** The kind of a period id: '2026-Q3' → 'quarter'. */
export const periodKindOf = (id: string): PeriodKind => decode(id).kind;

/** The last period of a kind that has ended by `today` (in July, the second quarter; in 2026, the year 2025). */
export function lastCompletePeriod(kind: PeriodKind, today: CalendarDate): string {
  return previousPeriodId(periodContaining(kind, today));
}
