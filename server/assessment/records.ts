// The records behind an assessment figure: every record its denominator counts, each marked with whether the
// numerator counts it too — so a user can open the failed patrols, the overdue tasks, the alerts handled late.
import type { Knex } from 'knex';
import { ALERT_HANDLING_HOURS, type AssessmentPeriod, type IndicatorCode } from '../../analytics/assessment';
import { likePrefix, schoolCounts } from './counts';

export interface IndicatorRecord {
  type: 'canteen' | 'patrol' | 'task' | 'alert' | 'camera' | 'complaint' | 'school';
  id: string;
  /** A short line naming the record (a task's title, a canteen's name…). */
  label: string;
  /** When it happened (submitted, due, raised, received); null for standing things (canteens, cameras). */
  at: string | null;
  school: { code: string; name: string };
  county: { code: string; name: string };
  /** Whether the numerator counts it (passed, closed on time, handled in time…). */
  met: boolean;
  /** The record's own figures where it is a count (school-days for usage, items for completeness). */
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
                     (x.status IN ('confirmed', 'dismissed') AND x.triaged_at IS NOT NULL
                      AND x.triaged_at <= x.first_seen_at + (:hours * interval '1 hour')) AS met
                FROM alerts x WHERE x.first_seen_at >= :from AND x.first_seen_at < :to`,
      };
    case 'camera_online':
      return {
        type: 'camera',
        sql: `SELECT x.id, x.school_id, x.name || ' (' || x.status || ')' AS label, x.status_changed_at AS at, x.status = 'online' AS met FROM cameras x WHERE true`,
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

/** The records behind one indicator under `scopePath` in the period, most recent first, at most `limit`. */
export async function indicatorRecords(
  db: Knex,
  input: { scopePath: string; period: AssessmentPeriod; indicator: IndicatorCode; met?: boolean | undefined; limit: number },
): Promise<IndicatorRecord[]> {
  const spec = recordSql(input.indicator);
  if (!spec) return schoolFigures(db, input);
  const sql = `SELECT r.*, ${SCHOOL_COLUMNS} FROM (${spec.sql} AND x.scope_path LIKE :prefix) r ${SCHOOL_JOIN}
                ${input.met === undefined ? '' : 'WHERE r.met = :met'}
                ORDER BY r.at DESC NULLS LAST, r.id LIMIT :limit`;
  const result = (await db.raw(sql, {
    from: input.period.startsAt,
    to: input.period.endsAt,
    hours: ALERT_HANDLING_HOURS,
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

/** Usage and completeness are counts over school days: the records behind them are each school's figures. */
async function schoolFigures(
  db: Knex,
  input: { scopePath: string; period: AssessmentPeriod; indicator: IndicatorCode; met?: boolean | undefined; limit: number },
): Promise<IndicatorRecord[]> {
  const [counts, schools] = await Promise.all([
    schoolCounts(db, input.scopePath, input.period),
    db('schools as s')
      .join('jurisdictions as j', 'j.id', 's.county_id')
      .where('s.scope_path', 'like', likePrefix(input.scopePath))
      .orderBy('s.code')
      .select('s.id', 's.code', 's.name', 'j.code as county_code', 'j.name as county_name') as Promise<
      Array<{ id: string; code: string; name: string; county_code: string; county_name: string }>
    >,
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
