// The counts behind the assessment indicators, gathered per school from the real tables for one period; a
// county's or a city's counts are the sums of its schools' (sumCounts), so every level is judged alike.
import type { Knex } from 'knex';
import { likePrefix } from '../db/scope';
import { ledgerActivityCounts, sumCounts, type AssessmentCounts, type AssessmentPeriod } from '../../analytics/assessment';
import type { CalendarDate } from '../../analytics/calendar';
import {
  completenessEvidenceWindow,
  completenessFrames,
  completenessIn,
  requiredLedgerOf,
  type RequiredLedger,
} from '../../analytics/ledgers';
import { effectiveSetting } from '../settings/queries';
import { cameraTimes } from './camera-time';
import { schoolCalendarsWithin } from '../settings/school-calendars';

/**
 * SQL: the alert `x` was handled in time — decided (confirmed or dismissed) within `hours` of its first
 * detection, or its case ended by itself (resolved: the camera back) within that time.
 */
export const alertHandledInTime = (x: string, hours: string) =>
  `((${x}.triaged_at IS NOT NULL AND ${x}.triaged_at <= ${x}.first_seen_at + (${hours} * interval '1 hour'))
    OR (${x}.status = 'resolved' AND ${x}.resolved_at <= ${x}.first_seen_at + (${hours} * interval '1 hour')))`;

export interface SchoolUnit {
  id: string;
  code: string;
  name: string;
  countyCode: string;
  countyName: string;
  cityCode: string;
}

/** A county or a city: a node whose schools' counts are summed. */
export interface NodeUnit {
  code: string;
  name: string;
  path: string;
}

type Row = Record<string, string | number | string[] | null>;
const rowsOf = async (db: Knex, sql: string, bindings: readonly unknown[]) =>
  ((await db.raw(sql, bindings as Knex.RawBinding[])) as { rows: Row[] }).rows;
const n = (value: Row[string] | undefined) => Number(value ?? 0);

export async function schoolsWithin(db: Knex, scopePath: string): Promise<SchoolUnit[]> {
  const rows = await rowsOf(
    db,
    `SELECT s.id, s.code, s.name, c.code AS county_code, c.name AS county_name, city.code AS city_code
       FROM schools s JOIN jurisdictions c ON c.id = s.county_id JOIN jurisdictions city ON city.id = c.parent_id
      WHERE s.scope_path LIKE ? ORDER BY s.code`,
    [likePrefix(scopePath)],
  );
  return rows.map((row) => ({
    id: String(row.id),
    code: String(row.code),
    name: String(row.name),
    countyCode: String(row.county_code),
    countyName: String(row.county_name),
    cityCode: String(row.city_code),
  }));
}

/** The counties (or cities) under the path, or the one the path lies in. */
export async function nodesWithin(db: Knex, scopePath: string, level: 'city' | 'county'): Promise<NodeUnit[]> {
  const rows = await rowsOf(
    db,
    `SELECT code, name, path FROM jurisdictions WHERE level = ? AND (path LIKE ? OR ? LIKE path || '%') ORDER BY code`,
    [level, likePrefix(scopePath), scopePath],
  );
  return rows.map((row) => ({ code: String(row.code), name: String(row.name), path: String(row.path) }));
}

/**
 * The counts of every school under `scopePath` for the period, by school id. Rules (see analytics/assessment
 * indicators.ts for the rates):
 * - tasks: the leaf tasks of a school (a county task passed down is counted once, as its school's child task)
 *   whose deadline falls in the period and that are not cancelled; closed on time = closed by the deadline;
 * - alerts: raised (first seen) in the period; handled in time = confirmed or dismissed within the hours of
 *   the setting assessment.alertHandlingHours in force at `scopePath` (one deadline for all units ranked
 *   together), unless `options.alertHours` is given;
 * - cameras: camera-seconds from camera_status_history (see camera-time.ts): observed = seconds of the period
 *   (up to `options.now` for the period under way) with a known status, online = those with 'online';
 * - complaints: received in the period, now closed;
 * - ledgers: school days (each school's calendar, setting calendar.schoolDays) with any ledger entry, and
 *   completeness from analytics/ledgers,
 *   both from the day ledgers are required (setting ledgers.requiredFrom) when that falls in the period.
 */
