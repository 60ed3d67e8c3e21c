import { describe, expect, it } from 'vitest';
import { lastCompletePeriod, parsePeriod, PeriodId, periodContaining, periodKindOf, periodsEndingWith, previousPeriodId } from './index';

describe('assessment periods', () => {
  it('a quarter: its Shanghai dates, the instants that bound it, the quarter before', () => {
    expect(parsePeriod('2026-Q3')).toEqual({
      id: '2026-Q3',
      kind: 'quarter',
      from: '2026-07-01',
      to: '2026-09-30',
      startsAt: new Date('2026-07-01T00:00:00+08:00'),
      endsAt: new Date('2026-10-01T00:00:00+08:00'),
      days: 92,
      previousId: '2026-Q2',
      label: { zh: '2026年第三季度', en: 'Q3 2026' },
    });
    expect(parsePeriod('2026-Q3').startsAt.toISOString()).toBe('2026-06-30T16:00:00.000Z');
    expect(parsePeriod('2026-Q1')).toMatchObject({ from: '2026-01-01', to: '2026-03-31', days: 90, previousId: '2025-Q4' });
    expect(parsePeriod('2026-Q4')).toMatchObject({ from: '2026-10-01', to: '2026-12-31', endsAt: new Date('2027-01-01T00:00:00+08:00') });
  });

  it('a month, across the year and on a leap February', () => {
    expect(parsePeriod('2026-07')).toMatchObject({
      kind: 'month',
      from: '2026-07-01',
      to: '2026-07-31',
      days: 31,
      previousId: '2026-06',
      label: { zh: '2026年7月', en: 'July 2026' },
    });
    expect(parsePeriod('2026-01')).toMatchObject({ previousId: '2025-12', to: '2026-01-31' });
    expect(parsePeriod('2026-12')).toMatchObject({
      to: '2026-12-31',
      endsAt: new Date('2027-01-01T00:00:00+08:00'),
      previousId: '2026-11',
    });
    expect(parsePeriod('2028-02')).toMatchObject({ to: '2028-02-29', days: 29 });
    expect(parsePeriod('2026-02')).toMatchObject({ to: '2026-02-28', days: 28 });
  });

  it('a year', () => {
    expect(parsePeriod('2026')).toMatchObject({
      kind: 'year',
      from: '2026-01-01',
      to: '2026-12-31',
      days: 365,
      previousId: '2025',
      label: { zh: '2026年度', en: '2026' },
    });
    expect(parsePeriod('2028').days).toBe(366);
  });

  it('refuses anything else', () => {
    for (const bad of ['2026-13', '2026-00', '2026-Q0', '2026-Q5', '2026-q3', '2026-7', '26', '2026-07-01', ' 2026', '']) {
      expect(() => parsePeriod(bad), bad).toThrow(RangeError);
      expect(PeriodId.safeParse(bad).success, bad).toBe(false);
    }
    expect(PeriodId.parse('2026-Q3')).toBe('2026-Q3');
  });

  it('finds the period of a date, the one before, and a run of periods for a trend', () => {
    expect(periodContaining('quarter', '2026-08-15')).toBe('2026-Q3');
    expect(periodContaining('quarter', '2026-10-01')).toBe('2026-Q4');
    expect(periodContaining('month', '2026-08-15')).toBe('2026-08');
    expect(periodContaining('year', '2026-08-15')).toBe('2026');
    expect(previousPeriodId('2026-Q1')).toBe('2025-Q4');
    expect(periodsEndingWith('2026-02', 3)).toEqual(['2025-12', '2026-01', '2026-02']);
    expect(periodsEndingWith('2026-Q2', 4)).toEqual(['2025-Q3', '2025-Q4', '2026-Q1', '2026-Q2']);
  });

  it('offers the last period that has ended: on the first day of a quarter, the quarter just ended', () => {
    expect(lastCompletePeriod('quarter', '2026-07-01')).toBe('2026-Q2');
    expect(lastCompletePeriod('quarter', '2026-06-30')).toBe('2026-Q1');
    expect(lastCompletePeriod('month', '2026-01-15')).toBe('2025-12');
    expect(lastCompletePeriod('year', '2026-12-31')).toBe('2025');
    expect([periodKindOf('2026'), periodKindOf('2026-07'), periodKindOf('2026-Q3')]).toEqual(['year', 'month', 'quarter']);
  });
});
