// Reading risk grades: a page of graded canteens, one canteen with its history, counts per county, and alert
// density per canteen for the heatmap. Every query is restricted to a scope path.
import type { Knex } from 'knex';
import type { RiskFactor, RiskGrade } from '../../analytics/risk';
import { paginate } from '../db/paginate';
import { likePrefix, whereWithin } from '../db/scope';
import type { Page } from '../http/paging';

export interface CanteenRiskRow {
  canteen_id: string;
  canteen_name: string;
  school_id: string;
  school_name: string;
  school_type: 'kindergarten' | 'primary' | 'middle' | 'boarding';
  county_code: string;
  county_name: string;
  score: number;
  grade: RiskGrade;
  static: number;
  dynamic: number;
  factors: RiskFactor[];
  computed_at: Date;
}

function graded(db: Knex) {
  return db('canteen_risk as r')
    .join('canteens as c', 'c.id', 'r.canteen_id')
    .join('schools as s', 's.id', 'c.school_id')
    .join('jurisdictions as county', 'county.id', 's.county_id');
}

const GRADED_COLUMNS = [
  'r.canteen_id',
  'c.name as canteen_name',
  's.id as school_id',
  's.name as school_name',
  's.type as school_type',
  'county.code as county_code',
  'county.name as county_name',
  'r.score',
  'r.grade',
  'r.static',
  'r.dynamic',
  'r.factors',
  'r.computed_at',
];

export async function listCanteenRisks(
  db: Knex,
  filter: { scopePath: string; grade?: RiskGrade | undefined; page: number; pageSize: number },
): Promise<Page<CanteenRiskRow>> {
  const base = whereWithin(graded(db), 'r.scope_path', filter.scopePath);
  if (filter.grade) void base.where('r.grade', filter.grade);
  return paginate<CanteenRiskRow>(base, filter, (page) =>
    page
      .orderBy('r.score', 'desc')
      .orderBy('r.canteen_id')
      .select(...GRADED_COLUMNS),
  );
}

export interface CanteenRiskDetailRow {
  canteen: {
    id: string;
    name: string;
    operation_mode: 'self_run' | 'contracted';
    diners: number;
    licence_expiry: string;
    last_patrol_at: Date | null;
    school_id: string;
    school_name: string;
    school_type: CanteenRiskRow['school_type'];
    county_code: string;
    county_name: string;
  };
  current: CanteenRiskRow | undefined;
  history: Array<{ day: string; score: number; grade: RiskGrade; static: number; dynamic: number; factors: RiskFactor[] }>;
}

export async function getCanteenRisk(db: Knex, canteenId: string, historyFrom: string): Promise<CanteenRiskDetailRow | undefined> {
  const canteen = (await db('canteens as c')
    .join('schools as s', 's.id', 'c.school_id')
    .join('jurisdictions as county', 'county.id', 's.county_id')
    .where('c.id', canteenId)
    .first(
      'c.id',
      'c.name',
      'c.operation_mode',
      'c.diners',
      db.raw("to_char(c.licence_expiry, 'YYYY-MM-DD') AS licence_expiry"),
      db.raw('(SELECT max(p.submitted_at) FROM patrol_records p WHERE p.canteen_id = c.id) AS last_patrol_at'),
      's.id as school_id',
      's.name as school_name',
      's.type as school_type',
      'county.code as county_code',
      'county.name as county_name',
    )) as CanteenRiskDetailRow['canteen'] | undefined;
  if (!canteen) return undefined;
  const current = (await graded(db)
    .where('r.canteen_id', canteenId)
    .first(...GRADED_COLUMNS)) as CanteenRiskRow | undefined;
  const history = (await db('canteen_risk_history')
    .where('canteen_id', canteenId)
    .where('day', '>=', historyFrom)
    .orderBy('day')
    .select(
      db.raw("to_char(day, 'YYYY-MM-DD') AS day"),
      'score',
      'grade',
      'static',
      'dynamic',
      'factors',
    )) as CanteenRiskDetailRow['history'];
  return { canteen, current, history };
}

export interface DistributionRow {
  code: string;
  name: string;
  A: number;
  B: number;
  C: number;
  D: number;
  ungraded: number;
  canteens: number;
}

/** Canteens per grade in each county that has canteens in scope (ungraded: not yet computed). */
export async function gradeDistribution(db: Knex, scopePath: string): Promise<DistributionRow[]> {
  const result = (await db.raw(
    `SELECT county.code, county.name,
            count(*) FILTER (WHERE r.grade = 'A') AS a, count(*) FILTER (WHERE r.grade = 'B') AS b,
            count(*) FILTER (WHERE r.grade = 'C') AS c, count(*) FILTER (WHERE r.grade = 'D') AS d,
            count(*) FILTER (WHERE r.grade IS NULL) AS ungraded, count(*) AS canteens
       FROM canteens c
       JOIN schools s ON s.id = c.school_id
       JOIN jurisdictions county ON county.id = s.county_id
       LEFT JOIN canteen_risk r ON r.canteen_id = c.id
      WHERE c.scope_path LIKE ?
      GROUP BY county.code, county.name
      ORDER BY county.code`,
    [likePrefix(scopePath)],
  )) as { rows: Array<{ code: string; name: string; a: number; b: number; c: number; d: number; ungraded: number; canteens: number }> };
  return result.rows.map((row) => ({
    code: row.code,
    name: row.name,
    A: Number(row.a),
    B: Number(row.b),
    C: Number(row.c),
    D: Number(row.d),
    ungraded: Number(row.ungraded),
    canteens: Number(row.canteens),
  }));
}

export interface HeatPoint {
  canteenId: string;
  lng: number;
  lat: number;
  count: number;
}

/**
 * Alerts (not dismissed) active in [from, to) per canteen. An alert about a whole school (a complaint, a
 * ledger rule) is placed at the school's first canteen.
 */
export async function alertDensity(
  db: Knex,
  filter: { scopePath: string; from: Date; to: Date; category?: string | undefined },
): Promise<HeatPoint[]> {
  const result = (await db.raw(
    `SELECT c.id AS canteen_id, c.lng, c.lat, count(*) AS n
       FROM alerts a
       JOIN canteens c ON c.id = COALESCE(a.canteen_id,
              (SELECT fc.id FROM canteens fc WHERE fc.school_id = a.school_id ORDER BY fc.id LIMIT 1))
      WHERE a.scope_path LIKE ? AND a.status <> 'dismissed' AND a.last_seen_at >= ? AND a.first_seen_at < ?
        ${filter.category ? 'AND a.category = ?' : ''}
      GROUP BY c.id, c.lng, c.lat
      ORDER BY n DESC, c.id`,
    [likePrefix(filter.scopePath), filter.from, filter.to, ...(filter.category ? [filter.category] : [])],
  )) as { rows: Array<{ canteen_id: string; lng: number; lat: number; n: number }> };
  return result.rows.map((row) => ({ canteenId: row.canteen_id, lng: Number(row.lng), lat: Number(row.lat), count: Number(row.n) }));
}
