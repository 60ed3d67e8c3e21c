// A relay reports a change in a camera's health. The camera's status changes, everyone in scope hears of it
// (camera.status_changed), and a fault (offline, frozen, blurred, covered) becomes a camera alert, folded
// with the same fault on the same camera. A report older than the one in force is ignored, so a retried
// or reordered report never turns the status back.
import type { DomainContext } from '../../context';
import { raiseAlertWithin } from '../../alerts/commands/raiseAlerts';
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

export async function recordCameraStatus(
  ctx: DomainContext,
  caller: Caller,
  cameraId: string,
  input: CameraStatusInput,
): Promise<{ outcome: CameraStatusOutcome; alertId: string | null }> {
  const observedAt = new Date(input.observedAt);
  return runInTransaction(ctx, caller, async (uow) => {
    const camera = (await uow.trx('cameras').where({ id: cameraId }).forUpdate().first('status', 'status_observed_at', 'scope_path')) as
      { status: string; status_observed_at: Date | null; scope_path: string } | undefined;
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
    uow.emit({
      type: 'camera.status_changed',
      subject: { type: 'camera', id: cameraId },
      scopePaths: [camera.scope_path],
      payload: { status: input.status, previous: camera.status, at: observedAt.toISOString() },
    });
    const category = FAULT_CATEGORY[input.status];
    if (!category) return { outcome: 'changed' as const, alertId: null };
    const alert = await raiseAlertWithin(uow, ctx, {
      source: 'camera',
      category,
      cameraId,
      detectedAt: observedAt.toISOString(),
      details: { ...input.detail, previous: camera.status },
      // One alert per fault episode even if the relay posts it again; repeats within the window fold.
      idempotencyKey: `camera:${cameraId}:${input.status}:${observedAt.toISOString()}`,
    });
    return { outcome: 'changed' as const, alertId: alert.alertId };
  });
}
