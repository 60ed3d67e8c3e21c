// Transport for the school ledgers: a school manager records entries and keeps its staff and supplier
// registers; county and city staff read any school's ledgers in their scope, the warnings that hold, and the
// completeness per school and county. Every write re-evaluates the school's warnings once it has committed.
import { z } from 'zod';
import { addDays, shanghaiDateOf } from '../../analytics/calendar';
import type { DomainContext } from '../context';
import { runInTransaction } from '../db/unit-of-work';
import { conflict, invalidInput, notFound } from '../errors';
import { defineRoute, type AnyRoute, type Refs } from '../http/define-route';
import { findNodeByCode, findSchoolNode } from '../org/queries';
import { IdParams } from '../org/schemas';
import type { Actor } from '../policy/actor';
import { scopePathOf } from '../policy/policy';
import { assertHappened } from '../time';
import { evaluateLedgers, warningsOf } from './commands/evaluateLedgers';
import { recordLedgerEntry } from './commands/recordLedgerEntry';
import { addToRegister, updateRegister, type Register } from './commands/registers';
import { completenessOf } from './completeness';
import { presentEntry, presentStaff, presentSupplier } from './presenters';
import {
  findLedgerSchool,
  getEntry,
  listEntries,
  listStaff,
  listSuppliers,
  schoolAtPath,
  schoolsWithin,
  type StaffRow,
  type SupplierRow,
} from './queries';
import {
  Completeness,
  COMPLETENESS_MAX_DAYS,
  CompletenessQuery,
  DiscardSampleBody,
  LedgerEntry,
  LedgerEntryPage,
  LedgerListQuery,
  NewLedgerEntryBody,
  NewStaffBody,
  NewSupplierBody,
  SchoolQuery,
  Staff,
  StaffUpdateBody,
  Supplier,
  SupplierUpdateBody,
  Warnings,
} from './schemas';

/**
 * The school a ledger route touches: the one named by id, else the actor's own (a school manager's). It is the
 * route's node, so the policy scopes it and the handler gets the row without looking it up again.
 */
async function ledgerSchool({ ctx, actor, schoolId }: { ctx: DomainContext; actor: Actor; schoolId?: string | undefined }) {
  const school = schoolId ? await findLedgerSchool(ctx.db, schoolId) : await schoolAtPath(ctx.db, scopePathOf(actor));
  if (!school && !schoolId) throw invalidInput('Name the school (schoolId)');
  return school && { ...school, path: school.scope_path };
}

/** After a write has committed: the school's warnings as they now stand (a failure here never fails the write). */
async function reevaluate(ctx: DomainContext, schoolId: string): Promise<void> {
  try {
    const school = await findLedgerSchool(ctx.db, schoolId);
    if (school) await evaluateLedgers(ctx, [school]);
  } catch (error) {
    ctx.log.error({ err: error, schoolId }, 'ledger warnings not evaluated');
  }
}

function registerRoutes<Row extends StaffRow | SupplierRow>(spec: {
  register: Register;
  path: string;
  noun: string;
  list: (ctx: DomainContext, schoolId: string) => Promise<Row[]>;
  present: (row: Row) => unknown;
  schema: z.ZodType;
  create: typeof NewStaffBody | typeof NewSupplierBody;
  update: typeof StaffUpdateBody | typeof SupplierUpdateBody;
  columns: (body: Record<string, unknown>) => Record<string, unknown>;
  createRefs: Refs;
}): AnyRoute[] {
  const one = async (ctx: DomainContext, id: string) => {
    const row = (await ctx.db(spec.register).where({ id }).first()) as Row | undefined;
    if (!row) throw notFound(spec.noun);
    return spec.present(row);
  };
  return [
    defineRoute({
      method: 'get',
      path: spec.path,
      summary: `The school's ${spec.noun} register, current first`,
      tags: ['ledgers'],
      action: 'ledger.read',
      query: SchoolQuery,
      refs: { 'query.schoolId': 'school' },
      node: ({ ctx, actor, query }) => ledgerSchool({ ctx, actor, schoolId: query.schoolId }),
      response: z.object({ items: z.array(spec.schema) }),
      handler: async ({ ctx, node }) => {
        const school = node!;
        return { items: (await spec.list(ctx, school.id)).map(spec.present) };
      },
    }),
    defineRoute({
      method: 'post',
      path: spec.path,
      summary: `Add to the school's ${spec.noun} register`,
      tags: ['ledgers'],
      action: 'ledger.write',
      body: spec.create,
      refs: spec.createRefs,
      node: ({ ctx, actor, body }) => ledgerSchool({ ctx, actor, schoolId: body.schoolId }),
      response: spec.schema,
      status: 201,
      handler: async ({ ctx, caller, body, node }) => {
        const school = node!;
        const id = await addToRegister(ctx, caller, spec.register, school, spec.columns(body));
        await reevaluate(ctx, school.id);
        return one(ctx, id);
      },
    }),
    defineRoute({
      method: 'patch',
      path: `${spec.path}/:id`,
      summary: `Change an entry of the ${spec.noun} register (at the version read)`,
      tags: ['ledgers'],
      action: 'ledger.write',
      params: IdParams,
      body: spec.update,
      refs: { 'params.id': spec.register === 'canteen_staff' ? 'staff' : 'supplier' },
      node: 'params.id',
      errors: [409],
      response: spec.schema,
      handler: async ({ ctx, actor, caller, params, body }) => {
        const { version, ...changes } = body;
        const { schoolId } = await updateRegister(
          ctx,
          caller,
          spec.register,
          params.id,
          scopePathOf(actor),
          version,
          spec.columns(changes),
        );
        await reevaluate(ctx, schoolId);
        return one(ctx, params.id);
      },
    }),
  ];
}

