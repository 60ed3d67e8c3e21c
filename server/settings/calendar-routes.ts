// Transport for the school calendar (setting calendar.schoolDays) of one jurisdiction: read what is in force
// there and where it comes from; city administrators and county operators keep it at their own node or a node
// beneath it (a county or a school) — a county never reaches another county's (404, like any node out of scope).
// Writes carry the version read, so two administrators editing at once do not silently overwrite each other.
import type { Knex } from 'knex';
import { z } from 'zod';
import { SchoolCalendarSettingSchema } from '../../analytics/calendar';
import type { DomainContext } from '../context';
import { runInTransaction } from '../db/unit-of-work';
import { invalidInput } from '../errors';
import { defineRoute, type AnyRoute } from '../http/define-route';
import { findNodeByCode } from '../org/queries';
import { NodeCode } from '../org/schemas';
import type { Actor, ScopeNode } from '../policy/actor';
import { canPerform, requireScopedActor } from '../policy/policy';
import { SCHOOL_CALENDAR_KEY, schoolCalendarsWithin } from './school-calendars';
import { expectSettingVersion, settingVersion, writeSetting } from './setting-version';

const NodeRef = z.object({ code: z.string(), name: z.string(), level: z.string() });

const SchoolCalendarView = z.object({
  node: NodeRef,
  /** The calendar in force at the node. */
  value: SchoolCalendarSettingSchema,
  /** The node that set it (this one or an ancestor); null: the default, Monday to Friday. */
  definedAt: NodeRef.nullable(),
  /** The calendar the node would have without its own: its parent's. */
  inherited: SchoolCalendarSettingSchema,
  inheritedFrom: NodeRef.nullable(),
  /** The version of the node's own calendar (null when it keeps none): send it back with a change. */
  version: z.string().nullable(),
  /** May the caller change this node's calendar? */
  canEdit: z.boolean(),
});

type View = z.output<typeof SchoolCalendarView>;

/** A province administrator sets the calendar for all its cities, as a city's for its counties. */
const EDITABLE_LEVELS = new Set(['province', 'city', 'county', 'school']);

const nodeRef = (node: Pick<ScopeNode, 'code' | 'name' | 'level'>) => ({ code: node.code, name: node.name, level: node.level });

async function nodeAtPath(db: Knex, path: string) {
  return (await db('jurisdictions').where({ path }).first('code', 'name', 'level')) as Pick<ScopeNode, 'code' | 'name' | 'level'>;
}

async function viewOf(db: Knex, actor: Actor, node: ScopeNode): Promise<View> {
  const calendars = await schoolCalendarsWithin(db, node.path);
  const here = calendars.at(node.path);
  const parentPath = node.path.slice(0, node.path.slice(0, -1).lastIndexOf('/') + 1);
  const above = calendars.at(parentPath);
  return {
    node: nodeRef(node),
    value: here.value,
    definedAt: here.definedAt ? nodeRef(await nodeAtPath(db, here.definedAt)) : null,
    inherited: above.value,
    inheritedFrom: above.definedAt ? nodeRef(await nodeAtPath(db, above.definedAt)) : null,
    version: await settingVersion(db, node.id, SCHOOL_CALENDAR_KEY),
    canEdit: canPerform(actor, 'calendar.manage') && EDITABLE_LEVELS.has(node.level),
  };
}

async function targetNode(ctx: DomainContext, code: string | undefined, actor: Actor): Promise<ScopeNode | undefined> {
  if (code === undefined) return requireScopedActor(actor).node;
  return findNodeByCode(ctx.db, code);
}

async function writeCalendar(
  ctx: DomainContext,
  caller: Parameters<typeof runInTransaction>[1],
  actor: Actor,
  node: ScopeNode,
  version: string | null,
  value: z.output<typeof SchoolCalendarSettingSchema> | null,
): Promise<void> {
  if (!EDITABLE_LEVELS.has(node.level))
    throw invalidInput(`A school calendar is kept by a province, a city, a county or a school, not a ${node.level}`);
  await runInTransaction(ctx, caller, async (uow) => {
    const what = 'The school calendar';
    if (value) {
      const userId = actor.kind === 'user' ? actor.id : null;
      await writeSetting(uow.trx, { nodeId: node.id, key: SCHOOL_CALENDAR_KEY, value, userId, expected: version, what });
    } else {
      await expectSettingVersion(uow.trx, node.id, SCHOOL_CALENDAR_KEY, version, what);
      await uow.trx('jurisdiction_settings').where({ jurisdiction_id: node.id, key: SCHOOL_CALENDAR_KEY }).delete();
    }
    uow.audit({
      action: value ? 'settings.update' : 'settings.remove',
      targetType: 'setting',
      targetId: SCHOOL_CALENDAR_KEY,
      scopePath: node.path,
      details: { node: node.code, value },
    });
    uow.emit({
      type: 'settings.updated',
      subject: { type: 'setting', id: SCHOOL_CALENDAR_KEY },
      scopePaths: [node.path],
      downTo: [node.path],
      payload: { key: SCHOOL_CALENDAR_KEY, node: node.code, value },
    });
  });
  ctx.settings.clear();
}

export function schoolCalendarRoutes(): AnyRoute[] {
  return [
    defineRoute({
      method: 'get',
      path: '/api/school-calendar',
      summary: 'The school calendar in force at your node or one beneath it (`at`: its code), and where it comes from',
      tags: ['settings'],
      action: 'settings.read',
      node: ({ ctx, actor, query }) => targetNode(ctx, query.at, actor),
      query: z.strictObject({ at: NodeCode.optional() }),
      refs: { 'query.at': 'node' },
      response: SchoolCalendarView,
      handler: async ({ ctx, actor, node }) => viewOf(ctx.db, actor, node!),
    }),
    defineRoute({
      method: 'put',
      path: '/api/school-calendar/:code',
      summary: 'Keep the school calendar of a city, county or school in your scope (it applies to every school beneath it)',
      tags: ['settings'],
      action: 'calendar.manage',
      node: ({ ctx, params }) => findNodeByCode(ctx.db, params.code),
      params: z.strictObject({ code: NodeCode }),
      refs: { 'params.code': 'node' },
      errors: [409],
      body: z.strictObject({ value: SchoolCalendarSettingSchema, version: z.string().nullable() }),
      response: SchoolCalendarView,
      handler: async ({ ctx, actor, caller, body, node }) => {
        await writeCalendar(ctx, caller, actor, node!, body.version, body.value);
        return viewOf(ctx.db, actor, node!);
      },
    }),
    defineRoute({
      method: 'delete',
      path: '/api/school-calendar/:code',
      summary: 'Remove the school calendar kept at a node: its schools follow the calendar above it again',
      tags: ['settings'],
      action: 'calendar.manage',
      node: ({ ctx, params }) => findNodeByCode(ctx.db, params.code),
      params: z.strictObject({ code: NodeCode }),
      refs: { 'params.code': 'node' },
      errors: [409],
      query: z.strictObject({ version: z.string() }),
      response: SchoolCalendarView,
      handler: async ({ ctx, actor, caller, query, node }) => {
        await writeCalendar(ctx, caller, actor, node!, query.version, null);
        return viewOf(ctx.db, actor, node!);
      },
    }),
  ];
}
