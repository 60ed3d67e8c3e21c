// A relay's heartbeat: it registers (or stays) alive, reports its recordings' storage, and learns which
// cameras to pull. The answer is recomputed every time from the live relays, so a relay that joins takes
// over its share within one heartbeat and the cameras of one that stopped move to the others within
// MISSED_HEARTBEATS. A report that recording stopped (or resumed) raises (or resolves) the storage alert in
// the same transaction as the state it changes, so a retried heartbeat never announces it twice.
import type { DomainContext } from '../../context';
import { runInTransaction } from '../../db/unit-of-work';
import { conflict } from '../../errors';
import type { ServiceActor } from '../../policy/actor';
import type { AssignedCamera, CameraReport, StorageReport } from '../../../stream-relay/protocol';
import { relayForCamera } from '../assignment';
import { HEARTBEAT_SECONDS, listIngestCameras, listLiveRelays, MISSED_HEARTBEATS } from '../queries';
import { relaySigningKey } from '../signing-key';
import { announceStorageAlert, storageAlertChange } from '../storage-alert';

export interface HeartbeatResult {
  relayId: string;
  signingKey: string;
  heartbeatSeconds: number;
  cameras: AssignedCamera[];
}

export async function recordHeartbeat(
  ctx: DomainContext,
  relay: ServiceActor,
  input: { relayId: string; url: string; cameras: CameraReport[]; storage?: StorageReport | undefined },
): Promise<HeartbeatResult> {
  const now = ctx.now();
  const created = await runInTransaction(ctx, { actor: relay }, async (uow) => {
    const previous = (await uow
      .trx('relays')
      .where({ id: input.relayId })
      .forUpdate()
      .first('storage', 'service_token_id', 'last_seen_at')) as
      { storage: StorageReport | null; service_token_id: string | null; last_seen_at: Date } | undefined;
    // A relay id belongs to the token that holds it while that relay lives; another token (another relay, or
    // one given a new token) takes it over only once it has gone silent.
    const heldByAnother = previous?.service_token_id && previous.service_token_id !== relay.id;
    if (heldByAnother && previous.last_seen_at.getTime() > now.getTime() - MISSED_HEARTBEATS * HEARTBEAT_SECONDS * 1000) {
      throw conflict('relay_id_taken', `Relay id ${input.relayId} is held by another live relay`);
    }
    // A heartbeat without a report (a relay just started, or one that predates it) keeps the last one.
    const inserted = (await uow.trx.raw(
      `INSERT INTO relays (id, url, scope_path, first_seen_at, last_seen_at, camera_count, storage, service_token_id)
       VALUES (?, ?, ?, ?, ?, ?, ?::jsonb, ?)
       ON CONFLICT (id) DO UPDATE SET url = EXCLUDED.url, scope_path = EXCLUDED.scope_path, last_seen_at = EXCLUDED.last_seen_at,
         camera_count = EXCLUDED.camera_count, storage = COALESCE(EXCLUDED.storage, relays.storage),
         service_token_id = EXCLUDED.service_token_id
       RETURNING (xmax = 0) AS created`,
      [
        input.relayId,
        input.url,
        relay.node.path,
        now,
        now,
        input.cameras.length,
        input.storage ? JSON.stringify(input.storage) : null,
        relay.id,
      ],
    )) as { rows: Array<{ created: boolean }> };
    const change = storageAlertChange(previous?.storage ?? null, input.storage);
    if (change) await announceStorageAlert(uow, { id: input.relayId, scopePath: relay.node.path }, change, input.storage!);
    return inserted.rows[0]?.created ?? false;
  });
  if (created) ctx.log.info({ relayId: input.relayId, url: input.url, service: relay.name }, 'relay registered');

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
