// Reads of the jurisdiction tree, schools and canteens, always restricted to a scope path.
import type { Knex } from 'knex';
import { paginate } from '../db/paginate';
import { likeContaining, whereWithin } from '../db/scope';
import type { Level, ScopeNode } from '../policy/actor';
import type { Page } from '../http/paging';
import type { SCHOOL_TYPES } from './schemas';

export interface JurisdictionRow {
  id: string;
  code: string;
  level: Level;
  name: string;
  parent_id: string | null;
  path: string;
  depth: number;
  center_lng: number | null;
  center_lat: number | null;
}

export interface SchoolRow {
  id: string;
  jurisdiction_id: string;
  county_id: string;
  code: string;
  name: string;
  type: (typeof SCHOOL_TYPES)[number];
  address: string;
  principal: string | null;
  phone: string | null;
  students: number;
  lng: number;
  lat: number;
  public_notice: string | null;
  scope_path: string;
  version: number;
}

export interface SchoolListRow extends SchoolRow {
  county_code: string;
  county_name: string;
  canteen_count: number;
  camera_count: number;
}

export interface CanteenRow {
  id: string;
  school_id: string;
  name: string;
  operation_mode: 'self_run' | 'contracted';
  contractor: string | null;
  diners: number;
  licence_no: string;
  licence_expiry: string;
  lng: number;
  lat: number;
  scope_path: string;
}

export async function findNodeByCode(db: Knex, code: string): Promise<ScopeNode | undefined> {
  return (await db('jurisdictions').where({ code }).first('id', 'code', 'level', 'name', 'path')) as ScopeNode | undefined;
}

export async function findSchoolNode(db: Knex, schoolId: string): Promise<{ path: string } | undefined> {
  const row = (await db('schools').where({ id: schoolId }).first('scope_path')) as { scope_path: string } | undefined;
  return row ? { path: row.scope_path } : undefined;
}

/** Administrative nodes (and the school node of a school manager) under a scope, with record counts. */
export async function listNodesWithin(db: Knex, scopePath: string): Promise<Array<JurisdictionRow & Counts>> {
  const nodes = (await whereWithin(
    db('jurisdictions').where((q) => void q.whereNot('level', 'school').orWhere('path', scopePath)),
    'path',
    scopePath,
  )
    .orderBy('path')
    .select('id', 'code', 'level', 'name', 'parent_id', 'path', 'depth', 'center_lng', 'center_lat')) as JurisdictionRow[];
  const counts = await countsByCounty(db, scopePath);
  return nodes.map((node) => ({ ...node, ...sumCounts(counts, node.path) }));
}

interface Counts {
  schoolCount: number;
  canteenCount: number;
  cameraCount: number;
}

async function countsByCounty(db: Knex, scopePath: string): Promise<Array<Counts & { path: string }>> {
  const rows = (await db.raw(
    `SELECT s.scope_path AS path,
            1 AS schools,
            (SELECT count(*) FROM canteens c WHERE c.school_id = s.id) AS canteens,
            (SELECT count(*) FROM cameras m WHERE m.school_id = s.id) AS cameras
       FROM schools s
      WHERE s.scope_path LIKE ?`,
    [`${scopePath}%`],
  )) as { rows: Array<{ path: string; schools: number; canteens: number; cameras: number }> };
  return rows.rows.map((row) => ({
    path: row.path,
    schoolCount: Number(row.schools),
    canteenCount: Number(row.canteens),
    cameraCount: Number(row.cameras),
  }));
}

function sumCounts(counts: Array<Counts & { path: string }>, path: string): Counts {
  const total = { schoolCount: 0, canteenCount: 0, cameraCount: 0 };
  for (const row of counts) {
    if (!row.path.startsWith(path)) continue;
    total.schoolCount += row.schoolCount;
    total.canteenCount += row.canteenCount;
    total.cameraCount += row.cameraCount;
  }
  return total;
}

export async function listAncestors(db: Knex, path: string): Promise<Array<Pick<JurisdictionRow, 'code' | 'name' | 'level'>>> {
  const codes = path.split('/').filter(Boolean).slice(0, -1);
  if (codes.length === 0) return [];
  return (await db('jurisdictions').whereIn('code', codes).orderBy('depth').select('code', 'name', 'level')) as Array<
    Pick<JurisdictionRow, 'code' | 'name' | 'level'>
  >;
}

export async function listBoundaries(
  db: Knex,
  scopePath: string,
): Promise<Array<{ code: string; name: string; level: Level; boundary: unknown }>> {
  return (await whereWithin(db('jurisdictions').whereNotNull('boundary'), 'path', scopePath)
    .orderBy('path')
    .select('code', 'name', 'level', 'boundary')) as Array<{ code: string; name: string; level: Level; boundary: unknown }>;
}

export interface SchoolFilter {
  scopePath: string;
  type?: (typeof SCHOOL_TYPES)[number] | undefined;
  q?: string | undefined;
  page: number;
  pageSize: number;
}

const schoolListColumns = (db: Knex) => [
  's.*',
  'county.code as county_code',
  'county.name as county_name',
  db.raw('(SELECT count(*) FROM canteens c WHERE c.school_id = s.id) AS canteen_count'),
  db.raw('(SELECT count(*) FROM cameras m WHERE m.school_id = s.id) AS camera_count'),
];

export async function listSchools(db: Knex, filter: SchoolFilter): Promise<Page<SchoolListRow>> {
  const base = whereWithin(db('schools as s'), 's.scope_path', filter.scopePath);
  if (filter.type) void base.where('s.type', filter.type);
  if (filter.q) {
    const like = likeContaining(filter.q);
    void base.where((q) => void q.where('s.name', 'like', like).orWhere('s.address', 'like', like).orWhere('s.code', 'like', like));
  }
  return paginate<SchoolListRow>(base, filter, (page) =>
    page.join('jurisdictions as county', 'county.id', 's.county_id').orderBy('s.code').select(schoolListColumns(db)),
  );
}

export async function getSchool(db: Knex, id: string, scopePath: string): Promise<SchoolListRow | undefined> {
  return (await whereWithin(db('schools as s'), 's.scope_path', scopePath)
    .join('jurisdictions as county', 'county.id', 's.county_id')
    .where('s.id', id)
    .first(schoolListColumns(db))) as SchoolListRow | undefined;
}

export async function listCanteensOfSchool(db: Knex, schoolId: string): Promise<CanteenRow[]> {
  return (await db('canteens').where({ school_id: schoolId }).orderBy('name').select('*')) as CanteenRow[];
}

export async function cameraStatusCounts(db: Knex, schoolId: string): Promise<Record<string, number>> {
  const rows = (await db('cameras').where({ school_id: schoolId }).groupBy('status').select('status').count({ n: '*' })) as Array<{
    status: string;
    n: number;
  }>;
  return Object.fromEntries(rows.map((row) => [row.status, Number(row.n)]));
}
