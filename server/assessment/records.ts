// The records behind an assessment figure: every record its denominator counts, each marked with whether the
// numerator counts it too — so a user can open the failed patrols, the overdue tasks, the alerts handled late,
// the cameras that were not online all the time.
import type { Knex } from 'knex';
import type { AssessmentPeriod, IndicatorCode } from '../../analytics/assessment';
import { effectiveSetting } from '../settings/queries';
import { cameraTimes } from './camera-time';
import { likePrefix } from '../db/scope';
import { alertHandledInTime, schoolCounts } from './counts';

export interface IndicatorRecord {
  type: 'canteen' | 'patrol' | 'task' | 'alert' | 'camera' | 'complaint' | 'school';
  id: string;
  /** A short line naming the record (a task's title, a canteen's name…). */
  label: string;
  /** When it happened (submitted, due, raised, received); for a camera its last change of status in the period; null for canteens. */
  at: string | null;
  school: { code: string; name: string };
  county: { code: string; name: string };
  /** Whether the numerator counts it (passed, closed on time, handled in time…). */
  met: boolean;
  /**
   * The record's own figures where it is a count (school-days for usage, items for completeness, for a camera
   * its online and observed seconds in the period).
   */
  numerator?: number;
  denominator?: number;
}

const SCHOOL_JOIN = `JOIN schools s ON s.id = r.school_id JOIN jurisdictions j ON j.id = s.county_id`;
const SCHOOL_COLUMNS = `s.code AS school_code, s.name AS school_name, j.code AS county_code, j.name AS county_name`;

/** One SQL per indicator: id, label, at, met over the records its denominator counts. */
function recordSql(indicator: IndicatorCode): { type: IndicatorRecord['type']; sql: string } | null {
  switch (indicator) {
    case 'patrol_coverage':
      return {
        type: 'canteen',
        sql: `SELECT x.id, x.school_id, x.name AS label, CAST(NULL AS timestamptz) AS at,
                     EXISTS (SELECT 1 FROM patrol_records p WHERE p.canteen_id = x.id AND p.submitted_at >= :from AND p.submitted_at < :to) AS met
                FROM canteens x WHERE true`,
      };
    case 'patrol_pass':
      return {
        type: 'patrol',
        sql: `SELECT x.id, x.school_id, c.name || ' · ' || x.operator_name AS label, x.submitted_at AS at, x.result = 'passed' AS met
                FROM patrol_records x JOIN canteens c ON c.id = x.canteen_id
               WHERE x.submitted_at >= :from AND x.submitted_at < :to`,
      };
    case 'rectification':
    case 'rectification_on_time':
      return {
        type: 'task',
        sql: `SELECT x.id, x.school_id, x.code || ' ' || x.title AS label, x.deadline AS at,
                     ${indicator === 'rectification' ? `x.state = 'closed'` : `x.closed_at <= x.deadline`} AS met
                FROM tasks x
               WHERE x.school_id IS NOT NULL AND x.state <> 'cancelled' AND x.deadline >= :from AND x.deadline < :to
                 ${indicator === 'rectification_on_time' ? `AND x.state = 'closed'` : ''}
                 AND NOT EXISTS (SELECT 1 FROM tasks c WHERE c.parent_id = x.id AND c.state <> 'cancelled')`,
      };
    case 'alert_handling':
      return {
        type: 'alert',
        sql: `SELECT x.id, x.school_id, x.category || coalesce(' · ' || x.summary, '') AS label, x.first_seen_at AS at,
                     ${alertHandledInTime('x', ':hours')} AS met
                FROM alerts x WHERE x.first_seen_at >= :from AND x.first_seen_at < :to`,
      };
    case 'complaint_resolution':
      return {
        type: 'complaint',
        sql: `SELECT x.id, x.school_id, x.tracking_code || ' ' || x.category AS label, x.created_at AS at, x.status = 'closed' AS met
                FROM complaints x WHERE x.created_at >= :from AND x.created_at < :to`,
      };
    default:
      return null;
  }
}

type RecordsInput = {
  scopePath: string;
  period: AssessmentPeriod;
  indicator: IndicatorCode;
  met?: boolean | undefined;
  limit: number;
  /** The clock, for the period under way (default: the system's). */
  now?: Date | undefined;
};

/**
 * The records behind one indicator under `scopePath` in the period, most recent first (cameras: the least
 * online first), at most `limit`. Alerts are judged by the assessment.alertHandlingHours in force at the path.
 */
