// Transport for network patrol: checklists, today's plan, patrol records and pass rates.
import { z } from 'zod';
import { v7 as uuidv7 } from 'uuid';
import type { DomainContext } from '../context';
import { runInTransaction } from '../db/unit-of-work';
import { invalidInput, notFound } from '../errors';
import { defineRoute, type AnyRoute } from '../http/define-route';
import { IdParams } from '../org/schemas';
import { codesOfPath } from '../policy/actor';
import { assertUser, requireScopedActor, scopePathOf } from '../policy/policy';
import { addDays, shanghaiDate, startOfShanghaiDay } from '../time';
import { ensureDailyPlan, type PlanNode } from './commands/ensureDailyPlan';
import { submitPatrolRecord } from './commands/submitPatrolRecord';
import {
  getChecklist,
  getRecord,
  listChecklists,
  listRecords,
  passRates,
  planItems,
  type ChecklistRow,
  type PatrolRecordRow,
} from './queries';
import {
  Checklist,
  NewChecklistBody,
  PatrolRecord,
  PatrolRecordBody,
  Plan,
  PlanQuery,
  RecordListQuery,
  RecordPage,
  Stats,
  StatsQuery,
} from './schemas';

const presentChecklist = (row: ChecklistRow) => ({
  id: row.id,
  code: row.code,
  version: row.version,
  name: row.name,
  kind: row.kind,
  active: row.active,
  content: row.content,
});

const presentRecord = (row: PatrolRecordRow) => ({
  id: row.id,
  canteen: { id: row.canteen_id, name: row.canteen_name },
  school: { id: row.school_id, name: row.school_name },
  operator: row.operator_name,
  checklistId: row.checklist_id,
  result: row.result,
  failedCount: row.failed_count,
  keyFailedCount: row.key_failed_count,
  answers: row.answers,
  note: row.note,
  startedAt: row.started_at?.toISOString() ?? null,
  submittedAt: row.submitted_at.toISOString(),
});

const rate = (passed: number, total: number) => (total > 0 ? Math.round((passed / total) * 10000) / 100 : null);

/**
 * The node whose plan an actor works on: their own city (a county's or a school's above them), the province's
 * own plan for a province user, or the city one names from above.
 */
async function planNodeOf(ctx: DomainContext, actorPath: string, requested: string | undefined): Promise<PlanNode> {
  const node = (await (
    requested
      ? ctx.db('jurisdictions').where({ code: requested, level: 'city' })
      : ctx
          .db('jurisdictions')
          .whereIn('code', codesOfPath(actorPath))
          .whereIn('level', ['province', 'city'])
          .orderByRaw(`CASE level WHEN 'city' THEN 0 ELSE 1 END`)
  ).first('id', 'path', 'level')) as PlanNode | undefined;
  if (!node || !(node.path.startsWith(actorPath) || actorPath.startsWith(node.path))) {
    if (!requested) throw invalidInput('Name the city whose plan you want (?city=)');
    throw notFound('city');
  }
  return node;
}

