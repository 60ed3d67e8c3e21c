// A relay's heartbeat: it registers (or stays) alive, reports its recordings' storage, and learns which
// cameras to pull. The answer is recomputed every time from the live relays, so a relay that joins takes
// over its share within one heartbeat and the cameras of one that stopped move to the others within
// MISSED_HEARTBEATS. A report that recording stopped (or resumed) raises (or resolves) the storage alert in
// the same transaction as the state it changes, so a retried heartbeat never announces it twice.
import type { DomainContext } from '../../context';
import { runInTransaction, type UnitOfWork } from '../../db/unit-of-work';
import { whereWithin } from '../../db/scope';
import { conflict } from '../../errors';
import type { ServiceActor } from '../../policy/actor';
import {
  parseGbCameraUrl,
  type AssignedCamera,
  type CameraReport,
  type GbPlatformConfig,
  type HeartbeatRequest,
  type StorageReport,
} from '../../../stream-relay/protocol';
import { gbPlatformConfig } from '../../gb/platform';
import { relayForIngest } from '../assignment';
import { HEARTBEAT_SECONDS, listIngestCameras, listLiveRelays, MISSED_HEARTBEATS } from '../queries';
import { relaySigningKey } from '../signing-key';
import { announceStorageAlert, storageAlertChange } from '../storage-alert';

export interface HeartbeatResult {
  relayId: string;
  signingKey: string;
  heartbeatSeconds: number;
  cameras: AssignedCamera[];
  gb?: GbPlatformConfig;
}

export async function recordHeartbeat(
  ctx: DomainContext,
  relay: ServiceActor,
  input: { relayId: string; url: string; cameras: CameraReport[]; storage?: StorageReport | undefined; sip?: HeartbeatRequest['sip'] },
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
    await recordObservedCodecs(uow, relay.node.path, input.cameras);
    const change = storageAlertChange(previous?.storage ?? null, input.storage);
    if (change) await announceStorageAlert(uow, { id: input.relayId, scopePath: relay.node.path }, change, input.storage!);
    return inserted.rows[0]?.created ?? false;
  });
  if (created) ctx.log.info({ relayId: input.relayId, url: input.url, service: relay.name }, 'relay registered');

  const relays = await listLiveRelays(ctx.db, now);
  const cameras = await listIngestCameras(ctx.db, relay.node.path);
  const mine = cameras.filter(
    (camera) =>
      relayForIngest(
        { id: camera.id, scopePath: camera.scope_path, gbRelayId: camera.gb_relay_id, gb: parseGbCameraUrl(camera.stream_url) !== null },
        relays,
      )?.id === input.relayId,
  );
  return {
    relayId: input.relayId,
    signingKey: relaySigningKey(ctx.signingSecret),
    heartbeatSeconds: HEARTBEAT_SECONDS,
    cameras: mine.map((camera) => ({
      id: camera.id,
      url: camera.stream_url,
      ...(camera.substream_url ? { substreamUrl: camera.substream_url } : {}),
      codec: camera.codec,
    })),
    // A relay that runs a SIP server learns the platform it speaks for.
    ...(input.sip
      ? {
          gb: await gbPlatformConfig(
            ctx,
            relay,
            mine.map((camera) => camera.id),
          ),
        }
      : {}),
  };
}

/**
 * The codec a relay observed in a camera's stream becomes the camera's (a GB channel is bound before anyone
 * knows whether it sends H.264 or H.265). Only cameras in the relay's scope, and only real changes.
 */
async function recordObservedCodecs(uow: UnitOfWork, scopePath: string, reports: readonly CameraReport[]): Promise<void> {
  const observed = reports.filter((report) => report.codec);
  if (observed.length === 0) return;
  const current = (await whereWithin(uow.trx('cameras'), 'scope_path', scopePath)
    .whereIn(
      'id',
      observed.map((report) => report.id),
    )
    .select('id', 'codec', 'scope_path')) as Array<{ id: string; codec: string; scope_path: string }>;
  const codecOf = new Map(observed.map((report) => [report.id, report.codec!]));
  for (const camera of current) {
    const codec = codecOf.get(camera.id)!;
    if (camera.codec === codec) continue;
    await uow.trx('cameras').where({ id: camera.id }).update({ codec });
    uow.emit({
      type: 'camera.updated',
      subject: { type: 'camera', id: camera.id },
      scopePaths: [camera.scope_path],
      payload: { changes: { codec }, streamChanged: false },
    });
  }
}
