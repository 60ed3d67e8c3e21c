// The default school calendar knows the national holidays of 2026 (the State Council's notice) and 2027
// (provisional, from the rules): schools close on them and open on the weekend make-up days.
import { describe, expect, it } from 'vitest';
import { isoWeekday } from './dates';
import { NATIONAL_HOLIDAY_YEARS } from './national-holidays';
import { DEFAULT_SCHOOL_CALENDAR, schoolDayCalendarOf, SchoolCalendarSettingSchema } from './school-calendar-setting';

const isSchoolDay = schoolDayCalendarOf(DEFAULT_SCHOOL_CALENDAR);

describe('national holidays in the default school calendar', () => {
  it('closes on the 2026 holidays and opens on their make-up days, as the notice has them', () => {
    // National Day: 1–7 October off, Sunday 20 September and Saturday 10 October worked.
    expect(['2026-09-30', '2026-10-01', '2026-10-07', '2026-10-08'].map(isSchoolDay)).toEqual([true, false, false, true]);
    expect(['2026-09-20', '2026-10-10', '2026-10-11'].map(isSchoolDay)).toEqual([true, true, false]);
    // Spring Festival 15–23 February, worked Saturdays 14 and 28 February; New Year with Sunday 4 January worked.
    expect(['2026-02-14', '2026-02-16', '2026-02-23', '2026-02-24', '2026-02-28'].map(isSchoolDay)).toEqual([
      true,
      false,
      false,
      true,
      true,
    ]);
    expect(['2026-01-01', '2026-01-02', '2026-01-04', '2026-01-05'].map(isSchoolDay)).toEqual([false, false, true, true]);
    // Labour Day 1–5 May (Saturday 9 May worked), Qingming 4–6 April, Dragon Boat 19 June, Mid-Autumn 25 September.
    expect(['2026-05-04', '2026-05-05', '2026-05-06', '2026-05-09'].map(isSchoolDay)).toEqual([false, false, true, true]);
    expect(['2026-04-06', '2026-06-19', '2026-09-25'].map(isSchoolDay)).toEqual([false, false, false]);
  });

  it('keeps 2027 as provisional, with the holidays on their lunar dates', () => {
    expect(NATIONAL_HOLIDAY_YEARS.map((year) => [year.year, year.provisional])).toEqual([
      [2026, false],
      [2027, true],
    ]);
    // 春节 2027-02-06 (除夕 the 5th), 清明 04-05, 端午 06-09, 中秋 09-15, 国庆 1–7 October.
    expect(['2027-02-05', '2027-02-08', '2027-04-05', '2027-06-09', '2027-09-15', '2027-10-07'].map(isSchoolDay)).toEqual(
      Array(6).fill(false),
    );
    expect(['2027-02-20', '2027-09-26', '2027-10-09', '2027-10-08'].map(isSchoolDay)).toEqual([true, true, true, true]);
  });

  it('puts every make-up day on a weekend, outside the holidays, and is a calendar the setting accepts', () => {
    for (const year of NATIONAL_HOLIDAY_YEARS) {
      for (const day of year.makeUpDays) {
        expect(isoWeekday(day.date), day.date).toBeGreaterThanOrEqual(6);
        expect(day.date.startsWith(String(year.year))).toBe(true);
        expect(year.holidays.some((range) => range.from <= day.date && day.date <= range.to)).toBe(false);
      }
    }
    expect(SchoolCalendarSettingSchema.parse(DEFAULT_SCHOOL_CALENDAR)).toEqual(DEFAULT_SCHOOL_CALENDAR);
  });
});
