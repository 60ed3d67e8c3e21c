// Transport for the dispatch desk: dispatch (one or bulk), the inbox and outbox, a task with its timeline,
// and every workflow action through the state machine.
import { z } from 'zod';
import type { DomainContext } from '../context';
import { notFound } from '../errors';
import { defineRoute, type AnyRoute } from '../http/define-route';
import { IdParams } from '../org/schemas';
import type { Actor } from '../policy/actor';
import { assertUser, requireScopedActor } from '../policy/policy';
import { actOnTask, allowedFor } from './commands/actOnTask';
import { bulkDispatch } from './commands/bulkDispatch';
import { dispatchTask } from './commands/dispatchTask';
import { presentEvidence, presentTaskSummary, presentTimelineEntry } from './presenters';
import { countByState, getTask, listChildren, listTasks, listTimeline, taskEvidence } from './queries';
import { ActionBody, BulkBody, DispatchBody, TaskCounts, TaskDetail, TaskListQuery, TaskPage } from './schemas';

async function taskDetail(ctx: DomainContext, actor: Actor, id: string) {
  assertUser(actor);
  const row = await getTask(ctx.db, id);
  if (!row || !row.scope_path.startsWith(actor.node.path)) throw notFound('task');
  const now = ctx.now();
  return {
    ...presentTaskSummary(row, now),
    description: row.description,
    instruction: row.instruction,
    evidence: presentEvidence(await taskEvidence(ctx.db, row.alert_id)),
    canteenId: row.canteen_id,
    complaintId: row.complaint_id,
    patrolRecordId: row.patrol_record_id,
    acceptedAt: row.accepted_at?.toISOString() ?? null,
    submittedAt: row.submitted_at?.toISOString() ?? null,
    closedAt: row.closed_at?.toISOString() ?? null,
    children: (await listChildren(ctx.db, id)).map((child) => presentTaskSummary(child, now)),
    timeline: (await listTimeline(ctx.db, id)).map(presentTimelineEntry),
    allowedActions: await allowedFor(ctx.db, actor, id),
  };
}

export function taskRoutes(): AnyRoute[] {
  return [
    defineRoute({
      method: 'post',
      path: '/api/tasks',
      summary: 'Dispatch a task to a county or a school below you (optionally from an alert)',
      tags: ['tasks'],
      action: 'task.dispatch',
      body: DispatchBody,
      refs: { 'body.assignee': 'node', 'body.canteenId': 'canteen', 'body.alertId': 'alert', 'body.attachmentIds.*': 'attachment' },
      node: 'body.assignee',
      response: TaskDetail,
      otherStatuses: { 200: 'A repeat of the same request (same idempotency key): the record made the first time' },
      status: 201,
      handler: async ({ ctx, actor, caller, body, res }) => {
        assertUser(actor);
        const result = await dispatchTask(ctx, { ...caller, actor }, body);
        if (result.replayed) res.status(200);
        return taskDetail(ctx, actor, result.id);
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/tasks/bulk',
      summary: 'One notice to many schools (a county, a school type, a list, or schools with an open alert of a category)',
      tags: ['tasks'],
      action: 'task.dispatch',
      body: BulkBody,
      refs: {
        'body.target.code': 'node',
        'body.target.county': 'node',
        'body.target.codes.*': 'node',
        'body.attachmentIds.*': 'attachment',
      },
      node: 'actor',
      response: z.object({ batchId: z.uuid(), count: z.number().int(), replayed: z.boolean() }),
      otherStatuses: { 200: 'A repeat of the same request (same idempotency key): the record made the first time' },
      status: 201,
      handler: async ({ ctx, actor, caller, body, res }) => {
        assertUser(actor);
        const result = await bulkDispatch(ctx, { ...caller, actor }, body);
        if (result.replayed) res.status(200);
        return result;
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/tasks',
      summary: 'Tasks in scope: inbox (sent to your node), outbox (sent by it) or all; overdue first, then by deadline',
      tags: ['tasks'],
      action: 'task.read',
      query: TaskListQuery,
      refs: { 'query.county': 'node', 'query.school': 'school' },
      node: 'query.county',
      response: TaskPage,
      handler: async ({ ctx, actor, query, node }) => {
        const scoped = requireScopedActor(actor);
        const now = ctx.now();
        const page = await listTasks(ctx.db, {
          scopePath: scoped.node.path,
          nodeId: scoped.node.id,
          box: query.box,
          states: query.state,
          overdue: query.overdue,
          countyPath: query.county ? node!.path : undefined,
          schoolId: query.school,
          category: query.category,
          q: query.q,
          now,
          page: query.page,
          pageSize: query.pageSize,
        });
        return { ...page, items: page.items.map((row) => presentTaskSummary(row, now)) };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/tasks/counts',
      summary: 'How many tasks are in each state (and overdue), for the inbox, the outbox or everything in scope',
      tags: ['tasks'],
      action: 'task.read',
      query: z.strictObject({ box: z.enum(['inbox', 'outbox', 'all']).default('all') }),
      node: 'actor',
      response: TaskCounts,
      handler: async ({ ctx, actor, query }) => {
        const scoped = requireScopedActor(actor);
        return countByState(ctx.db, { scopePath: scoped.node.path, nodeId: scoped.node.id, box: query.box, now: ctx.now() });
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/tasks/:id',
      summary: 'A task with its timeline, children and the actions you may take',
      tags: ['tasks'],
      action: 'task.read',
      params: IdParams,
      refs: { 'params.id': 'task' },
      node: 'params.id',
      response: TaskDetail,
      handler: ({ ctx, actor, params }) => taskDetail(ctx, actor, params.id),
    }),
    defineRoute({
      method: 'post',
      path: '/api/tasks/:id/actions',
      summary: 'Act on a task: accept, forward, submit, approve, return, cancel, remind or comment',
      tags: ['tasks'],
      action: 'task.act',
      params: IdParams,
      body: ActionBody,
      refs: { 'params.id': 'task', 'body.schools.*': 'node', 'body.attachmentIds.*': 'attachment' },
      node: 'params.id',
      errors: [409],
      response: TaskDetail,
      handler: async ({ ctx, actor, caller, params, body }) => {
        assertUser(actor);
        await actOnTask(ctx, { ...caller, actor }, params.id, body);
        return taskDetail(ctx, actor, params.id);
      },
    }),
  ];
}
