// Period ids as the server reads them (2026, 2026-07, 2026-Q3), computed on Shanghai calendar days.
import { shanghaiToday } from '../../format/time';

export type PeriodKind = 'month' | 'quarter' | 'year';

export const kindOf = (id: string): PeriodKind => (id.includes('Q') ? 'quarter' : id.length === 7 ? 'month' : 'year');

/** The period before `id`, of the same kind. */
export function previousPeriod(id: string): string {
  const year = Number(id.slice(0, 4));
  const kind = kindOf(id);
  if (kind === 'year') return String(year - 1);
  if (kind === 'quarter') {
    const quarter = Number(id.slice(6));
    return quarter === 1 ? `${year - 1}-Q4` : `${year}-Q${quarter - 1}`;
  }
  const month = Number(id.slice(5, 7));
  return month === 1 ? `${year - 1}-12` : `${year}-${String(month - 1).padStart(2, '0')}`;
}

/** The last period of a kind that has ended by today (the quarter before this one, and so on). */
export function lastCompletePeriod(kind: PeriodKind, now = new Date()): string {
  const today = shanghaiToday(now);
  const year = Number(today.slice(0, 4));
  const month = Number(today.slice(5, 7));
  if (kind === 'year') return String(year - 1);
  if (kind === 'quarter') return previousPeriod(`${year}-Q${Math.floor((month - 1) / 3) + 1}`);
  return previousPeriod(`${year}-${String(month).padStart(2, '0')}`);
}

/** The `count` periods up to and including `id`, oldest first. */
export function periodsEndingWith(id: string, count: number): string[] {
  const ids = [id];
  while (ids.length < count) ids.unshift(previousPeriod(ids[0]!));
  return ids;
}

/** The choices a picker offers for a kind: the last complete period and the ones before it. */
export const periodChoices = (kind: PeriodKind, count: number, now = new Date()) =>
  periodsEndingWith(lastCompletePeriod(kind, now), count).reverse();
