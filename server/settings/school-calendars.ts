// The school calendar (setting calendar.schoolDays) in force for many schools at once. A school's calendar is
// the nearest one set on its path (the school, its county, its city, the province), else Monday to Friday.
// One query reads every row of the key on or above the scope and below it; the schools are then resolved in
// memory, and schools that share the node their calendar comes from share one predicate (the sweep of 17,183
// schools expands each vacation once per node that sets one, not once per school).
import type { Knex } from 'knex';
import { likePrefix } from '../db/scope';
import {
  DEFAULT_SCHOOL_CALENDAR,
  SchoolCalendarSettingSchema,
  schoolDayCalendarOf,
  type SchoolCalendarSetting,
  type SchoolDayCalendar,
} from '../../analytics/calendar';

export const SCHOOL_CALENDAR_KEY = 'calendar.schoolDays';

export interface CalendarInForce {
  value: SchoolCalendarSetting;
  /** The path of the node that set it; null for the default. */
  definedAt: string | null;
  isSchoolDay: SchoolDayCalendar;
}

export interface SchoolCalendars {
  /** The calendar in force at a node (a school's scope path, or any node at or below the scope). */
  at(path: string): CalendarInForce;
}

const DEFAULT_IN_FORCE: CalendarInForce = {
  value: DEFAULT_SCHOOL_CALENDAR,
  definedAt: null,
  isSchoolDay: schoolDayCalendarOf(DEFAULT_SCHOOL_CALENDAR),
};

/** The ancestors of a path and the path itself, nearest first: '/1/2/' → ['/1/2/', '/1/']. */
function pathsUp(path: string): string[] {
  const codes = path.split('/').filter((code) => code.length > 0);
  return codes.map((_, i) => `/${codes.slice(0, codes.length - i).join('/')}/`);
}

/** The longest path that is an ancestor of (or equal to) every given path: where one query covers them all. */
export function commonScope(paths: readonly string[]): string {
  if (paths.length === 0) return '/';
  let scope = paths[0]!;
  for (const path of paths) while (!path.startsWith(scope)) scope = scope.slice(0, scope.slice(0, -1).lastIndexOf('/') + 1);
  return scope;
}

/** Every school calendar that can be in force at or below `scopePath`, in one query. */
export async function schoolCalendarsWithin(db: Knex, scopePath: string): Promise<SchoolCalendars> {
  const rows = (await db('jurisdiction_settings as s')
    .join('jurisdictions as j', 'j.id', 's.jurisdiction_id')
    .where('s.key', SCHOOL_CALENDAR_KEY)
    .where((q) => q.where('j.path', 'like', likePrefix(scopePath)).orWhereRaw(`? LIKE j.path || '%'`, [scopePath]))
    .select('j.path', 's.value')) as Array<{ path: string; value: unknown }>;
  const byPath = new Map<string, CalendarInForce>();
  for (const row of rows) {
    const parsed = SchoolCalendarSettingSchema.safeParse(row.value);
    // A stored value the schema no longer accepts counts as unset there (the nearest valid one above applies).
    if (parsed.success) byPath.set(row.path, { value: parsed.data, definedAt: row.path, isSchoolDay: schoolDayCalendarOf(parsed.data) });
  }
  return {
    at(path) {
      for (const candidate of pathsUp(path)) {
        const found = byPath.get(candidate);
        if (found) return found;
      }
      return DEFAULT_IN_FORCE;
    },
  };
}
