// Every action on an existing task goes through here: the task is locked, its version checked, the state
// machine asked, and the change, its timeline row and its event written in one transaction. A refused action
// answers 409 with the actions that are allowed.
import type { Knex } from 'knex';
import type { DomainContext } from '../../context';
import { closeComplaintByTask } from '../../complaints/commands/complaints';
import { bindAttachments } from '../../attachments/queries';
import { asSystem, runInTransaction, type UnitOfWork } from '../../db/unit-of-work';
import { conflict, invalidInput, notFound } from '../../errors';
import type { Caller, UserActor } from '../../policy/actor';
import { taskRelations } from '../../policy/relations';
import { effectiveSetting } from '../../settings/queries';
import { createTasks } from '../create-tasks';
import type { TaskRow } from '../rows';
import { allowedActions, findTransition, refusal, type TaskAction, type TaskState, type TransitionContext } from '../state-machine';
import { recordTaskAction } from '../timeline';

export type TaskActionInput =
  | { action: 'accept'; version: number; note?: string | undefined }
  | { action: 'submit'; version: number; note: string; attachmentIds: string[] }
  | { action: 'approve'; version: number; note?: string | undefined }
  | { action: 'return'; version: number; reason: string; deadline?: string | undefined }
  | { action: 'forward'; version: number; schools: string[]; deadline?: string | undefined; note?: string | undefined }
  | { action: 'cancel'; version: number; reason: string }
  | { action: 'remind'; note?: string | undefined }
  | { action: 'comment'; note: string; attachmentIds?: string[] | undefined };

const EVENT_TYPES: Record<TaskAction, string> = {
  accept: 'task.accepted',
  forward: 'task.forwarded',
  submit: 'task.submitted',
  approve: 'task.closed',
  return: 'task.returned',
  cancel: 'task.cancelled',
  remind: 'task.reminded',
  comment: 'task.commented',
};

interface LoadedTask extends TaskRow {
  issuer_path: string;
  assignee_path: string;
}

async function loadTask(db: Knex, taskId: string, lock: boolean): Promise<LoadedTask | undefined> {
  const query = db('tasks').where({ id: taskId });
  const task = (await (lock ? query.forUpdate() : query).first('*')) as TaskRow | undefined;
  if (!task) return undefined;
  const nodes = (await db('jurisdictions').whereIn('id', [task.issuer_node_id, task.assignee_node_id]).select('id', 'path')) as Array<{
    id: string;
    path: string;
  }>;
  const pathOf = (id: string) => nodes.find((node) => node.id === id)!.path;
  return { ...task, issuer_path: pathOf(task.issuer_node_id), assignee_path: pathOf(task.assignee_node_id) };
}

async function openChildren(db: Knex, taskId: string): Promise<number> {
  const [row] = (await db('tasks').where({ parent_id: taskId }).whereNotIn('state', ['closed', 'cancelled']).count({ n: '*' })) as Array<{
    n: number;
  }>;
  return Number(row?.n ?? 0);
}

async function transitionContext(db: Knex, actor: UserActor, task: LoadedTask): Promise<TransitionContext> {
  return {
    state: task.state,
    role: actor.role,
    relations: taskRelations(actor, { issuerPath: task.issuer_path, assigneePath: task.assignee_path }),
    openChildren: await openChildren(db, task.id),
    assigneeLevel: task.assignee_level,
  };
}

/** What the viewer may do with a task now (for the task page). */
export async function allowedFor(db: Knex, actor: UserActor, taskId: string): Promise<TaskAction[]> {
  const task = await loadTask(db, taskId, false);
  return task ? allowedActions(await transitionContext(db, actor, task)) : [];
}

