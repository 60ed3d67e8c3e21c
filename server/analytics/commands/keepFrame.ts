// A worker keeps the raw frame of a firing beside the AI alert it posted: the alert's snapshot is the annotated
// copy for people, the raw frame with its boxes is what a training data set needs. The frame must be a snapshot
// of the alert's school (or above it) that the worker may see; it is bound, so it is not swept as unused.
// Idempotent on (alert, captured at): a retried report keeps one frame.
import { v7 as uuidv7 } from 'uuid';
import type { FrameReport } from '../../../analytics/worker/protocol';
import type { DomainContext } from '../../context';
import { runInTransaction } from '../../db/unit-of-work';
import { invalidInput, notFound } from '../../errors';
import { isWithin, type Caller, type ServiceActor } from '../../policy/actor';

export async function keepFrame(
  ctx: DomainContext,
  caller: Caller & { actor: ServiceActor },
  report: FrameReport,
): Promise<{ id: string }> {
  return runInTransaction(ctx, caller, async (uow) => {
    const scope = caller.actor.node.path;
    const alert = (await uow.trx('alerts').where({ id: report.alertId }).first('id', 'scope_path', 'source')) as
      { id: string; scope_path: string; source: string } | undefined;
    if (!alert || !isWithin(alert.scope_path, scope)) throw notFound('alert');
    if (alert.source !== 'ai') throw invalidInput('Frames are kept for AI alerts only');
    const frame = (await uow.trx('attachments').where({ id: report.frameId }).first('id', 'scope_path', 'purpose')) as
      { id: string; scope_path: string; purpose: string } | undefined;
    const fits = frame && isWithin(frame.scope_path, scope) && frame.purpose === 'snapshot' && isWithin(alert.scope_path, frame.scope_path);
    if (!fits) throw invalidInput('Unknown frame, or one of another school', { frameId: report.frameId });
    const id = uuidv7();
    const inserted = (await uow
      .trx('analytics_frames')
      .insert({
        id,
        alert_id: alert.id,
        attachment_id: frame.id,
        scope_path: alert.scope_path,
        model: report.model,
        captured_at: new Date(report.capturedAt),
        width: report.width,
        height: report.height,
        boxes: JSON.stringify(report.boxes),
      })
      .onConflict(['alert_id', 'captured_at'])
      .ignore()
      .returning('id')) as Array<{ id: string }>;
    await uow.trx('attachments').where({ id: frame.id }).update({ bound: true });
    if (inserted.length > 0) return { id };
    const existing = (await uow
      .trx('analytics_frames')
      .where({ alert_id: alert.id, captured_at: new Date(report.capturedAt) })
      .first('id')) as { id: string };
    return existing;
  });
}
