// A relay's heartbeat: it registers (or stays) alive, reports its recordings' storage, and learns which
// cameras to pull. The assignment is a table kept incrementally (keepAssignment): a heartbeat that brings the
// cursor of the changes its relay last applied reads only that relay's changes since; without a cursor (a relay
// just started), or with one no longer valid, it gets the whole list. A relay that joins takes its share at its
// first heartbeat, and the cameras of one that stopped move to the others at the first heartbeat after it has
// missed MISSED_HEARTBEATS. A report that recording stopped (or resumed) raises (or resolves) the storage alert
// in the same transaction as the state it changes, so a retried heartbeat never announces it twice.
import type { DomainContext } from '../../context';
import { runInTransaction, type UnitOfWork } from '../../db/unit-of-work';
import { whereWithin } from '../../db/scope';
import { conflict } from '../../errors';
import type { ServiceActor } from '../../policy/actor';
import {
  type AssignedCamera,
  type CameraReport,
  type GbPlatformConfig,
  type HeartbeatRequest,
  type StorageReport,
} from '../../../stream-relay/protocol';
import { gbPlatformConfig } from '../../gb/platform';
import { lastRelayChange, listRelayCameras, listRelayChanges, liveSince } from '../queries';
import { relaySigningKey } from '../signing-key';
import { announceStorageAlert, storageAlertChange } from '../storage-alert';
import { keepAssignment } from './keepAssignment';

export interface HeartbeatResult {
  relayId: string;
  signingKey: string;
  heartbeatSeconds: number;
  cameras: AssignedCamera[];
  /** Cameras to stop (only in an answer to a valid cursor: a whole list names every camera to run). */
  removed?: string[];
  assignment: { cursor: string; whole: boolean };
  gb?: GbPlatformConfig;
}

export async function recordHeartbeat(
  ctx: DomainContext,
  relay: ServiceActor,
  input: {
    relayId: string;
    url: string;
    cameras: CameraReport[];
    storage?: StorageReport | undefined;
    sip?: HeartbeatRequest['sip'];
    assignmentCursor?: string | undefined;
  },
): Promise<HeartbeatResult> {
  const now = ctx.now();
  const heartbeatSeconds = ctx.config.relayHeartbeatSeconds;
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
    if (heldByAnother && previous.last_seen_at.getTime() > liveSince(now, heartbeatSeconds).getTime()) {
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

  const { cameras, removed, cursor, whole } = await runInTransaction(ctx, { actor: relay }, async (uow) => {
    const pass = await keepAssignment(uow.trx, now, heartbeatSeconds);
    if (pass.died.length > 0 || pass.joined.length > 0) ctx.log.info({ ...pass, by: input.relayId }, 'relay assignment changed');
    return readAssignment(uow, input.relayId, input.assignmentCursor);
  });
  return {
    relayId: input.relayId,
    signingKey: relaySigningKey(ctx.signingSecret),
    heartbeatSeconds,
    cameras,
    ...(whole ? {} : { removed }),
    assignment: { cursor: String(cursor), whole },
    // A relay that runs a SIP server learns the platform it speaks for.
    ...(input.sip ? { gb: await gbPlatformConfig(ctx, relay, await assignedIds(ctx, input.relayId, whole ? cameras : null)) } : {}),
  };
}

/**
 * What the relay should change: its changes after the cursor it sent, or the whole list when it sent none or
 * one outside [cursor_floor, cursor_sent] (older than what was deleted, or never handed out: another database).
 * Change rows up to the cursor it sent are deleted: the relay has applied them.
 */
async function readAssignment(uow: UnitOfWork, relayId: string, sent: string | undefined) {
  const row = (await uow.trx('relays').where({ id: relayId }).first('cursor_floor', 'cursor_sent')) as {
    cursor_floor: string | number;
    cursor_sent: string | number;
  };
  const floor = Number(row.cursor_floor);
  const cursor = sent === undefined ? null : Number(sent);
  if (cursor !== null && cursor >= floor && cursor <= Number(row.cursor_sent)) {
    const changes = await listRelayChanges(uow.trx, relayId, cursor);
    await uow.trx('relay_assignment_changes').where('relay_id', relayId).where('seq', '<=', cursor).delete();
    await uow.trx('relays').where({ id: relayId }).update({ cursor_floor: cursor, cursor_sent: changes.cursor });
    return { ...changes, whole: false };
  }
  const last = Math.max(floor, await lastRelayChange(uow.trx, relayId));
  await uow.trx('relay_assignment_changes').where('relay_id', relayId).where('seq', '<=', last).delete();
  await uow.trx('relays').where({ id: relayId }).update({ cursor_floor: last, cursor_sent: last });
  return { cameras: await listRelayCameras(uow.trx, relayId), removed: [] as string[], cursor: last, whole: true };
}

/** The ids of every camera a relay runs (for the cameras shared upward, GB relays only). */
async function assignedIds(ctx: DomainContext, relayId: string, whole: AssignedCamera[] | null): Promise<string[]> {
  if (whole) return whole.map((camera) => camera.id);
  return (await ctx.db('camera_assignments').where('relay_id', relayId).pluck('camera_id')) as string[];
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