export async function actOnTask(
  ctx: DomainContext,
  caller: Caller & { actor: UserActor },
  taskId: string,
  input: TaskActionInput,
): Promise<void> {
  const actor = caller.actor;
  await runInTransaction(ctx, caller, async (uow) => {
    const task = await loadTask(uow.trx, taskId, true);
    if (!task || !task.scope_path.startsWith(actor.node.path)) throw notFound('task');
    if ('version' in input && input.version !== task.version) {
      throw conflict('stale_version', 'The task was changed by someone else; reload and try again', {
        version: task.version,
        state: task.state,
      });
    }
    const context = await transitionContext(uow.trx, actor, task);
    const transition = findTransition(input.action, context);
    if (!transition) {
      const reason = refusal(input.action, context);
      throw conflict(
        reason,
        reason === 'children_open' ? 'Its forwarded tasks are not all closed yet' : `Cannot ${input.action} a ${task.state} task`,
        {
          state: task.state,
          action: input.action,
          allowed: allowedActions(context),
        },
      );
    }
    const now = ctx.now();
    const to: TaskState = transition.to ?? task.state;
    const changes: Partial<TaskRow> & Record<string, unknown> = { state: to, updated_at: now };
    if (transition.to) changes.version = task.version + 1;
    let note: string | null = null;
    let attachmentIds: string[] = [];
    const extra: Record<string, unknown> = {};

    switch (input.action) {
      case 'accept':
        changes.accepted_at = now;
        note = input.note ?? null;
        break;
      case 'submit':
        if (task.assignee_level === 'school' && input.attachmentIds.length === 0) {
          throw invalidInput('A school submits its rectification with at least one photo');
        }
        await bindAttachments(uow.trx, input.attachmentIds, task.scope_path, caller);
        changes.submitted_at = now;
        note = input.note;
        attachmentIds = input.attachmentIds;
        break;
      case 'approve':
        changes.closed_at = now;
        note = input.note ?? null;
        break;
      case 'return': {
        changes.return_count = task.return_count + 1;
        note = input.reason;
        const deadline = await returnDeadline(uow, task, now, input.deadline);
        if (deadline) {
          changes.deadline = deadline;
          changes.reminder_sent_at = null;
          extra.deadline = deadline.toISOString();
        }
        break;
      }
      case 'forward': {
        if (task.state === 'dispatched') changes.accepted_at = now;
        note = input.note ?? null;
        extra.children = await forwardToSchools(uow, ctx, task, input);
        break;
      }
      case 'cancel':
        changes.cancelled_at = now;
        note = input.reason;
        extra.cancelledChildren = await cancelChildren(uow, task, now, input.reason);
        break;
      case 'remind':
        changes.remind_count = task.remind_count + 1;
        note = input.note ?? null;
        break;
      case 'comment':
        await bindAttachments(uow.trx, input.attachmentIds ?? [], task.scope_path, caller);
        note = input.note;
        attachmentIds = input.attachmentIds ?? [];
        break;
    }

    const [updated] = (await uow.trx('tasks').where({ id: task.id }).update(changes).returning('*')) as TaskRow[];
    await recordTaskAction(
      uow,
      updated!,
      { action: input.action, from: task.state, to, note, attachmentIds, details: extra },
      now,
      EVENT_TYPES[input.action],
      extra,
    );
    uow.audit({
      action: `task.${input.action}`,
      targetType: 'task',
      targetId: task.id,
      scopePath: task.scope_path,
      details: { from: task.state, to },
    });

    if (input.action === 'approve') await afterClosed(uow, updated!, now);
  });
}

/** A return past (or near) the deadline gives the assignee a fresh one, unless the reviewer named a date. */
async function returnDeadline(uow: UnitOfWork, task: LoadedTask, now: Date, requested: string | undefined): Promise<Date | null> {
  if (requested) {
    const deadline = new Date(requested);
    if (deadline <= now) throw invalidInput('The new deadline must be in the future');
    return deadline;
  }
  if (task.deadline.getTime() - now.getTime() > 24 * 3_600_000) return null;
  const hours = await effectiveSetting(uow.trx, task.issuer_path, 'tasks.defaultDeadlineHours');
  return new Date(now.getTime() + hours * 3_600_000);
}

