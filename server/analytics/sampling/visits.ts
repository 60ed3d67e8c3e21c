// A worker of the pool claims cameras due for a visit and reports its visits done. The claim starts a refresh
// of the queue's camera set when its turn comes (one process per period), hands out only cameras that can be
// sampled now (a camera offline or with analytics off is put back for its next turn), and drops ones gone.
import type { DomainContext } from '../../context';
import { effectiveSetting } from '../../settings/queries';
import { listVisitedCameras, type AssignedCameraRow } from '../queries';
import type { SamplingQueue } from './queue';
import { SYNC_PERIOD_MS, syncSamplingQueue } from './sync';

/** A visit's lease outlasts the visit by this much; after it, the camera goes to another worker. */
export const LEASE_GRACE_MS = 15_000;

export async function claimVisits(
  ctx: DomainContext,
  queue: SamplingQueue,
  workerId: string,
  max: number,
): Promise<{ visitSeconds: number; cameras: AssignedCameraRow[] }> {
  const now = ctx.now().getTime();
  // In the background: at province size the refresh takes seconds (bench/README.md), longer than a claim should.
  if (await queue.takeSyncTurn(SYNC_PERIOD_MS)) {
    void syncSamplingQueue(ctx.db, queue, now).then(
      (synced) => {
        if (synced.added + synced.removed > 0) ctx.log.info({ scope: queue.scope, ...synced }, 'sampling queue synced');
      },
      (error: unknown) => ctx.log.warn({ err: error, scope: queue.scope }, 'sampling queue sync failed'),
    );
  }
  const { visitSeconds } = await effectiveSetting(ctx.db, queue.scope, 'analytics.sampling');
  const ids = await queue.claim(workerId, max, now, now + visitSeconds * 1000 + LEASE_GRACE_MS);
  const cameras = await listVisitedCameras(ctx.db, queue.scope, ids);
  const found = new Set(cameras.map((camera) => camera.cameraId));
  await queue.remove(ids.filter((id) => !found.has(id)));
  const idle = cameras.filter((camera) => camera.status !== 'online' || !camera.rules.enabled);
  await queue.complete(
    workerId,
    idle.map((camera) => camera.cameraId),
    now,
  );
  return { visitSeconds, cameras: cameras.filter((camera) => !idle.includes(camera)) };
}

export function endVisits(ctx: DomainContext, queue: SamplingQueue, workerId: string, cameraIds: readonly string[]): Promise<number> {
  return queue.complete(workerId, cameraIds, ctx.now().getTime());
}
