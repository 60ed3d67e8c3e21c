// The task workflow of DESIGN.md in one table: (state, action, relation to the task, role) → next state.
// 挂账督办 → 销号整改: dispatched → accepted (签收) → submitted (rectification) → closed (销号) or returned
// (退回, to be submitted again). A county forwards a city task to its schools as child tasks; the parent can
// be submitted and closed only once its children are. Remind (催办) and comment change no state.
import type { UserRole } from '../policy/actor';
import { COMMAND } from '../policy/policy';
import type { TaskRelation } from '../policy/relations';

export const TASK_STATES = ['dispatched', 'accepted', 'submitted', 'returned', 'closed', 'cancelled'] as const;
export type TaskState = (typeof TASK_STATES)[number];
export const OPEN_STATES: readonly TaskState[] = ['dispatched', 'accepted', 'submitted', 'returned'];
/** States in which the assignee still owes work; only these can become overdue. */
export const WORKING_STATES: readonly TaskState[] = ['dispatched', 'accepted', 'returned'];

export const TASK_ACTIONS = ['accept', 'forward', 'submit', 'approve', 'return', 'cancel', 'remind', 'comment'] as const;
export type TaskAction = (typeof TASK_ACTIONS)[number];

/** Those who issue and review: the command rooms (province and city) and the county desks. */
const OPERATORS: readonly UserRole[] = [...COMMAND, 'county_operator'];
const ASSIGNEES: readonly UserRole[] = ['county_operator', 'school_manager'];
const EVERYONE: readonly UserRole[] = [...OPERATORS, 'school_manager'];

export interface Transition {
  from: readonly TaskState[];
  action: TaskAction;
  by: readonly TaskRelation[];
  roles: readonly UserRole[];
  /** The next state; `null` keeps the current one. */
  to: TaskState | null;
}

export const TRANSITIONS: readonly Transition[] = [
  { from: ['dispatched'], action: 'accept', by: ['assignee'], roles: ASSIGNEES, to: 'accepted' },
  { from: ['dispatched', 'accepted', 'returned'], action: 'forward', by: ['assignee'], roles: ['county_operator'], to: 'accepted' },
  { from: ['accepted', 'returned'], action: 'submit', by: ['assignee'], roles: ASSIGNEES, to: 'submitted' },
  { from: ['submitted'], action: 'approve', by: ['issuer'], roles: OPERATORS, to: 'closed' },
  { from: ['submitted'], action: 'return', by: ['issuer'], roles: OPERATORS, to: 'returned' },
  { from: OPEN_STATES, action: 'cancel', by: ['issuer'], roles: OPERATORS, to: 'cancelled' },
  { from: OPEN_STATES, action: 'remind', by: ['issuer', 'supervisor'], roles: OPERATORS, to: null },
  { from: TASK_STATES, action: 'comment', by: ['issuer', 'assignee', 'supervisor'], roles: EVERYONE, to: null },
];

export interface TransitionContext {
  state: TaskState;
  role: UserRole;
  relations: readonly TaskRelation[];
  /** A forwarded task's children that are neither closed nor cancelled. */
  openChildren: number;
  assigneeLevel: 'county' | 'school';
}

/** Rules beyond the table, each with the reason it refuses. */
function blockedBy(action: TaskAction, context: TransitionContext): string | null {
  if ((action === 'submit' || action === 'approve') && context.openChildren > 0) return 'children_open';
  if (action === 'forward' && context.assigneeLevel !== 'county') return 'only_counties_forward';
  return null;
}

export function findTransition(action: TaskAction, context: TransitionContext): Transition | undefined {
  return TRANSITIONS.find(
    (t) =>
      t.action === action &&
      t.from.includes(context.state) &&
      t.roles.includes(context.role) &&
      t.by.some((relation) => context.relations.includes(relation)) &&
      blockedBy(action, context) === null,
  );
}

export function allowedActions(context: TransitionContext): TaskAction[] {
  return TASK_ACTIONS.filter((action) => findTransition(action, context) !== undefined);
}

/** Why an action is refused: a rule beyond the table, or simply not allowed here. */
export function refusal(action: TaskAction, context: TransitionContext): string {
  const inTable = TRANSITIONS.some(
    (t) =>
      t.action === action &&
      t.from.includes(context.state) &&
      t.roles.includes(context.role) &&
      t.by.some((r) => context.relations.includes(r)),
  );
  return inTable ? (blockedBy(action, context) ?? 'illegal_transition') : 'illegal_transition';
}
