// One task from an operator to a county or a school; one about an alert is made where every alert becomes
// a task (tasks/case-task.ts), with the alert's school, canteen, camera and evidence.
// A retry with the same idempotency key returns the task made the first time.
import type { DomainContext } from '../../context';
import { onceMoreOnUniqueViolation } from '../../db/errors';
import { earlierWithKey } from '../../db/idempotency';
import { runInTransaction } from '../../db/unit-of-work';
import { lockAlert } from '../../alerts/commands/transitionAlert';
import { invalidInput, notFound } from '../../errors';
import type { Caller, UserActor } from '../../policy/actor';
import { createCaseTask } from '../case-task';
import { createTasks } from '../create-tasks';
import type { TaskRow } from '../rows';
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
        const issuer = { nodeId: actor.node.id, path: actor.node.path, userId: actor.id };
        const deadline = await resolveDeadline(uow.trx, actor.node.path, ctx.now(), input);
        if (input.canteenId) {
          const canteen = (await uow.trx('canteens').where({ id: input.canteenId }).first('scope_path')) as
            { scope_path: string } | undefined;
          if (!canteen || !canteen.scope_path.startsWith(assignee.path)) throw invalidInput('The canteen is not under this assignee');
        }
        let task: TaskRow;
        if (input.alertId) {
          const alert = await lockAlert(uow, input.alertId, actor.node.path);
          if (!alert) throw notFound('alert');
          task = await createCaseTask(uow, ctx, {
            alert,
            issuer,
            to: assignee,
            title: input.title,
            instruction: input.description,
            canteenId: input.canteenId,
            category: input.category,
            deadline,
            attachmentIds: input.attachmentIds,
            idempotencyKey: input.idempotencyKey ?? null,
          });
        } else {
          [task] = (await createTasks(uow, ctx, [
            {
              title: input.title,
              description: input.description,
              source: 'manual',
              category: input.category ?? null,
              issuer,
              assignee,
              canteenId: input.canteenId ?? null,
              deadline,
              attachmentIds: input.attachmentIds,
              idempotencyKey: input.idempotencyKey ?? null,
            },
          ])) as [TaskRow];
        }
        uow.audit({
          action: 'task.dispatch',
          targetType: 'task',
          targetId: task.id,
          scopePath: task.scope_path,
          details: { code: task.code },
        });
        return { id: task.id, replayed: false };
      }),
    'tasks_idempotency_key_unique',
  );
}
