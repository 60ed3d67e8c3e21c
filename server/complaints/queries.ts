import type { Knex } from 'knex';
import { paginate } from '../db/paginate';
import { whereWithin } from '../db/scope';
import type { Page } from '../http/paging';
import type { COMPLAINT_CATEGORIES, COMPLAINT_STATUSES } from './schemas';

export interface ComplaintRow {
  id: string;
  tracking_code: string;
  school_id: string;
  school_name: string;
  county_code: string;
  county_name: string;
  scope_path: string;
  category: (typeof COMPLAINT_CATEGORIES)[number];
  text: string;
  contact: string | null;
  photo_id: string | null;
  status: (typeof COMPLAINT_STATUSES)[number];
  founded: boolean | null;
  reply: string | null;
  replied_at: Date | null;
  task_id: string | null;
  alert_id: string | null;
  version: number;
  created_at: Date;
}

const joined = (db: Knex) =>
  db('complaints as c').join('schools as s', 's.id', 'c.school_id').join('jurisdictions as county', 'county.id', 's.county_id');
const COLUMNS = ['c.*', 's.name as school_name', 'county.code as county_code', 'county.name as county_name'];

export async function listComplaints(
  db: Knex,
  filter: { scopePath: string; status?: string | undefined; schoolId?: string | undefined; page: number; pageSize: number },
): Promise<Page<ComplaintRow>> {
  const base = whereWithin(joined(db), 'c.scope_path', filter.scopePath);
  if (filter.status) void base.where('c.status', filter.status);
  if (filter.schoolId) void base.where('c.school_id', filter.schoolId);
  return paginate<ComplaintRow>(base, filter, (page) => page.orderBy('c.created_at', 'desc').orderBy('c.id').select(COLUMNS));
}

export async function getComplaint(db: Knex, id: string): Promise<ComplaintRow | undefined> {
  return (await joined(db).where('c.id', id).first(COLUMNS)) as ComplaintRow | undefined;
}

export async function getComplaintByCode(db: Knex, code: string): Promise<ComplaintRow | undefined> {
  return (await joined(db).where('c.tracking_code', code).first(COLUMNS)) as ComplaintRow | undefined;
}

export async function findComplaintNode(db: Knex, id: string): Promise<{ path: string } | undefined> {
  const row = (await db('complaints').where({ id }).first('scope_path')) as { scope_path: string } | undefined;
  return row ? { path: row.scope_path } : undefined;
}

export async function schoolRating(db: Knex, schoolId: string): Promise<{ average: number | null; count: number }> {
  const [row] = (await db('ratings')
    .where({ school_id: schoolId })
    .select(db.raw('avg(stars)::float AS average'), db.raw('count(*) AS count'))) as Array<{
    average: number | null;
    count: number;
  }>;
  return {
    average: row?.average === null || row?.average === undefined ? null : Math.round(row.average * 10) / 10,
    count: Number(row?.count ?? 0),
  };
}