/** A county passes its task down to schools in it as child tasks, with the parent's evidence. */
async function forwardToSchools(
  uow: UnitOfWork,
  ctx: DomainContext,
  task: LoadedTask,
  input: Extract<TaskActionInput, { action: 'forward' }>,
): Promise<Array<{ id: string; code: string; school: string }>> {
  const codes = [...new Set(input.schools)];
  const schools = (await uow
    .trx('schools as s')
    .join('jurisdictions as j', 'j.id', 's.jurisdiction_id')
    .whereIn('j.code', codes)
    .where('j.path', 'like', `${task.assignee_path}%`)
    .select('s.id as school_id', 'j.id as node_id', 'j.path', 'j.code')) as Array<{
    school_id: string;
    node_id: string;
    path: string;
    code: string;
  }>;
  if (schools.length !== codes.length) {
    throw invalidInput('Forward to schools of your own county', { unknown: codes.filter((code) => !schools.some((s) => s.code === code)) });
  }
  const busy = (await uow
    .trx('tasks')
    .where({ parent_id: task.id })
    .whereNotIn('state', ['closed', 'cancelled'])
    .pluck('assignee_node_id')) as string[];
  const fresh = schools.filter((school) => !busy.includes(school.node_id));
  if (fresh.length === 0) throw conflict('already_forwarded', 'Each of these schools already has this task open');
  const deadline = input.deadline ? new Date(input.deadline) : task.deadline;
  if (deadline > task.deadline) throw invalidInput('A forwarded task must be due no later than its parent');
  const canteen = task.canteen_id
    ? ((await uow.trx('canteens').where({ id: task.canteen_id }).first('school_id')) as { school_id: string } | undefined)
    : undefined;
  // The parent's evidence goes to the children it is about: a photo of one school goes to that school only.
  const dispatchEvent = (await uow.trx('task_events').where({ task_id: task.id, action: 'dispatch' }).first('attachment_ids')) as
    { attachment_ids: string[] } | undefined;
  const evidence = (await uow
    .trx('attachments')
    .whereIn('id', dispatchEvent?.attachment_ids ?? [])
    .select('id', 'scope_path')) as Array<{
    id: string;
    scope_path: string;
  }>;
  const evidenceFor = (path: string) =>
    evidence.filter((file) => file.scope_path.startsWith(path) || path.startsWith(file.scope_path)).map((file) => file.id);
  const children = await createTasks(
    uow,
    ctx,
    fresh.map((school) => ({
      title: task.title,
      description: task.description,
      source: task.source,
      category: task.category,
      issuer: {
        nodeId: task.assignee_node_id,
        path: task.assignee_path,
        userId: uow.caller.actor.kind === 'user' ? uow.caller.actor.id : null,
      },
      assignee: { nodeId: school.node_id, path: school.path, level: 'school' as const, schoolId: school.school_id },
      canteenId: canteen?.school_id === school.school_id ? task.canteen_id : null,
      cameraId: canteen?.school_id === school.school_id ? task.camera_id : null,
      instruction: input.note ?? task.instruction,
      parentId: task.id,
      alertId: task.alert_id,
      complaintId: task.complaint_id,
      deadline,
      attachmentIds: evidenceFor(school.path),
      note: input.note ?? task.description,
    })),
  );
  return children.map((child, index) => ({ id: child.id, code: child.code, school: fresh[index]!.code }));
}

async function cancelChildren(uow: UnitOfWork, task: LoadedTask, now: Date, reason: string): Promise<number> {
  const children = (await uow
    .trx('tasks')
    .where({ parent_id: task.id })
    .whereNotIn('state', ['closed', 'cancelled'])
    .update({ state: 'cancelled', cancelled_at: now, updated_at: now, version: uow.trx.raw('version + 1') })
    .returning('*')) as TaskRow[];
  for (const child of children) {
    await recordTaskAction(
      uow,
      child,
      { action: 'cancel', from: null, to: 'cancelled', note: reason, details: { parentId: task.id } },
      now,
      'task.cancelled',
    );
  }
  return children.length;
}

/**
 * After a task closes: a parent whose children are now all done is submitted to its issuer on the county's
 * behalf, with the children's evidence; a complaint handled by the task is closed with a reply.
 */
async function afterClosed(uow: UnitOfWork, task: TaskRow, now: Date): Promise<void> {
  if (task.complaint_id) await closeComplaintByTask(uow, task.complaint_id, task.id, now);
  if (!task.parent_id) return;
  const parent = (await uow.trx('tasks').where({ id: task.parent_id }).forUpdate().first('*')) as TaskRow | undefined;
  if (!parent || (parent.state !== 'accepted' && parent.state !== 'returned')) return;
  if ((await openChildren(uow.trx, parent.id)) > 0) return;
  const evidence = (await uow
    .trx('task_events as e')
    .join('tasks as c', 'c.id', 'e.task_id')
    .where('c.parent_id', parent.id)
    .where('e.action', 'submit')
    .select('e.attachment_ids')) as Array<{ attachment_ids: string[] }>;
  const attachmentIds = [...new Set(evidence.flatMap((row) => row.attachment_ids))].slice(0, 50);
  const [submitted] = (await uow
    .trx('tasks')
    .where({ id: parent.id })
    .update({ state: 'submitted', submitted_at: now, updated_at: now, version: parent.version + 1 })
    .returning('*')) as TaskRow[];
  await recordTaskAction(
    asSystem(uow, 'workflow'),
    submitted!,
    {
      action: 'submit',
      from: parent.state,
      to: 'submitted',
      note: '下级学校整改任务已全部办结，自动提交复核。',
      attachmentIds,
      details: { automatic: true },
    },
    now,
    'task.submitted',
    { automatic: true },
  );
}