export async function indicatorRecords(db: Knex, input: RecordsInput): Promise<IndicatorRecord[]> {
  if (input.indicator === 'camera_online') return cameraRecords(db, input);
  const spec = recordSql(input.indicator);
  if (!spec) return schoolFigures(db, input);
  const sql = `SELECT r.*, ${SCHOOL_COLUMNS} FROM (${spec.sql} AND x.scope_path LIKE :prefix) r ${SCHOOL_JOIN}
                ${input.met === undefined ? '' : 'WHERE r.met = :met'}
                ORDER BY r.at DESC NULLS LAST, r.id LIMIT :limit`;
  const result = (await db.raw(sql, {
    from: input.period.startsAt,
    to: input.period.endsAt,
    hours: input.indicator === 'alert_handling' ? await effectiveSetting(db, input.scopePath, 'assessment.alertHandlingHours') : 0,
    prefix: likePrefix(input.scopePath),
    met: input.met ?? null,
    limit: input.limit,
  })) as {
    rows: Array<
      Record<'id' | 'label' | 'school_code' | 'school_name' | 'county_code' | 'county_name', string | null> & {
        at: Date | string | null;
        met: boolean;
      }
    >;
  };
  return result.rows.map((row) => ({
    type: spec.type,
    id: String(row.id),
    label: String(row.label ?? ''),
    at: row.at ? new Date(row.at).toISOString() : null,
    school: { code: String(row.school_code), name: String(row.school_name) },
    county: { code: String(row.county_code), name: String(row.county_name) },
    met: Boolean(row.met),
  }));
}

type SchoolRow = { id: string; code: string; name: string; county_code: string; county_name: string };

const schoolsUnder = (db: Knex, scopePath: string) =>
  db('schools as s')
    .join('jurisdictions as j', 'j.id', 's.county_id')
    .where('s.scope_path', 'like', likePrefix(scopePath))
    .orderBy('s.code')
    .select('s.id', 's.code', 's.name', 'j.code as county_code', 'j.name as county_name') as Promise<SchoolRow[]>;

/**
 * The camera online rate is camera time: the records behind it are the cameras observed in the period, each
 * with its online and observed seconds and its online share in the label; met when it was online for all of
 * its observed time. The least online come first.
 */
async function cameraRecords(db: Knex, input: RecordsInput): Promise<IndicatorRecord[]> {
  const [cameras, schools] = await Promise.all([
    cameraTimes(db, likePrefix(input.scopePath), input.period, input.now ?? new Date()),
    schoolsUnder(db, input.scopePath),
  ]);
  const schoolOf = new Map(schools.map((school) => [school.id, school]));
  const share = (camera: { onlineSeconds: number; observedSeconds: number }) => camera.onlineSeconds / camera.observedSeconds;
  return cameras
    .filter((camera) => camera.observedSeconds > 0 && schoolOf.has(camera.schoolId))
    .map((camera) => ({ ...camera, met: camera.onlineSeconds === camera.observedSeconds }))
    .filter((camera) => input.met === undefined || camera.met === input.met)
    .sort((a, b) => share(a) - share(b) || (a.cameraId < b.cameraId ? -1 : 1))
    .slice(0, input.limit)
    .map((camera): IndicatorRecord => {
      const school = schoolOf.get(camera.schoolId)!;
      return {
        type: 'camera',
        id: camera.cameraId,
        label: `${camera.name} · 在线 ${(Math.floor(share(camera) * 1000) / 10).toFixed(1)}%`,
        at: camera.lastChangeAt?.toISOString() ?? null,
        school: { code: school.code, name: school.name },
        county: { code: school.county_code, name: school.county_name },
        met: camera.met,
        numerator: camera.onlineSeconds,
        denominator: camera.observedSeconds,
      };
    });
}

/** Usage and completeness are counts over school days: the records behind them are each school's figures. */
async function schoolFigures(db: Knex, input: RecordsInput): Promise<IndicatorRecord[]> {
  const [counts, schools] = await Promise.all([
    schoolCounts(db, input.scopePath, input.period, { now: input.now }),
    schoolsUnder(db, input.scopePath),
  ]);
  const usage = input.indicator === 'platform_usage';
  return schools
    .map((school): IndicatorRecord => {
      const c = counts.get(school.id) ?? {};
      const numerator = (usage ? c.schoolDaysWithLedgerActivity : c.ledgerItemsPresent) ?? 0;
      const denominator = (usage ? c.schoolDays : c.ledgerItemsRequired) ?? 0;
      return {
        type: 'school',
        id: school.id,
        label: school.name,
        at: null,
        school: { code: school.code, name: school.name },
        county: { code: school.county_code, name: school.county_name },
        met: numerator === denominator,
        numerator,
        denominator,
      };
    })
    .filter((record) => input.met === undefined || record.met === input.met)
    .slice(0, input.limit);
}
