// The school calendar (setting calendar.schoolDays) in force for many schools at once. A school's calendar is
// the nearest one set on its path (the school, its county, its city, the province), else Monday to Friday.
// One query reads every row of the key on or above the scope and below it; the schools are then resolved in
// memory, and schools that share the node their calendar comes from share one predicate (the sweep of 17,183
// schools expands each vacation once per node that sets one, not once per school).
import type { Knex } from 'knex';
import { schoolDayCalendarOf, type SchoolDayCalendar } from '../../analytics/calendar';
import { settingWithin, type SettingInForce } from './settings-within';

export const SCHOOL_CALENDAR_KEY = 'calendar.schoolDays';

export interface CalendarInForce extends SettingInForce<typeof SCHOOL_CALENDAR_KEY> {
  isSchoolDay: SchoolDayCalendar;
}

export interface SchoolCalendars {
  /** The calendar in force at a node (a school's scope path, or any node at or below the scope). */
  at(path: string): CalendarInForce;
}

/** Every school calendar that can be in force at or below `scopePath`, in one query. */
export async function schoolCalendarsWithin(db: Knex, scopePath: string): Promise<SchoolCalendars> {
  const calendars = await settingWithin(db, SCHOOL_CALENDAR_KEY, scopePath);
  // One predicate per node that sets a calendar (and one for the default), whatever the number of schools.
  const inForce = new Map<string | null, CalendarInForce>();
  return {
    at(path) {
      const setting = calendars.at(path);
      let calendar = inForce.get(setting.definedAt);
      if (!calendar) inForce.set(setting.definedAt, (calendar = { ...setting, isSchoolDay: schoolDayCalendarOf(setting.value) }));
      return calendar;
    },
  };
}
