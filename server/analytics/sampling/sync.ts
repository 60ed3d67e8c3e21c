// Fills a pool's sampling queue from the database: every connected camera under the pool's scope, due again
// after the interval of its canteen's risk grade (the `analytics.sampling` setting in force at its school).
import type { Knex } from 'knex';
import type { RiskGrade } from '../../../analytics/risk';
import { whereWithin } from '../../db/scope';
import { settingWithin } from '../../settings/settings-within';
import { samplingIntervalMs } from './intervals';
import type { SamplingQueue } from './queue';

/** How stale the queue's camera set may get: a camera added or regraded is picked up within this. */
export const SYNC_PERIOD_MS = 30_000;

export async function syncSamplingQueue(db: Knex, queue: SamplingQueue, now: number): Promise<{ added: number; removed: number }> {
  const setting = await settingWithin(db, 'analytics.sampling', queue.scope);
  const rows = (await whereWithin(db('cameras as m'), 'm.scope_path', queue.scope)
    .leftJoin('canteen_risk as r', 'r.canteen_id', 'm.canteen_id')
    .where('m.ingest', true)
    .select('m.id', 'm.scope_path', 'r.grade')) as Array<{ id: string; scope_path: string; grade: RiskGrade | null }>;
  const cameras = rows.map((row) => ({ id: row.id, intervalMs: samplingIntervalMs(row.grade, setting.at(row.scope_path).value) }));
  return queue.sync(cameras, now);
}
