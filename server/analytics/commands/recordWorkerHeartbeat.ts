// A detection worker's heartbeat: it registers (or stays) alive with its model and labels, which decide what
// the catalogue reports live, and its counters. One row per worker id; a worker that stops beating drops out
// of the live set after MISSED_HEARTBEATS intervals and its cameras move to the others.
import { liveCategories } from '../../../analytics/rules';
import type { WorkerHeartbeat } from '../../../analytics/worker/protocol';
import type { DomainContext } from '../../context';
import type { ServiceActor } from '../../policy/actor';

export async function recordWorkerHeartbeat(
  ctx: DomainContext,
  worker: ServiceActor,
  input: WorkerHeartbeat,
): Promise<{ workerId: string; liveCategories: string[] }> {
  const now = ctx.now();
  const result = (await ctx.db.raw(
    `INSERT INTO analytics_workers (id, service_token_id, scope_path, model, labels, cameras, interval_seconds, stats, first_seen_at, last_seen_at)
     VALUES (?, ?, ?, ?, ?::jsonb, ?, ?, ?::jsonb, ?, ?)
     ON CONFLICT (id) DO UPDATE SET service_token_id = EXCLUDED.service_token_id, scope_path = EXCLUDED.scope_path,
       model = EXCLUDED.model, labels = EXCLUDED.labels, cameras = EXCLUDED.cameras, interval_seconds = EXCLUDED.interval_seconds,
       stats = EXCLUDED.stats, last_seen_at = EXCLUDED.last_seen_at
     RETURNING (xmax = 0) AS created`,
    [
      input.workerId,
      worker.id,
      worker.node.path,
      input.model.name,
      JSON.stringify(input.model.labels),
      input.cameras,
      input.intervalSeconds,
      JSON.stringify(input.stats),
      now,
      now,
    ],
  )) as { rows: Array<{ created: boolean }> };
  if (result.rows[0]?.created) {
    ctx.log.info({ workerId: input.workerId, model: input.model.name, service: worker.name }, 'analytics worker registered');
  }
  return { workerId: input.workerId, liveCategories: liveCategories(input.model.labels) };
}
