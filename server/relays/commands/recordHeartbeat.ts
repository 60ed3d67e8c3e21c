// A relay's heartbeat: it registers (or stays) alive and learns which cameras to pull. The answer is
// recomputed every time from the live relays, so a relay that joins takes over its share within one
// heartbeat and the cameras of one that stopped move to the others within MISSED_HEARTBEATS.
import type { DomainContext } from '../../context';
import type { ServiceActor } from '../../policy/actor';
import type { AssignedCamera, CameraReport } from '../../../stream-relay/protocol';
import { relayForCamera } from '../assignment';
import { HEARTBEAT_SECONDS, listIngestCameras, listLiveRelays } from '../queries';
import { relaySigningKey } from '../signing-key';

export interface HeartbeatResult {
  relayId: string;
  signingKey: string;
  heartbeatSeconds: number;
  cameras: AssignedCamera[];
}

export async function recordHeartbeat(
  ctx: DomainContext,
  relay: ServiceActor,
  input: { relayId: string; url: string; cameras: CameraReport[] },
): Promise<HeartbeatResult> {
  const now = ctx.now();
  const inserted = (await ctx.db.raw(
    `INSERT INTO relays (id, url, scope_path, first_seen_at, last_seen_at, camera_count) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET url = EXCLUDED.url, scope_path = EXCLUDED.scope_path, last_seen_at = EXCLUDED.last_seen_at,
       camera_count = EXCLUDED.camera_count
     RETURNING (xmax = 0) AS created`,
    [input.relayId, input.url, relay.node.path, now, now, input.cameras.length],
  )) as { rows: Array<{ created: boolean }> };
  if (inserted.rows[0]?.created) ctx.log.info({ relayId: input.relayId, url: input.url, service: relay.name }, 'relay registered');

  const relays = await listLiveRelays(ctx.db, now);
  const cameras = await listIngestCameras(ctx.db, relay.node.path);
  const mine = cameras.filter((camera) => relayForCamera({ id: camera.id, scopePath: camera.scope_path }, relays)?.id === input.relayId);
  return {
    relayId: input.relayId,
    signingKey: relaySigningKey(ctx.signingSecret),
    heartbeatSeconds: HEARTBEAT_SECONDS,
    cameras: mine.map((camera) => ({ id: camera.id, url: camera.stream_url, codec: camera.codec })),
  };
}
