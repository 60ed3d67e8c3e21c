// The one place where an alert or a complaint becomes a task: an operator's confirm-and-dispatch, a dispatch
// that names an alert, auto-dispatch and a complaint sent to its school all come here. The task carries what
// the school needs — its school, canteen and camera, the evidence (the alert's snapshot, the complaint's
// photo) and the issuer's instruction (整改要求) — and the alert is handed over to it through the alert's own
// state machine (confirmed, linked), so every path writes the same fields and announces the same events.
import type { DomainContext } from '../context';
import type { UnitOfWork } from '../db/unit-of-work';
import { conflict, invalidInput } from '../errors';
import { ALERT_CATEGORIES } from '../alerts/categories';
import { transitionAlert } from '../alerts/commands/transitionAlert';
import type { AlertRow } from '../alerts/queries';
import { createTasks } from './create-tasks';
import type { TaskRow } from './rows';
import { OPEN_STATES, type TaskState } from './state-machine';

export interface CaseComplaint {
  id: string;
  school_id: string;
  text: string;
  categoryName: string;
  photo_id: string | null;
}

export interface CaseTaskInput {
  /** The alert the task is made from (locked by the caller), if any. */
  alert: AlertRow | null;
  /** The complaint it answers, if any (its alert, when it has one, is `alert`). */
  complaint?: CaseComplaint | null;
  issuer: { nodeId: string; path: string; userId: string | null };
  /** The school of the case, its county, or a node the dispatcher chose. */
  to: 'school' | 'county' | { nodeId: string; path: string; level: 'county' | 'school'; schoolId: string | null };
  title?: string | undefined;
  /** What the issuer asks of the school (整改要求); a default from the case when not given. */
  instruction?: string | undefined;
  /** Overrides for a dispatch that names them itself. */
  canteenId?: string | null | undefined;
  category?: string | null | undefined;
  deadline: Date;
  attachmentIds?: readonly string[];
  idempotencyKey?: string | null;
}

interface CaseSchool {
  id: string;
  name: string;
  node_id: string;
  path: string;
  county_node: string;
  county_path: string;
}

export async function createCaseTask(uow: UnitOfWork, ctx: DomainContext, input: CaseTaskInput): Promise<TaskRow> {
  const { alert, complaint } = input;
  const schoolId = alert?.school_id ?? complaint?.school_id;
  if (!schoolId) throw new Error('A case task comes from an alert or a complaint');
  const school = (await uow
    .trx('schools as s')
    .join('jurisdictions as j', 'j.id', 's.jurisdiction_id')
    .join('jurisdictions as county', 'county.id', 's.county_id')
    .where('s.id', schoolId)
    .first('s.id', 's.name', 'j.id as node_id', 'j.path', 'county.id as county_node', 'county.path as county_path')) as CaseSchool;
  const assignee =
    input.to === 'school'
      ? { nodeId: school.node_id, path: school.path, level: 'school' as const, schoolId: school.id }
      : input.to === 'county'
        ? { nodeId: school.county_node, path: school.county_path, level: 'county' as const, schoolId: null }
        : input.to;
  if (!school.path.startsWith(assignee.path)) throw invalidInput('The case is not about this assignee', { assignee: assignee.path });
  if (alert?.task_id) {
    const current = (await uow.trx('tasks').where({ id: alert.task_id }).first('code', 'state')) as { code: string; state: TaskState };
    if (OPEN_STATES.includes(current.state)) {
      throw conflict('alert_has_task', `The alert is already handled by task ${current.code}`, { taskId: alert.task_id });
    }
  }

  const categoryName = alert ? ALERT_CATEGORIES[alert.category].zh : '群众投诉';
  // The task is about the alert's canteen and camera, also when it goes to the county first: the county
  // forwards them with it to that school.
  const canteenId = input.canteenId !== undefined ? input.canteenId : (alert?.canteen_id ?? null);
  const cameraId = alert?.camera_id && (!input.canteenId || input.canteenId === alert.canteen_id) ? alert.camera_id : null;
  const evidence = [alert?.snapshot_id, complaint?.photo_id, ...(input.attachmentIds ?? [])].filter((id): id is string => !!id);
  const what = complaint
    ? `群众投诉（${complaint.categoryName}）：${complaint.text}`
    : (alert?.summary ?? `${categoryName}（${school.name}）`);
  const instruction = input.instruction ?? (complaint ? `请核查群众投诉并整改：${complaint.text}` : `请核查并整改：${what}`);

  const [task] = await createTasks(uow, ctx, [
    {
      title: input.title ?? `${complaint ? '投诉核查' : categoryName}整改：${school.name}`,
      description: what,
      instruction,
      source: complaint ? 'complaint' : 'alert',
      category: input.category ?? (complaint ? 'complaint' : alert!.category),
      issuer: input.issuer,
      assignee,
      canteenId,
      cameraId,
      alertId: alert?.id ?? null,
      complaintId: complaint?.id ?? null,
      deadline: input.deadline,
      attachmentIds: [...new Set(evidence)],
      note: instruction,
      idempotencyKey: input.idempotencyKey ?? null,
    },
  ]);
  if (alert) await transitionAlert(uow, ctx, alert, 'link', { taskId: task!.id });
  return task!;
}
