// A relay reports a change in a camera's health. The camera's status changes, everyone in scope hears of it
// (camera.status_changed), and a fault (offline, frozen, blurred, covered) becomes a camera alert, joined
// with the same fault on the same camera; the alerts of a fault that ended resolve with the outage's length. A report older than the one in force is ignored, so a retried
// or reordered report never turns the status back. Each change is also written to camera_status_history in
// the same transaction (a repeat of the status in force, a relay's heartbeat, writes nothing there), which
// the assessment reads for the camera online rate of any period.
import type { Knex } from 'knex';
import type { DomainContext } from '../../context';
import { raiseAlertWithin } from '../../alerts/commands/raiseAlerts';
import { resolveCameraFaults } from '../../alerts/commands/resolveCameraFaults';
import type { AlertCategory } from '../../alerts/categories';
import { runInTransaction } from '../../db/unit-of-work';
import { notFound } from '../../errors';
import type { Caller } from '../../policy/actor';
import type { CameraHealth } from '../../../stream-relay/protocol';

const FAULT_CATEGORY: Partial<Record<CameraHealth, AlertCategory>> = {
  offline: 'camera_offline',
  frozen: 'camera_frozen',
  blurred: 'camera_blurred',
  covered: 'camera_covered',
};

export interface CameraStatusInput {
  status: CameraHealth;
  observedAt: string;
  detail: { brightness?: number | undefined; sharpness?: number | undefined; fps?: number | undefined; reason?: string | undefined };
}

export type CameraStatusOutcome = 'changed' | 'unchanged' | 'stale';

interface CameraStatusRow {
  status: string;
  status_observed_at: Date | null;
  status_changed_at: Date | null;
  created_at: Date;
  scope_path: string;
}

/**
 * Writes a camera's change of status to camera_status_history, within the caller's transaction. A camera
 * without any history yet (created after the migration's backfill, or its status set directly) first gets
 * the status it leaves, from when that began (its last change, else its creation), so the history covers
 * the time before this change too. A row already at that instant (a retried report) is overwritten, never
 * doubled: the unique (camera_id, changed_at) holds one status per instant, the last one written.
 */
export async function writeStatusTransition(
  trx: Knex,
  camera: Pick<CameraStatusRow, 'status' | 'status_changed_at' | 'created_at' | 'scope_path'> & { id: string },
  status: string,
  at: Date,
): Promise<void> {
  const since = camera.status_changed_at ?? camera.created_at;
  if (since < at && !(await trx('camera_status_history').where({ camera_id: camera.id }).first('id'))) {
    await trx('camera_status_history')
      .insert({ camera_id: camera.id, scope_path: camera.scope_path, status: camera.status, changed_at: since })
      .onConflict(['camera_id', 'changed_at'])
      .ignore();
  }
  await trx('camera_status_history')
    .insert({ camera_id: camera.id, scope_path: camera.scope_path, status, changed_at: at })
    .onConflict(['camera_id', 'changed_at'])
    .merge(['status']);
}

export async function recordCameraStatus(
  ctx: DomainContext,
  caller: Caller,
  cameraId: string,
  input: CameraStatusInput,
): Promise<{ outcome: CameraStatusOutcome; alertId: string | null }> {
  const observedAt = new Date(input.observedAt);
  return runInTransaction(ctx, caller, async (uow) => {
    const camera = (await uow
      .trx('cameras')
      .where({ id: cameraId })
      .forUpdate()
      .first('status', 'status_observed_at', 'status_changed_at', 'created_at', 'scope_path')) as CameraStatusRow | undefined;
    if (!camera) throw notFound('camera');
    if (camera.status_observed_at && camera.status_observed_at > observedAt) return { outcome: 'stale' as const, alertId: null };
    if (camera.status === input.status) {
      await uow.trx('cameras').where({ id: cameraId }).update({ status_observed_at: observedAt });
      return { outcome: 'unchanged' as const, alertId: null };
    }
    await uow
      .trx('cameras')
      .where({ id: cameraId })
      .update({ status: input.status, status_changed_at: observedAt, status_observed_at: observedAt });
    await writeStatusTransition(uow.trx, { id: cameraId, ...camera }, input.status, observedAt);
    uow.emit({
      type: 'camera.status_changed',
      subject: { type: 'camera', id: cameraId },
      scopePaths: [camera.scope_path],
      payload: { status: input.status, previous: camera.status, at: observedAt.toISOString() },
    });
    const category = FAULT_CATEGORY[input.status] ?? null;
    await resolveCameraFaults(uow, ctx, cameraId, observedAt, category);
    if (!category) return { outcome: 'changed' as const, alertId: null };
    const alert = await raiseAlertWithin(uow, ctx, {
      source: 'camera',
      category,
      cameraId,
      detectedAt: observedAt.toISOString(),
      details: { ...input.detail, previous: camera.status },
      // One alert per fault episode even if the relay posts it again; the fault back soon after reopens it.
      idempotencyKey: `camera:${cameraId}:${input.status}:${observedAt.toISOString()}`,
    });
    return { outcome: 'changed' as const, alertId: alert.alertId };
  });
}