export async function schoolCounts(
  db: Knex,
  scopePath: string,
  period: AssessmentPeriod,
  options: { alertHours?: number | undefined; now?: Date | undefined } = {},
): Promise<Map<string, AssessmentCounts>> {
  const prefix = likePrefix(scopePath);
  const alertHours = options.alertHours ?? (await effectiveSetting(db, scopePath, 'assessment.alertHandlingHours'));
  const range = [period.startsAt, period.endsAt];
  const counts = new Map<string, AssessmentCounts>();
  const add = (schoolId: string, part: AssessmentCounts) => counts.set(schoolId, sumCounts([counts.get(schoolId) ?? {}, part]));

  const [canteens, patrols, tasks, alerts, cameras, complaints] = await Promise.all([
    rowsOf(
      db,
      `SELECT c.school_id, count(*) AS canteens,
              count(*) FILTER (WHERE EXISTS (SELECT 1 FROM patrol_records p WHERE p.canteen_id = c.id
                                               AND p.submitted_at >= ? AND p.submitted_at < ?)) AS patrolled
         FROM canteens c WHERE c.scope_path LIKE ? GROUP BY c.school_id`,
      [...range, prefix],
    ),
    rowsOf(
      db,
      `SELECT school_id, count(*) AS patrols, count(*) FILTER (WHERE result = 'passed') AS passed
         FROM patrol_records WHERE scope_path LIKE ? AND submitted_at >= ? AND submitted_at < ? GROUP BY school_id`,
      [prefix, ...range],
    ),
    rowsOf(
      db,
      `SELECT t.school_id, count(*) AS due, count(*) FILTER (WHERE t.state = 'closed') AS closed,
              count(*) FILTER (WHERE t.state = 'closed' AND t.closed_at <= t.deadline) AS on_time
         FROM tasks t
        WHERE t.scope_path LIKE ? AND t.school_id IS NOT NULL AND t.state <> 'cancelled'
          AND t.deadline >= ? AND t.deadline < ?
          AND NOT EXISTS (SELECT 1 FROM tasks c WHERE c.parent_id = t.id AND c.state <> 'cancelled')
        GROUP BY t.school_id`,
      [prefix, ...range],
    ),
    rowsOf(
      db,
      `SELECT school_id, count(*) AS raised,
              count(*) FILTER (WHERE ${alertHandledInTime('a', '?')}) AS handled
         FROM alerts a WHERE scope_path LIKE ? AND first_seen_at >= ? AND first_seen_at < ? GROUP BY school_id`,
      [alertHours, alertHours, prefix, ...range],
    ),
    cameraTimes(db, prefix, period, options.now ?? new Date()),
    rowsOf(
      db,
      `SELECT school_id, count(*) AS received, count(*) FILTER (WHERE status = 'closed') AS closed
         FROM complaints WHERE scope_path LIKE ? AND created_at >= ? AND created_at < ? GROUP BY school_id`,
      [prefix, ...range],
    ),
  ]);
  for (const row of canteens) add(String(row.school_id), { canteens: n(row.canteens), canteensPatrolled: n(row.patrolled) });
  for (const row of patrols) add(String(row.school_id), { patrols: n(row.patrols), patrolsPassed: n(row.passed) });
  for (const row of tasks)
    add(String(row.school_id), { tasksDue: n(row.due), tasksClosed: n(row.closed), tasksClosedOnTime: n(row.on_time) });
  for (const row of alerts) add(String(row.school_id), { alertsRaised: n(row.raised), alertsHandledInTime: n(row.handled) });
  for (const camera of cameras)
    add(camera.schoolId, { cameraSecondsObserved: camera.observedSeconds, cameraSecondsOnline: camera.onlineSeconds });
  for (const row of complaints) add(String(row.school_id), { complaintsReceived: n(row.received), complaintsClosed: n(row.closed) });

  // Days before the ledgers were required (the setting in force at the scope) count neither way.
  const requiredFrom = await effectiveSetting(db, scopePath, 'ledgers.requiredFrom');
  const from = requiredFrom && requiredFrom > period.from ? requiredFrom : period.from;
  if (from <= period.to) for (const [schoolId, part] of await ledgerCounts(db, scopePath, { from, to: period.to })) add(schoolId, part);
  return counts;
}

/**
 * Usage and completeness of every school in scope (schools without entries count their school days too),
 * from one pass over the entries: their dates aggregated per school and kind, so a year of a city's entries
 * comes back as a few thousand rows. School days follow each school's calendar (setting calendar.schoolDays:
 * holidays and vacations count neither way, make-up days count), read for all schools in one query.
 */
async function ledgerCounts(
  db: Knex,
  scopePath: string,
  period: { from: CalendarDate; to: CalendarDate },
): Promise<Map<string, AssessmentCounts>> {
  const prefix = likePrefix(scopePath);
  const window = completenessEvidenceWindow(period.from, period.to);
  const [schools, entries, calendars] = await Promise.all([
    rowsOf(db, `SELECT id, scope_path FROM schools WHERE scope_path LIKE ?`, [prefix]),
    rowsOf(
      db,
      `SELECT school_id, kind, array_agg(DISTINCT to_char(entry_date, 'YYYY-MM-DD')) AS days
         FROM ledger_entries WHERE scope_path LIKE ? AND entry_date BETWEEN ? AND ? GROUP BY school_id, kind`,
      [prefix, window.from, window.to],
    ),
    schoolCalendarsWithin(db, scopePath),
  ]);
  const recordDates = new Map<string, Partial<Record<RequiredLedger, string[]>>>();
  const activeDays = new Map<string, string[]>();
  for (const row of entries) {
    const schoolId = String(row.school_id);
    const days = row.days as string[];
    // Any kind is activity; ledgerActivityCounts keeps only the period's school days.
    activeDays.set(schoolId, [...(activeDays.get(schoolId) ?? []), ...days]);
    const ledger = requiredLedgerOf(String(row.kind));
    if (!ledger) continue;
    const dates = recordDates.get(schoolId) ?? {};
    recordDates.set(schoolId, dates);
    dates[ledger] = days;
  }
  const result = new Map<string, AssessmentCounts>();
  const frameOf = completenessFrames();
  for (const school of schools) {
    const id = String(school.id);
    const { isSchoolDay, definedAt } = calendars.at(String(school.scope_path));
    const completeness = completenessIn(frameOf(definedAt ?? '', isSchoolDay, period.from, period.to), recordDates.get(id) ?? {});
    result.set(id, {
      ...ledgerActivityCounts(isSchoolDay, period.from, period.to, activeDays.get(id) ?? []),
      ledgerItemsRequired: completeness.ledgerItemsRequired,
      ledgerItemsPresent: completeness.ledgerItemsPresent,
    });
  }
  return result;
}
