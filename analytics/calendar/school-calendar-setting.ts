// The school calendar as a jurisdiction keeps it (setting calendar.schoolDays): the weekdays on which schools
// normally open, the holidays and vacations as inclusive date ranges, and the weekend make-up days (调休) on
// which they open all the same. A city sets the national holidays and its vacations; a county or a school may
// keep its own. `schoolDayCalendarOf` turns the value into the predicate every rule and count reads.
import { z } from 'zod';
import { datesFrom, daysBetween, type CalendarDate } from './dates';
import { NATIONAL_HOLIDAY_YEARS } from './national-holidays';
import { CalendarDateSchema } from './schemas';
import { MONDAY_TO_FRIDAY, schoolCalendar, type SchoolDayCalendar } from './school-days';

export { dayKindOf, type DayKind } from './day-kinds';

const Name = z.string().trim().min(1).max(60);

/** Longest closed range accepted: a summer vacation is about 60 days; a year covers any real one. */
export const MAX_CLOSED_RANGE_DAYS = 366;

export const ClosedRangeSchema = z
  .strictObject({ from: CalendarDateSchema, to: CalendarDateSchema, name: Name })
  .refine((range) => range.from <= range.to, { message: 'from must not be after to', path: ['to'] })
  .refine((range) => daysBetween(range.from, range.to) < MAX_CLOSED_RANGE_DAYS, {
    message: `a closed range covers at most ${MAX_CLOSED_RANGE_DAYS} days`,
    path: ['to'],
  });

export const OpenDaySchema = z.strictObject({ date: CalendarDateSchema, name: Name });

export const SchoolCalendarSettingSchema = z.strictObject({
  weekdays: z
    .array(z.number().int().min(1).max(7))
    .min(1)
    .max(7)
    .refine((days) => new Set(days).size === days.length, { message: 'each weekday at most once' })
    .default([...MONDAY_TO_FRIDAY]),
  closed: z.array(ClosedRangeSchema).max(200).default([]),
  open: z.array(OpenDaySchema).max(200).default([]),
});

export type SchoolCalendarSetting = z.infer<typeof SchoolCalendarSettingSchema>;
export type ClosedRange = SchoolCalendarSetting['closed'][number];
export type OpenDay = SchoolCalendarSetting['open'][number];

/**
 * Monday to Friday, closed on the national holidays and open on their weekend make-up days: the calendar in
 * force until a jurisdiction sets one (vacations are each city's own).
 */
export const DEFAULT_SCHOOL_CALENDAR: SchoolCalendarSetting = {
  weekdays: [...MONDAY_TO_FRIDAY],
  closed: NATIONAL_HOLIDAY_YEARS.flatMap((year) => year.holidays),
  open: NATIONAL_HOLIDAY_YEARS.flatMap((year) => year.makeUpDays),
};

/** The closed dates of a calendar, every range expanded. */
export function closedDatesOf(setting: Pick<SchoolCalendarSetting, 'closed'>): Set<CalendarDate> {
  const dates = new Set<CalendarDate>();
  for (const range of setting.closed) for (const date of datesFrom(range.from, range.to)) dates.add(date);
  return dates;
}

/** The school days of a kept calendar. A make-up day (open) wins over a closed range covering it. */
export function schoolDayCalendarOf(setting: SchoolCalendarSetting): SchoolDayCalendar {
  return schoolCalendar({ weekdays: setting.weekdays, closed: closedDatesOf(setting), open: setting.open.map((day) => day.date) });
}
