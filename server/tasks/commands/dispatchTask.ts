// One task from an operator to a county or a school, optionally from an alert (whose snapshot becomes the
// task's evidence). A retry with the same idempotency key returns the task made the first time.
import type { DomainContext } from '../../context';
import { onceMoreOnUniqueViolation } from '../../db/errors';
import { earlierWithKey } from '../../db/idempotency';
import { runInTransaction, type UnitOfWork } from '../../db/unit-of-work';
import { emitAlert } from '../../alerts/commands/triageAlert';
import { invalidInput, notFound } from '../../errors';
import type { Caller, UserActor } from '../../policy/actor';
import { createTasks } from '../create-tasks';
import { resolveAssignee, resolveDeadline } from './resolve';

export interface DispatchInput {
  title: string;
  description: string;
  assignee: string;
  canteenId?: string | undefined;
  category?: string | undefined;
  deadline?: string | undefined;
  deadlineHours?: number | undefined;
  alertId?: string | undefined;
  attachmentIds: string[];
  idempotencyKey?: string | undefined;
}

export async function dispatchTask(
  ctx: DomainContext,
  caller: Caller & { actor: UserActor },
  input: DispatchInput,
): Promise<{ id: string; replayed: boolean }> {
  const actor = caller.actor;
  return onceMoreOnUniqueViolation(
    () =>
      runInTransaction(ctx, caller, async (uow) => {
        const earlier = await earlierWithKey(uow.trx, 'tasks', input.idempotencyKey, actor.node.path);
        if (earlier) return { id: earlier, replayed: true };
        const assignee = await resolveAssignee(uow.trx, actor, input.assignee);
        const attachmentIds = [...input.attachmentIds];
        let category = input.category ?? null;
        let canteenId = input.canteenId ?? null;
        if (input.alertId) {
          const alert = (await uow.trx('alerts').where({ id: input.alertId }).forUpdate().first('*')) as
            | {
                id: string;
                scope_path: string;
                status: string;
                category: string;
                snapshot_id: string | null;
                canteen_id: string | null;
                version: number;
              }
            | undefined;
          if (!alert || !alert.scope_path.startsWith(actor.node.path)) throw notFound('alert');
          if (!alert.scope_path.startsWith(assignee.path)) throw invalidInput('The alert is not about this assignee');
          category ??= alert.category;
          canteenId ??= alert.canteen_id;
          if (alert.snapshot_id && !attachmentIds.includes(alert.snapshot_id)) attachmentIds.push(alert.snapshot_id);
        }
        if (canteenId) {
          const canteen = (await uow.trx('canteens').where({ id: canteenId }).first('scope_path')) as { scope_path: string } | undefined;
          if (!canteen || !canteen.scope_path.startsWith(assignee.path)) throw invalidInput('The canteen is not under this assignee');
        }
        const [task] = await createTasks(uow, ctx, [
          {
            title: input.title,
            description: input.description,
            source: input.alertId ? 'alert' : 'manual',
            category,
            issuer: { nodeId: actor.node.id, path: actor.node.path, userId: actor.id },
            assignee,
            canteenId,
            alertId: input.alertId ?? null,
            deadline: await resolveDeadline(uow.trx, actor.node.path, ctx.now(), input),
            attachmentIds,
            idempotencyKey: input.idempotencyKey ?? null,
          },
        ]);
        if (input.alertId) await linkAlertToTask(uow, input.alertId, task!.id, actor.id, ctx.now());
        uow.audit({
          action: 'task.dispatch',
          targetType: 'task',
          targetId: task!.id,
          scopePath: task!.scope_path,
          details: { code: task!.code },
        });
        return { id: task!.id, replayed: false };
      }),
    'tasks_idempotency_key_unique',
  );
}

/** Marks an alert confirmed (if still new) and handled by a task, and tells everyone in scope. */
export async function linkAlertToTask(uow: UnitOfWork, alertId: string, taskId: string, userId: string | null, now: Date): Promise<void> {
  await uow
    .trx('alerts')
    .where({ id: alertId })
    .update({
      status: 'confirmed',
      task_id: taskId,
      triaged_by: uow.trx.raw('COALESCE(triaged_by, ?)', [userId]),
      triaged_at: uow.trx.raw('COALESCE(triaged_at, ?)', [now]),
      version: uow.trx.raw('version + 1'),
      updated_at: now,
    });
  await emitAlert(uow, 'alert.confirmed', alertId);
}
