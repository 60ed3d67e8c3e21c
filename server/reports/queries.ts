import type { Knex } from 'knex';
import { likePrefix } from '../db/scope';

export interface BulletinRow {
  id: string;
  node_id: string;
  scope_path: string;
  period_id: string;
  status: 'queued' | 'building' | 'ready' | 'failed';
  progress: number;
  pdf_key: string | null;
  xlsx_key: string | null;
  created_by: string | null;
  created_at: Date;
  finished_at: Date | null;
  error: string | null;
  node_code: string;
  node_name: string;
}

const withNode = (db: Knex) =>
  db('bulletins as b').join('jurisdictions as j', 'j.id', 'b.node_id').select('b.*', 'j.code as node_code', 'j.name as node_name');

export async function findBulletin(db: Knex, id: string): Promise<BulletinRow | undefined> {
  return (await withNode(db).where('b.id', id).first()) as BulletinRow | undefined;
}

/** The bulletin of a node and period being queued or built, if any. */
export async function findRunningBulletin(db: Knex, nodeId: string, periodId: string): Promise<BulletinRow | undefined> {
  return (await withNode(db)
    .where({ 'b.node_id': nodeId, 'b.period_id': periodId })
    .whereIn('b.status', ['queued', 'building'])
    .first()) as BulletinRow | undefined;
}

/** Bulletins of the nodes under a scope, newest first. */
export async function listBulletins(db: Knex, scopePath: string, limit: number): Promise<BulletinRow[]> {
  return (await withNode(db)
    .where('b.scope_path', 'like', likePrefix(scopePath))
    .orderBy('b.created_at', 'desc')
    .orderBy('b.id', 'desc')
    .limit(limit)) as BulletinRow[];
}