/** Only the fields given: `undefined` leaves a column as it is, `null` clears it. */
const given = (pairs: Record<string, unknown>) => Object.fromEntries(Object.entries(pairs).filter(([, value]) => value !== undefined));

export function ledgerRoutes(): AnyRoute[] {
  return [
    defineRoute({
      method: 'post',
      path: '/api/ledgers/entries',
      summary:
        'Record a ledger entry of the school (晨检, 菜谱, 陪餐, 留样, 消毒, 自查, 索证索票, 应急直报); an emergency report alerts the county and the city at once',
      tags: ['ledgers'],
      action: 'ledger.write',
      body: NewLedgerEntryBody,
      refs: {
        'body.schoolId': 'school',
        'body.canteenId': 'canteen',
        'body.attachmentIds.*': 'attachment',
        'body.payload.checked.*.staffId': 'staff',
        'body.payload.unfit.*.staffId': 'staff',
        'body.payload.supplierId': 'supplier',
        'body.payload.certificatePhotoId': 'attachment',
        'body.payload.invoicePhotoId': 'attachment',
      },
      node: ({ ctx, actor, body }) => ledgerSchool({ ctx, actor, schoolId: body.schoolId }),
      response: LedgerEntry,
      otherStatuses: { 200: 'A repeat of the same request (same idempotency key): the record made the first time' },
      status: 201,
      handler: async ({ ctx, caller, body, res, node }) => {
        const school = node!;
        const { id, replayed } = await recordLedgerEntry(ctx, caller, school, body);
        if (replayed) res.status(200);
        else await reevaluate(ctx, school.id);
        return presentEntry((await getEntry(ctx.db, id))!);
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/ledgers/entries',
      summary: "A school's ledger entries, newest day first, optionally of one kind and between two days",
      tags: ['ledgers'],
      action: 'ledger.read',
      query: LedgerListQuery,
      refs: { 'query.schoolId': 'school' },
      node: ({ ctx, actor, query }) => ledgerSchool({ ctx, actor, schoolId: query.schoolId }),
      response: LedgerEntryPage,
      handler: async ({ ctx, query, node }) => {
        const school = node!;
        const page = await listEntries(ctx.db, { ...query, schoolId: school.id });
        return { ...page, items: page.items.map(presentEntry) };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/ledgers/entries/:id',
      summary: 'One ledger entry',
      tags: ['ledgers'],
      action: 'ledger.read',
      params: IdParams,
      refs: { 'params.id': 'ledger_entry' },
      node: 'params.id',
      response: LedgerEntry,
      handler: async ({ ctx, params }) => presentEntry((await getEntry(ctx.db, params.id))!),
    }),
    defineRoute({
      method: 'post',
      path: '/api/ledgers/entries/:id/discard',
      summary: 'Record when a food sample was thrown away (at the version read)',
      tags: ['ledgers'],
      action: 'ledger.write',
      params: IdParams,
      body: DiscardSampleBody,
      refs: { 'params.id': 'ledger_entry' },
      node: 'params.id',
      errors: [409],
      response: LedgerEntry,
      handler: async ({ ctx, caller, params, body }) => {
        assertHappened(body.discardedAt, ctx.now(), 'discardedAt');
        const entry = await runInTransaction(ctx, caller, async (uow) => {
          const row = (await uow.trx('ledger_entries').where({ id: params.id }).forUpdate().first()) as
            | { id: string; kind: string; version: number; payload: Record<string, unknown>; school_id: string; scope_path: string }
            | undefined;
          if (!row || row.kind !== 'food_sample') throw notFound('food sample');
          if (row.version !== body.version) {
            throw conflict('stale_version', 'The sample was changed by someone else; reload and try again', { version: row.version });
          }
          if (Date.parse(body.discardedAt) < Date.parse(String(row.payload.collectedAt))) {
            throw invalidInput('A sample cannot be thrown away before it was taken');
          }
          await uow
            .trx('ledger_entries')
            .where({ id: row.id })
            .update({ payload: JSON.stringify({ ...row.payload, discardedAt: body.discardedAt }), version: row.version + 1 });
          uow.emit({
            type: 'ledger.recorded',
            subject: { type: 'ledger_entry', id: row.id },
            scopePaths: [row.scope_path],
            payload: { id: row.id, schoolId: row.school_id, kind: row.kind },
          });
          uow.audit({ action: 'ledger.discard_sample', targetType: 'ledger_entry', targetId: row.id, scopePath: row.scope_path });
          return row;
        });
        await reevaluate(ctx, entry.school_id);
        return presentEntry((await getEntry(ctx.db, params.id))!);
      },
    }),
    ...registerRoutes<StaffRow>({
      register: 'canteen_staff',
      path: '/api/ledgers/staff',
      noun: 'staff',
      list: (ctx, schoolId) => listStaff(ctx.db, schoolId),
      present: presentStaff,
      schema: Staff,
      create: NewStaffBody,
      createRefs: { 'body.schoolId': 'school', 'body.canteenId': 'canteen' },
      update: StaffUpdateBody,
      columns: (body) =>
        given({
          canteen_id: body.canteenId,
          name: body.name,
          position: body.position,
          health_cert_number: body.healthCertNumber,
          health_cert_expiry: body.healthCertExpiry,
          active: body.active,
        }),
    }),
    ...registerRoutes<SupplierRow>({
      register: 'suppliers',
      path: '/api/ledgers/suppliers',
      noun: 'supplier',
      list: (ctx, schoolId) => listSuppliers(ctx.db, schoolId),
      present: presentSupplier,
      schema: Supplier,
      create: NewSupplierBody,
      createRefs: { 'body.schoolId': 'school' },
      update: SupplierUpdateBody,
      columns: (body) =>
        given({ name: body.name, licence_number: body.licenceNumber, licence_expiry: body.licenceExpiry, active: body.active }),
    }),
    defineRoute({
      method: 'get',
      path: '/api/ledgers/warnings',
      summary: "The ledger warnings that hold for a school now (each also raised once as an alert of source 'ledger')",
      tags: ['ledgers'],
      action: 'ledger.read',
      query: SchoolQuery,
      refs: { 'query.schoolId': 'school' },
      node: ({ ctx, actor, query }) => ledgerSchool({ ctx, actor, schoolId: query.schoolId }),
      response: Warnings,
      handler: async ({ ctx, node }) => {
        const school = node!;
        const warnings = (await warningsOf(ctx, [school])).get(school.id) ?? [];
        return { schoolId: school.id, at: ctx.now().toISOString(), items: warnings };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/ledgers/completeness',
      summary:
        'Ledger completeness per school and per county in scope (or in one county, or of one school) over a period; by default this month to today',
      tags: ['ledgers'],
      action: 'ledger.read',
      query: CompletenessQuery,
      refs: { 'query.schoolId': 'school', 'query.county': 'node' },
      node: ({ ctx, actor, query }) =>
        query.schoolId
          ? findSchoolNode(ctx.db, query.schoolId)
          : query.county
            ? findNodeByCode(ctx.db, query.county)
            : Promise.resolve({ path: scopePathOf(actor) }),
      response: Completeness,
      handler: async ({ ctx, query, node }) => {
        const today = shanghaiDateOf(ctx.now());
        const to = query.to ?? today;
        const from = query.from ?? `${to.slice(0, 8)}01`;
        if (from > to) throw invalidInput('"from" must not be after "to"');
        if (addDays(from, COMPLETENESS_MAX_DAYS) <= to) throw invalidInput(`A period is at most ${COMPLETENESS_MAX_DAYS} days`);
        const scopePath = node!.path;
        const schools = query.schoolId ? [(await findLedgerSchool(ctx.db, query.schoolId))!] : await schoolsWithin(ctx.db, scopePath);
        return completenessOf(ctx.db, scopePath, schools, { from, to }, query.schoolId);
      },
    }),
  ];
}
