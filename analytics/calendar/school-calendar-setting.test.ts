import { describe, expect, it } from 'vitest';
import { datesFrom, isoWeekday, schoolDaysBetween } from './index';
import { DEFAULT_SCHOOL_CALENDAR, SchoolCalendarSettingSchema, dayKindOf, schoolDayCalendarOf } from './school-calendar-setting';

// Chengde's 2027 winter vacation and the Spring Festival make-up Saturday inside it (made-up but shaped like a real one).
const WINTER = SchoolCalendarSettingSchema.parse({
  closed: [
    { from: '2027-01-18', to: '2027-02-26', name: '寒假' },
    { from: '2026-10-01', to: '2026-10-07', name: '国庆节' },
  ],
  open: [
    { date: '2027-02-20', name: '春节调休' },
    { date: '2026-09-27', name: '国庆调休' },
  ],
});

describe('school calendar setting', () => {
  it('reads an empty calendar as Monday to Friday with no exceptions; the default opens Monday to Friday too', () => {
    expect(SchoolCalendarSettingSchema.parse({})).toEqual({ weekdays: [1, 2, 3, 4, 5], closed: [], open: [] });
    expect(DEFAULT_SCHOOL_CALENDAR.weekdays).toEqual([1, 2, 3, 4, 5]);
    const isSchoolDay = schoolDayCalendarOf(DEFAULT_SCHOOL_CALENDAR);
    expect(datesFrom('2026-09-07', '2026-09-13').map(isSchoolDay)).toEqual([true, true, true, true, true, false, false]);
  });

  it('closes every day of a closed range, both ends included', () => {
    const isSchoolDay = schoolDayCalendarOf(WINTER);
    expect(isSchoolDay('2027-01-15')).toBe(true); // the Friday before
    expect(isSchoolDay('2027-01-18')).toBe(false);
    expect(isSchoolDay('2027-02-03')).toBe(false);
    expect(isSchoolDay('2027-02-26')).toBe(false);
    expect(isSchoolDay('2027-03-01')).toBe(true);
    expect(schoolDaysBetween(isSchoolDay, '2026-10-01', '2026-10-09')).toEqual(['2026-10-08', '2026-10-09']);
  });

  it('opens a make-up Saturday, even inside a closed range (open wins over closed)', () => {
    const isSchoolDay = schoolDayCalendarOf(WINTER);
    expect(isoWeekday('2027-02-20')).toBe(6);
    expect(isSchoolDay('2027-02-20')).toBe(true);
    expect(isSchoolDay('2027-02-19')).toBe(false);
    expect(isSchoolDay('2026-09-27')).toBe(true); // a Sunday make-up day outside any range
    expect(schoolDaysBetween(isSchoolDay, '2027-01-18', '2027-02-26')).toEqual(['2027-02-20']);
  });

  it('takes other weekdays when a school opens on Saturdays', () => {
    const isSchoolDay = schoolDayCalendarOf(SchoolCalendarSettingSchema.parse({ weekdays: [1, 2, 3, 4, 5, 6] }));
    expect(isSchoolDay('2026-09-12')).toBe(true);
    expect(isSchoolDay('2026-09-13')).toBe(false);
  });

  it('names what a day is for the month grid', () => {
    expect(dayKindOf(WINTER, '2027-02-03', 3)).toEqual({ kind: 'closed', name: '寒假' });
    expect(dayKindOf(WINTER, '2027-02-20', 6)).toEqual({ kind: 'open', name: '春节调休' });
    expect(dayKindOf(WINTER, '2027-03-06', 6)).toEqual({ kind: 'weekend' });
    expect(dayKindOf(WINTER, '2027-03-01', 1)).toEqual({ kind: 'school' });
  });

  it('refuses a range that ends before it begins, an impossible date, a bad weekday or a missing name', () => {
    const refused = (value: unknown) => SchoolCalendarSettingSchema.safeParse(value);
    const backwards = refused({ closed: [{ from: '2027-02-26', to: '2027-01-18', name: '寒假' }] });
    expect(backwards.success).toBe(false);
    expect(backwards.error?.issues[0]?.path).toEqual(['closed', 0, 'to']);
    expect(refused({ closed: [{ from: '2027-02-30', to: '2027-03-02', name: 'x' }] }).success).toBe(false);
    expect(refused({ closed: [{ from: '2027-01-01', to: '2028-06-01', name: 'too long' }] }).success).toBe(false);
    expect(refused({ open: [{ date: '2027-02-20', name: '  ' }] }).success).toBe(false);
    expect(refused({ weekdays: [0, 1] }).success).toBe(false);
    expect(refused({ weekdays: [1, 1] }).success).toBe(false);
    expect(refused({ weekdays: [] }).success).toBe(false);
    expect(refused({ closed: [], extra: true }).success).toBe(false);
  });
});