export function patrolRoutes(): AnyRoute[] {
  return [
    defineRoute({
      method: 'get',
      path: '/api/checklists',
      summary: 'The checklists in use (inspection and remote patrol), with their sections and items',
      tags: ['patrol'],
      action: 'checklist.read',
      node: 'actor',
      response: z.object({ items: z.array(Checklist) }),
      handler: async ({ ctx }) => ({ items: (await listChecklists(ctx.db)).map(presentChecklist) }),
    }),
    defineRoute({
      method: 'get',
      path: '/api/checklists/:id',
      summary: 'One checklist (also a retired version, for reading old records)',
      tags: ['patrol'],
      action: 'checklist.read',
      node: 'actor',
      params: IdParams,
      response: Checklist,
      handler: async ({ ctx, params }) => {
        const row = await getChecklist(ctx.db, params.id);
        if (!row) throw notFound('checklist');
        return presentChecklist(row);
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/checklists',
      summary: 'Publish a checklist, or a new version of one (the previous version is retired)',
      tags: ['patrol'],
      action: 'checklist.manage',
      node: 'actor',
      body: NewChecklistBody,
      response: Checklist,
      status: 201,
      handler: async ({ ctx, caller, body }) => {
        const id = uuidv7();
        await runInTransaction(ctx, caller, async (uow) => {
          await uow.trx.raw('SELECT pg_advisory_xact_lock(hashtext(?))', [`checklist:${body.code}`]);
          const [latest] = (await uow.trx('checklists').where({ code: body.code }).max({ v: 'version' })) as Array<{ v: number | null }>;
          await uow.trx('checklists').where({ code: body.code }).update({ active: false });
          await uow.trx('checklists').insert({
            id,
            code: body.code,
            version: (latest?.v ?? 0) + 1,
            name: body.name,
            kind: body.kind,
            content: JSON.stringify(body.content),
            active: true,
          });
          uow.audit({ action: 'checklist.publish', targetType: 'checklist', targetId: id, details: { code: body.code } });
        });
        return presentChecklist((await getChecklist(ctx.db, id))!);
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/patrol/plan',
      summary: "Today's (or a day's) patrol plan, the part of it in your jurisdiction, with progress",
      tags: ['patrol'],
      action: 'patrol.read',
      query: PlanQuery,
      node: 'actor',
      response: Plan,
      handler: async ({ ctx, actor, query }) => {
        const scope = scopePathOf(actor);
        const node = await planNodeOf(ctx, scope, query.city);
        const date = query.date ?? shanghaiDate(ctx.now());
        if (date > shanghaiDate(ctx.now())) throw invalidInput('Plans are made for today and kept for past days');
        const plan = await ensureDailyPlan(ctx, node, date);
        const items = await planItems(ctx.db, plan.id, scope.startsWith(node.path) ? scope : node.path);
        return {
          plan,
          done: items.filter((item) => item.status === 'done').length,
          total: items.length,
          items: items.map((item) => ({
            id: item.id,
            position: item.position,
            priority: item.priority,
            reasons: item.reasons,
            status: item.status,
            result: item.result,
            recordId: item.record_id,
            canteen: { id: item.canteen_id, name: item.canteen_name },
            school: { id: item.school_id, name: item.school_name },
            county: { code: item.county_code, name: item.county_name },
            city: { code: item.city_code, name: item.city_name },
            risk: item.risk_grade === null ? null : { grade: item.risk_grade, score: Number(item.risk_score) },
          })),
        };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/patrol/records',
      summary: 'Record a patrol of a canteen with the checklist answers; failed items raise tasks (key) or alerts',
      tags: ['patrol'],
      action: 'patrol.perform',
      body: PatrolRecordBody,
      refs: { 'body.canteenId': 'canteen', 'body.answers.*.snapshotIds.*': 'attachment' },
      node: 'body.canteenId',
      response: PatrolRecord,
      otherStatuses: { 200: 'A repeat of the same request (same idempotency key): the record made the first time' },
      status: 201,
      handler: async ({ ctx, actor, caller, body, res }) => {
        assertUser(actor);
        const { id, replayed } = await submitPatrolRecord(ctx, { ...caller, actor }, body);
        if (replayed) res.status(200);
        return presentRecord((await getRecord(ctx.db, id))!);
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/patrol/records',
      summary: 'Patrol records in scope, newest first',
      tags: ['patrol'],
      action: 'patrol.read',
      query: RecordListQuery,
      refs: { 'query.canteen': 'canteen' },
      node: 'actor',
      response: RecordPage,
      handler: async ({ ctx, actor, query }) => {
        const page = await listRecords(ctx.db, {
          scopePath: scopePathOf(actor),
          canteenId: query.canteen,
          result: query.result,
          from: query.from ? startOfShanghaiDay(query.from) : undefined,
          to: query.to ? startOfShanghaiDay(addDays(query.to, 1)) : undefined,
          page: query.page,
          pageSize: query.pageSize,
        });
        return { ...page, items: page.items.map(presentRecord) };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/patrol/records/:id',
      summary: 'One patrol record with its answers',
      tags: ['patrol'],
      action: 'patrol.read',
      params: IdParams,
      refs: { 'params.id': 'patrol_record' },
      node: 'params.id',
      response: PatrolRecord,
      handler: async ({ ctx, params }) => presentRecord((await getRecord(ctx.db, params.id))!),
    }),
    defineRoute({
      method: 'get',
      path: '/api/patrol/stats',
      summary: 'Patrols and pass rate between two dates (inclusive, Asia/Shanghai), by day or by county',
      tags: ['patrol'],
      action: 'patrol.read',
      query: StatsQuery,
      node: 'actor',
      response: Stats,
      handler: async ({ ctx, actor, query }) => {
        const rows = await passRates(
          ctx.db,
          requireScopedActor(actor).node.path,
          startOfShanghaiDay(query.from),
          startOfShanghaiDay(addDays(query.to, 1)),
          query.by,
        );
        const total = rows.reduce((sum, row) => sum + row.total, 0);
        const passed = rows.reduce((sum, row) => sum + row.passed, 0);
        return {
          total,
          passed,
          passRate: rate(passed, total),
          rows: rows.map((row) => ({ ...row, passRate: rate(row.passed, row.total) })),
        };
      },
    }),
  ];
}
