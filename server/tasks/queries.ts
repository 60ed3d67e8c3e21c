// Reads of tasks: the inbox and outbox of a node, one task with its timeline and children, state counts.
import type { Knex } from 'knex';
import { paginate } from '../db/paginate';
import { likeContaining, whereWithin } from '../db/scope';
import type { Page } from '../http/paging';
import type { AlertCategory } from '../alerts/categories';
import type { TaskEventRow, TaskRow } from './rows';
import { WORKING_STATES, type TaskState } from './state-machine';

export interface TaskListRow extends TaskRow {
  issuer_code: string;
  issuer_name: string;
  issuer_path: string;
  assignee_code: string;
  assignee_name: string;
  assignee_path: string;
  school_name: string | null;
  canteen_name: string | null;
  camera_name: string | null;
  open_children: number;
  child_count: number;
}

export interface TaskFilter {
  scopePath: string;
  box: 'inbox' | 'outbox' | 'all';
  nodeId: string;
  states?: TaskState[] | undefined;
  overdue?: boolean | undefined;
  countyPath?: string | undefined;
  schoolId?: string | undefined;
  category?: string | undefined;
  q?: string | undefined;
  now: Date;
  page: number;
  pageSize: number;
}

const WORKING = `('${WORKING_STATES.join("','")}')`;

function columns(db: Knex) {
  return [
    't.*',
    'i.code as issuer_code',
    'i.name as issuer_name',
    'i.path as issuer_path',
    'a.code as assignee_code',
    'a.name as assignee_name',
    'a.path as assignee_path',
    's.name as school_name',
    'cn.name as canteen_name',
    'cm.name as camera_name',
    db.raw(`(SELECT count(*) FROM tasks c WHERE c.parent_id = t.id AND c.state NOT IN ('closed','cancelled')) AS open_children`),
    db.raw('(SELECT count(*) FROM tasks c WHERE c.parent_id = t.id) AS child_count'),
  ];
}

function joined(db: Knex) {
  return db('tasks as t')
    .join('jurisdictions as i', 'i.id', 't.issuer_node_id')
    .join('jurisdictions as a', 'a.id', 't.assignee_node_id')
    .leftJoin('schools as s', 's.id', 't.school_id')
    .leftJoin('canteens as cn', 'cn.id', 't.canteen_id')
    .leftJoin('cameras as cm', 'cm.id', 't.camera_id');
}

/** What the alert a task was made from shows the school: what was seen, how often, when, and the snapshot. */
export async function taskEvidence(db: Knex, alertId: string | null) {
  if (!alertId) return null;
  return (await db('alerts').where({ id: alertId }).first('id', 'category', 'count', 'first_seen_at', 'last_seen_at', 'snapshot_id')) as
    { id: string; category: AlertCategory; count: number; first_seen_at: Date; last_seen_at: Date; snapshot_id: string | null } | undefined;
}

/** An overdue task (still owed, past its deadline) sorts first; then by deadline, soonest first. */
export async function listTasks(db: Knex, filter: TaskFilter): Promise<Page<TaskListRow>> {
  const base = whereWithin(joined(db), 't.scope_path', filter.scopePath);
  if (filter.box === 'inbox') void base.where('t.assignee_node_id', filter.nodeId);
  if (filter.box === 'outbox') void base.where('t.issuer_node_id', filter.nodeId);
  if (filter.states?.length) void base.whereIn('t.state', filter.states);
  if (filter.overdue !== undefined) {
    // Still owed and past its deadline, as the overdue count has it: a task closed late is not overdue now.
    const overdue = `(t.state IN ${WORKING} AND (t.overdue_at IS NOT NULL OR t.deadline < ?))`;
    void (filter.overdue ? base.whereRaw(overdue, [filter.now]) : base.whereRaw(`NOT ${overdue}`, [filter.now]));
  }
  if (filter.countyPath) void whereWithin(base, 't.scope_path', filter.countyPath);
  if (filter.schoolId) void base.where('t.school_id', filter.schoolId);
  if (filter.category) void base.where('t.category', filter.category);
  if (filter.q) {
    const like = likeContaining(filter.q);
    void base.where((q) => void q.where('t.title', 'like', like).orWhere('t.code', 'like', like).orWhere('s.name', 'like', like));
  }
  return paginate<TaskListRow>(base, filter, (page) =>
    page
      .orderByRaw(`(t.state IN ${WORKING} AND t.deadline < ?) DESC`, [filter.now])
      .orderByRaw(`(t.state IN ('closed','cancelled')) ASC`)
      .orderBy('t.deadline', 'asc')
      .orderBy('t.id', 'asc')
      .select(columns(db)),
  );
}

export async function getTask(db: Knex, id: string): Promise<TaskListRow | undefined> {
  return (await joined(db).where('t.id', id).first(columns(db))) as TaskListRow | undefined;
}

export async function findTaskNode(db: Knex, id: string): Promise<{ path: string } | undefined> {
  const row = (await db('tasks').where({ id }).first('scope_path')) as { scope_path: string } | undefined;
  return row ? { path: row.scope_path } : undefined;
}

export async function listChildren(db: Knex, parentId: string): Promise<TaskListRow[]> {
  return (await joined(db).where('t.parent_id', parentId).orderBy('a.code').select(columns(db))) as TaskListRow[];
}

export async function listTimeline(db: Knex, taskId: string): Promise<TaskEventRow[]> {
  return (await db('task_events').where({ task_id: taskId }).orderBy('id').select('*')) as TaskEventRow[];
}

export async function countByState(
  db: Knex,
  filter: Pick<TaskFilter, 'scopePath' | 'box' | 'nodeId' | 'now'>,
): Promise<Record<TaskState | 'overdue', number>> {
  const base = whereWithin(db('tasks as t'), 't.scope_path', filter.scopePath);
  if (filter.box === 'inbox') void base.where('t.assignee_node_id', filter.nodeId);
  if (filter.box === 'outbox') void base.where('t.issuer_node_id', filter.nodeId);
  const rows = (await base.clone().groupBy('t.state').select('t.state').count({ n: '*' })) as Array<{ state: TaskState; n: number }>;
  const [overdue] = (await base
    .clone()
    .whereRaw(`t.state IN ${WORKING} AND (t.deadline < ? OR t.overdue_at IS NOT NULL)`, [filter.now])
    .count({ n: '*' })) as Array<{ n: number }>;
  const counts = { dispatched: 0, accepted: 0, submitted: 0, returned: 0, closed: 0, cancelled: 0, overdue: Number(overdue?.n ?? 0) };
  for (const row of rows) counts[row.state] = Number(row.n);
  return counts;
}
