// The workflow table, checked against the rules as a dispatcher would state them.
import { describe, expect, it } from 'vitest';
import type { UserRole } from '../policy/actor';
import type { TaskRelation } from '../policy/relations';
import {
  allowedActions,
  findTransition,
  refusal,
  TASK_ACTIONS,
  TASK_STATES,
  type TaskAction,
  type TaskState,
  type TransitionContext,
} from './state-machine';

const ctx = (state: TaskState, role: UserRole, relations: TaskRelation[], extra: Partial<TransitionContext> = {}): TransitionContext => ({
  state,
  role,
  relations,
  openChildren: 0,
  assigneeLevel: 'school',
  ...extra,
});

const next = (action: TaskAction, context: TransitionContext) => {
  const t = findTransition(action, context);
  return t ? (t.to ?? context.state) : 'refused';
};

describe('task state machine', () => {
  it('walks the main path: dispatched → accepted → submitted → closed', () => {
    expect(next('accept', ctx('dispatched', 'school_manager', ['assignee']))).toBe('accepted');
    expect(next('submit', ctx('accepted', 'school_manager', ['assignee']))).toBe('submitted');
    expect(next('approve', ctx('submitted', 'county_operator', ['issuer']))).toBe('closed');
  });

  it("lets the province's roles issue and review as the city's do, never act as an assignee", () => {
    for (const role of ['province_admin', 'province_operator', 'city_admin', 'city_operator'] as const) {
      expect(next('approve', ctx('submitted', role, ['issuer'])), role).toBe('closed');
      expect(next('return', ctx('submitted', role, ['issuer'])), role).toBe('returned');
      expect(next('remind', ctx('accepted', role, ['supervisor'])), role).toBe('accepted');
      expect(next('comment', ctx('accepted', role, ['supervisor'])), role).toBe('accepted');
      expect(next('accept', ctx('dispatched', role, ['assignee'])), role).toBe('refused');
    }
  });

  it('returns a submission to the assignee, who submits again', () => {
    expect(next('return', ctx('submitted', 'county_operator', ['issuer']))).toBe('returned');
    expect(next('submit', ctx('returned', 'school_manager', ['assignee']))).toBe('submitted');
  });

  it('lets a county forward a task it was given, and only a county', () => {
    expect(next('forward', ctx('dispatched', 'county_operator', ['assignee'], { assigneeLevel: 'county' }))).toBe('accepted');
    expect(next('forward', ctx('accepted', 'county_operator', ['assignee'], { assigneeLevel: 'county' }))).toBe('accepted');
    expect(next('forward', ctx('accepted', 'school_manager', ['assignee']))).toBe('refused');
    expect(next('forward', ctx('submitted', 'county_operator', ['assignee'], { assigneeLevel: 'county' }))).toBe('refused');
  });

  it('keeps a parent open until its children are done', () => {
    const parent = (state: TaskState, role: UserRole, relations: TaskRelation[]) =>
      ctx(state, role, relations, { openChildren: 2, assigneeLevel: 'county' });
    expect(next('submit', parent('accepted', 'county_operator', ['assignee']))).toBe('refused');
    expect(refusal('submit', parent('accepted', 'county_operator', ['assignee']))).toBe('children_open');
    expect(next('approve', parent('submitted', 'city_operator', ['issuer']))).toBe('refused');
    expect(next('submit', ctx('accepted', 'county_operator', ['assignee'], { assigneeLevel: 'county' }))).toBe('submitted');
  });

  it('never lets the assignee approve, return or cancel its own task', () => {
    for (const action of ['approve', 'return', 'cancel'] as const) {
      for (const state of TASK_STATES) {
        expect(next(action, ctx(state, 'school_manager', ['assignee']))).toBe('refused');
        expect(next(action, ctx(state, 'county_operator', ['assignee'], { assigneeLevel: 'county' }))).toBe('refused');
      }
    }
  });

  it('never lets the issuer do the assignee’s work', () => {
    for (const action of ['accept', 'submit', 'forward'] as const) {
      for (const state of TASK_STATES) expect(next(action, ctx(state, 'city_operator', ['issuer']))).toBe('refused');
    }
  });

  it('lets supervisors above remind and comment, nothing else', () => {
    for (const state of TASK_STATES) {
      const allowed = allowedActions(ctx(state, 'city_operator', ['supervisor']));
      expect(allowed.every((action) => action === 'remind' || action === 'comment')).toBe(true);
      expect(allowed).toContain('comment');
    }
  });

  it('ends at closed and cancelled: only comments remain', () => {
    for (const state of ['closed', 'cancelled'] as const) {
      for (const role of ['city_operator', 'county_operator', 'school_manager'] as const) {
        for (const relation of ['issuer', 'assignee', 'supervisor'] as const) {
          expect(allowedActions(ctx(state, role, [relation]))).toEqual(['comment']);
        }
      }
    }
  });

  it('refuses everything to an actor with no relation to the task', () => {
    for (const state of TASK_STATES) for (const action of TASK_ACTIONS) expect(next(action, ctx(state, 'city_admin', []))).toBe('refused');
  });

  it('lists as allowed exactly the actions it would carry out', () => {
    for (const state of TASK_STATES) {
      for (const role of ['city_admin', 'city_operator', 'county_operator', 'school_manager'] as const) {
        for (const relations of [['issuer'], ['assignee'], ['supervisor'], []] as TaskRelation[][]) {
          for (const openChildren of [0, 1]) {
            const context = ctx(state, role, relations, { openChildren, assigneeLevel: role === 'county_operator' ? 'county' : 'school' });
            const allowed = allowedActions(context);
            for (const action of TASK_ACTIONS) expect(allowed.includes(action)).toBe(findTransition(action, context) !== undefined);
          }
        }
      }
    }
  });
});
