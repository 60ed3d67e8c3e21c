import { describe, expect, it } from 'vitest';
import {
  addDays,
  assertCalendarDate,
  datesFrom,
  daysBetween,
  isCalendarDate,
  isoWeekday,
  isoWeekId,
  isoWeekStart,
  schoolCalendar,
  schoolDaysBetween,
  shanghaiDateOf,
  shanghaiInstant,
  toSchoolDayCalendar,
  weekdaysCalendar,
} from './index';

describe('Asia/Shanghai calendar dates', () => {
  it('takes the date of an instant in Shanghai, whatever the machine zone', () => {
    expect(shanghaiDateOf(new Date('2026-09-07T15:59:59Z'))).toBe('2026-09-07');
    expect(shanghaiDateOf(new Date('2026-09-07T16:00:00Z'))).toBe('2026-09-08');
    expect(shanghaiDateOf('2026-09-08T00:00:00+08:00')).toBe('2026-09-08');
    expect(() => shanghaiDateOf('not a date')).toThrow(RangeError);
  });

  it('turns a Shanghai wall-clock time on a date into its instant', () => {
    expect(shanghaiInstant('2026-09-08').toISOString()).toBe('2026-09-07T16:00:00.000Z');
    expect(shanghaiInstant('2026-09-08', '10:00').toISOString()).toBe('2026-09-08T02:00:00.000Z');
    expect(() => shanghaiInstant('2026-09-08', '24:00')).toThrow(RangeError);
    expect(() => shanghaiInstant('2026-02-30')).toThrow(RangeError);
  });

  it('validates, adds and counts days across months, leap days and years', () => {
    expect(isCalendarDate('2028-02-29')).toBe(true);
    expect(isCalendarDate('2026-02-29')).toBe(false);
    expect(isCalendarDate('2026-9-8')).toBe(false);
    expect(() => assertCalendarDate('2026-13-01', 'expiry')).toThrow(/expiry must be a calendar date/);
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2028-03-01', -1)).toBe('2028-02-29');
    expect(daysBetween('2026-09-08', '2026-10-08')).toBe(30);
    expect(daysBetween('2026-10-08', '2026-09-08')).toBe(-30);
    expect(datesFrom('2026-09-29', '2026-10-02')).toEqual(['2026-09-29', '2026-09-30', '2026-10-01', '2026-10-02']);
    expect(datesFrom('2026-10-02', '2026-10-01')).toEqual([]);
  });

  it('starts ISO weeks on Monday: a Sunday belongs to the week before it', () => {
    expect(isoWeekday('2026-09-07')).toBe(1);
    expect(isoWeekday('2026-09-13')).toBe(7);
    expect(isoWeekStart('2026-09-13')).toBe('2026-09-07');
    expect(isoWeekStart('2026-09-14')).toBe('2026-09-14');
    expect(isoWeekId('2026-09-13')).toBe('2026-W37');
    expect(isoWeekId('2026-09-14')).toBe('2026-W38');
  });

  it('numbers ISO weeks by the year of their Thursday', () => {
    expect(isoWeekId('2026-01-01')).toBe('2026-W01'); // a Thursday
    expect(isoWeekId('2026-12-31')).toBe('2026-W53');
    expect(isoWeekId('2027-01-03')).toBe('2026-W53'); // a Sunday
    expect(isoWeekId('2027-01-04')).toBe('2027-W01');
    expect(isoWeekId('2024-12-30')).toBe('2025-W01');
  });
});

describe('school-day calendars', () => {
  it('defaults to Monday to Friday', () => {
    expect(['2026-09-11', '2026-09-12', '2026-09-13', '2026-09-14'].map(weekdaysCalendar)).toEqual([true, false, false, true]);
    expect(toSchoolDayCalendar(undefined)('2026-09-12')).toBe(false);
  });

  it('closes on holidays and opens on make-up days (调休)', () => {
    // National Day 2026: 1–7 October off; Sunday 27 September and Saturday 10 October are worked.
    const calendar = schoolCalendar({ closed: datesFrom('2026-10-01', '2026-10-07'), open: ['2026-09-27', '2026-10-10'] });
    expect(schoolDaysBetween(calendar, '2026-09-26', '2026-10-11')).toEqual([
      '2026-09-27',
      '2026-09-28',
      '2026-09-29',
      '2026-09-30',
      '2026-10-08',
      '2026-10-09',
      '2026-10-10',
    ]);
  });

  it('takes a set of school days, or a boarding pattern of six days', () => {
    expect(schoolDaysBetween(new Set(['2026-09-08', '2026-09-20']), '2026-09-01', '2026-09-30')).toEqual(['2026-09-08', '2026-09-20']);
    expect(schoolDaysBetween(schoolCalendar({ weekdays: [1, 2, 3, 4, 5, 6] }), '2026-09-11', '2026-09-14')).toEqual([
      '2026-09-11',
      '2026-09-12',
      '2026-09-14',
    ]);
  });
});
