// What the public may read: schools' public information and the cameras marked public. No login, no scope.
import type { Knex } from 'knex';
import { paginate } from '../db/paginate';
import { likeContaining } from '../db/scope';
import type { Page } from '../http/paging';
import type { RiskGrade } from '../../analytics/risk';
import type { CanteenRow } from '../org/queries';

export interface PublicSchoolRow {
  id: string;
  name: string;
  type: 'kindergarten' | 'primary' | 'middle' | 'boarding';
  address: string;
  public_notice: string | null;
  county_code: string;
  county_name: string;
}

const columns = ['s.id', 's.name', 's.type', 's.address', 's.public_notice', 'county.code as county_code', 'county.name as county_name'];

export async function searchPublicSchools(
  db: Knex,
  filter: { q?: string | undefined; county?: string | undefined; page: number; pageSize: number },
): Promise<Page<PublicSchoolRow>> {
  const base = db('schools as s').join('jurisdictions as county', 'county.id', 's.county_id');
  if (filter.county) void base.where('county.code', filter.county);
  if (filter.q) {
    const like = likeContaining(filter.q);
    void base.where((q) => void q.where('s.name', 'like', like).orWhere('s.address', 'like', like));
  }
  return paginate<PublicSchoolRow>(base, filter, (page) => page.orderBy('s.code').select(columns));
}

export async function getPublicSchool(db: Knex, id: string): Promise<PublicSchoolRow | undefined> {
  return (await db('schools as s').join('jurisdictions as county', 'county.id', 's.county_id').where('s.id', id).first(columns)) as
    PublicSchoolRow | undefined;
}

/** A school's canteens with their current risk grade (null until first graded). */
export async function listPublicCanteens(db: Knex, schoolId: string): Promise<Array<CanteenRow & { risk_grade: RiskGrade | null }>> {
  return (await db('canteens as c')
    .leftJoin('canteen_risk as r', 'r.canteen_id', 'c.id')
    .where('c.school_id', schoolId)
    .orderBy('c.name')
    .select('c.*', 'r.grade as risk_grade')) as Array<CanteenRow & { risk_grade: RiskGrade | null }>;
}

/** The counties that have schools, for the public search's county filter. */
export async function listPublicCounties(db: Knex): Promise<Array<{ code: string; name: string }>> {
  return (await db('jurisdictions as j')
    .where('j.level', 'county')
    .whereExists((q) => void q.select(db.raw('1')).from('schools as s').whereRaw('s.county_id = j.id'))
    .orderBy('j.code')
    .select('j.code', 'j.name')) as Array<{ code: string; name: string }>;
}

export async function listPublicCameras(
  db: Knex,
  schoolId: string,
): Promise<
  Array<{
    id: string;
    name: string;
    area: 'storage' | 'prep' | 'cooking' | 'washing' | 'serving';
    status: 'unknown' | 'online' | 'offline' | 'frozen' | 'blurred' | 'covered';
  }>
> {
  return (await db('cameras')
    .where({ school_id: schoolId, is_public: true })
    .orderBy('name')
    .select('id', 'name', 'area', 'status')) as Array<{
    id: string;
    name: string;
    area: 'storage' | 'prep' | 'cooking' | 'washing' | 'serving';
    status: 'unknown' | 'online' | 'offline' | 'frozen' | 'blurred' | 'covered';
  }>;
}
