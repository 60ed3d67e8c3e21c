// Timeline rows and realtime events for task actions, written inside the action's unit of work.
import type { TaskEventType } from '../realtime/event-catalogue';
import type { Caller } from '../policy/actor';
import type { UnitOfWork } from '../db/unit-of-work';
import type { TaskRow } from './rows';

export interface TimelineEntry {
  action: string;
  from: string | null;
  to: string | null;
  note?: string | null | undefined;
  attachmentIds?: readonly string[] | undefined;
  details?: Record<string, unknown> | undefined;
}

export function timelineRow(taskId: string, caller: Caller, entry: TimelineEntry, at: Date) {
  const actor = caller.actor;
  return {
    task_id: taskId,
    at,
    action: entry.action,
    from_state: entry.from,
    to_state: entry.to,
    actor_kind: actor.kind,
    actor_id: actor.kind === 'user' || actor.kind === 'service' ? actor.id : null,
    actor_name: actor.kind === 'user' ? actor.displayName : actor.kind === 'service' || actor.kind === 'system' ? actor.name : null,
    actor_node_code: actor.kind === 'user' || actor.kind === 'service' ? actor.node.code : null,
    note: entry.note ?? null,
    attachment_ids: [...(entry.attachmentIds ?? [])],
    details: entry.details ? JSON.stringify(entry.details) : null,
  };
}

/** What a socket receives about a task: enough to update an inbox row without fetching. */
export function taskEventPayload(
  task: Pick<TaskRow, 'id' | 'code' | 'title' | 'state' | 'deadline' | 'category' | 'parent_id' | 'assignee_level' | 'school_id'>,
  extra: Record<string, unknown> = {},
) {
  return {
    id: task.id,
    code: task.code,
    title: task.title,
    state: task.state,
    deadline: task.deadline.toISOString(),
    category: task.category,
    parentId: task.parent_id,
    assigneeLevel: task.assignee_level,
    schoolId: task.school_id,
    ...extra,
  };
}

export async function recordTaskAction(
  uow: UnitOfWork,
  task: TaskRow,
  entry: TimelineEntry,
  at: Date,
  eventType: TaskEventType,
  extra: Record<string, unknown> = {},
): Promise<void> {
  await uow.trx('task_events').insert(timelineRow(task.id, uow.caller, entry, at));
  uow.emit({
    type: eventType,
    subject: { type: 'task', id: task.id },
    scopePaths: [task.scope_path],
    payload: taskEventPayload(task, { action: entry.action, note: entry.note ?? null, ...extra }),
  });
}
