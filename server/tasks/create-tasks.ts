// Creates tasks inside a unit of work: one, or a thousand in a bulk dispatch, with multi-row inserts. Each
// task gets a readable code, a reminder time before its deadline, a 'dispatch' row in its timeline and a
// realtime event for everyone in its scope.
import { v7 as uuidv7 } from 'uuid';
import type { DomainContext } from '../context';
import { invalidInput } from '../errors';
import type { UnitOfWork } from '../db/unit-of-work';
import { bindAttachments } from '../attachments/queries';
import { effectiveSetting } from '../settings/queries';
import { shanghaiDate } from '../time';
import type { TaskRow } from './rows';
import { taskEventPayload, timelineRow } from './timeline';

export interface NewTask {
  title: string;
  description: string;
  source: TaskRow['source'];
  category?: string | null;
  issuer: { nodeId: string; path: string; userId: string | null };
  assignee: { nodeId: string; path: string; level: 'county' | 'school'; schoolId: string | null };
  canteenId?: string | null;
  cameraId?: string | null;
  /** What the issuer asks (整改要求); the school sees it at the top of its task. */
  instruction?: string | null;
  parentId?: string | null;
  batchId?: string | null;
  alertId?: string | null;
  complaintId?: string | null;
  patrolRecordId?: string | null;
  deadline: Date;
  attachmentIds?: readonly string[];
  note?: string | null;
  idempotencyKey?: string | null;
}

const CHUNK = 400;

/** When to remind: `hoursBefore` the deadline, but never earlier than four fifths of the way there. */
export function reminderTime(dispatchedAt: Date, deadline: Date, hoursBefore: number): Date {
  const span = deadline.getTime() - dispatchedAt.getTime();
  const lead = Math.min(hoursBefore * 3_600_000, Math.max(0, span) / 5);
  return new Date(deadline.getTime() - lead);
}

export async function createTasks(uow: UnitOfWork, ctx: DomainContext, specs: readonly NewTask[]): Promise<TaskRow[]> {
  if (specs.length === 0) return [];
  const now = ctx.now();
  for (const spec of specs) {
    if (spec.assignee.path === spec.issuer.path || !spec.assignee.path.startsWith(spec.issuer.path)) {
      throw invalidInput('A task goes from a node to one below it', { assignee: spec.assignee.path });
    }
    if (spec.deadline.getTime() <= now.getTime()) throw invalidInput('The deadline must be in the future');
  }
  const reminderHours = new Map<string, number>();
  for (const path of new Set(specs.map((spec) => spec.issuer.path))) {
    reminderHours.set(path, await effectiveSetting(uow.trx, path, 'tasks.reminderHoursBefore'));
  }
  const numbers = (
    (await uow.trx.raw('SELECT nextval(?) AS n FROM generate_series(1, ?)', ['task_code_seq', specs.length])) as {
      rows: Array<{ n: number }>;
    }
  ).rows.map((row) => Number(row.n));
  const day = shanghaiDate(now).replaceAll('-', '');

  const rows: TaskRow[] = specs.map((spec, index) => ({
    id: uuidv7(),
    code: `RW${day}-${String(numbers[index]).padStart(6, '0')}`,
    title: spec.title,
    description: spec.description,
    source: spec.source,
    category: spec.category ?? null,
    state: 'dispatched',
    issuer_node_id: spec.issuer.nodeId,
    issuer_user_id: spec.issuer.userId,
    assignee_node_id: spec.assignee.nodeId,
    assignee_level: spec.assignee.level,
    school_id: spec.assignee.schoolId,
    canteen_id: spec.canteenId ?? null,
    camera_id: spec.cameraId ?? null,
    instruction: spec.instruction ?? spec.note ?? spec.description,
    parent_id: spec.parentId ?? null,
    batch_id: spec.batchId ?? null,
    alert_id: spec.alertId ?? null,
    complaint_id: spec.complaintId ?? null,
    patrol_record_id: spec.patrolRecordId ?? null,
    scope_path: spec.assignee.path,
    deadline: spec.deadline,
    remind_at: reminderTime(now, spec.deadline, reminderHours.get(spec.issuer.path)!),
    reminder_sent_at: null,
    overdue_at: null,
    accepted_at: null,
    submitted_at: null,
    closed_at: null,
    cancelled_at: null,
    return_count: 0,
    remind_count: 0,
    version: 1,
    created_at: now,
    updated_at: now,
  }));

  for (let i = 0; i < rows.length; i += CHUNK) {
    const slice = rows.slice(i, i + CHUNK);
    await uow.trx('tasks').insert(slice.map((row, j) => ({ ...row, idempotency_key: specs[i + j]!.idempotencyKey ?? null })));
    await uow.trx('task_events').insert(
      slice.map((row, j) => {
        const spec = specs[i + j]!;
        return timelineRow(
          row.id,
          uow.caller,
          { action: 'dispatch', from: null, to: 'dispatched', note: spec.note ?? spec.description, attachmentIds: spec.attachmentIds },
          now,
        );
      }),
    );
  }
  // Attachments shared by every task of a bulk notice are checked once, against all their schools.
  const attachmentSets = new Map<string, { ids: readonly string[]; paths: string[] }>();
  for (const spec of specs) {
    if (!spec.attachmentIds?.length) continue;
    const key = spec.attachmentIds.join(',');
    const set = attachmentSets.get(key) ?? { ids: spec.attachmentIds, paths: [] };
    set.paths.push(spec.assignee.path);
    attachmentSets.set(key, set);
  }
  for (const { ids, paths } of attachmentSets.values()) await bindAttachments(uow.trx, ids, paths, uow.caller);

  for (const row of rows) {
    uow.emit({
      type: 'task.dispatched',
      subject: { type: 'task', id: row.id },
      scopePaths: [row.scope_path],
      payload: taskEventPayload(row, { action: 'dispatch', batchId: row.batch_id, source: row.source, alertId: row.alert_id }),
    });
  }
  return rows;
}
