// The jurisdiction boundary over every route, generated from the route table the server publishes: for each
// route, each field through which a request names a record (its x-refs), and each role, a record of that kind
// from another city answers exactly 404 at that field (403 for a role that may never do it, 401 without
// login), while the same request naming a record of the caller's own branch gets past that check. A new route
// is in the matrix by declaring its refs; a route that names records without declaring them fails the check
// that every id-shaped field is declared.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServiceToken } from '../auth/commands/createServiceToken';
import { fillPath, nestedAt, operationsOf, schemaAt, type OpenApiDocument, type OperationEntry } from '../../tests/support/openapi';
import { FOREIGN_COUNTY, HOME_COUNTY, recordsAt, twoCities, type ScopeRecords } from '../../tests/support/scope-records';
import { startTestServer, type TestServer } from '../../tests/support/test-server';
import { systemActor } from './actor';
import { canPerform, type Action } from './policy';
import type { RecordKindName } from './record-kinds';

type Probe = 'city_admin' | 'city_operator' | 'county_operator' | 'school_manager' | 'relay' | 'analytics' | 'public';
const PROBES: Probe[] = ['city_admin', 'city_operator', 'county_operator', 'school_manager', 'relay', 'analytics', 'public'];

describe('scope matrix over every route', () => {
  let t: TestServer;
  let doc: OpenApiDocument;
  let home: ScopeRecords;
  let foreign: ScopeRecords;
  const tokens = {} as Record<Probe, string | undefined>;

  beforeAll(async () => {
    t = await startTestServer({ dataset: twoCities() });
    doc = (await t.request('GET', '/api/openapi.json')).body as OpenApiDocument;
    home = await recordsAt(t, HOME_COUNTY);
    foreign = await recordsAt(t, FOREIGN_COUNTY);
    const homeSchool = t.dataset.schools.find((school) => school.id === home.school)!;
    tokens.city_admin = await t.login('city.admin');
    tokens.city_operator = await t.login('city.duty');
    tokens.county_operator = await t.login(`county.${HOME_COUNTY}`);
    tokens.school_manager = await t.login(`school.${homeSchool.code}`);
    const service = async (kind: 'relay' | 'analytics') =>
      (await createServiceToken(t.server.ctx, { actor: systemActor('test') }, { name: `matrix-${kind}`, kind, scopeCode: '130800' })).token;
    tokens.relay = await service('relay');
    tokens.analytics = await service('analytics');
    tokens.public = undefined;
  });
  afterAll(async () => {
    await t?.close();
  });

  /** The id of a record of that kind in a set, shaped as the field takes it (a county's code or a school's). */
  function idFor(records: ScopeRecords, kind: RecordKindName, entry: OperationEntry, location: string): string {
    if (kind !== 'node') return records[kind];
    return schemaAt(doc, entry.op, location)?.pattern === '^\\d{6}$' ? records.county : records.node;
  }

  /** A request naming `records` at `location` and the caller's own branch at every other path field it needs. */
  function requestFor(entry: OperationEntry, location: string, records: ScopeRecords) {
    const refs = entry.op['x-refs'] ?? {};
    const [part, ...path] = location.split('.');
    const params: Record<string, string> = {};
    for (const parameter of entry.op.parameters ?? []) {
      if (parameter.in !== 'path') continue;
      const at = `params.${parameter.name}`;
      const kind = refs[at] as RecordKindName | undefined;
      if (!kind) throw new Error(`${entry.method} ${entry.path}: path parameter ${parameter.name} names no record`);
      params[parameter.name] = idFor(at === location ? records : home, kind, entry, at);
    }
    const value = idFor(records, refs[location] as RecordKindName, entry, location);
    const query = part === 'query' ? `?${new URLSearchParams({ [path[0]!]: value }).toString()}` : '';
    const body = part === 'body' ? nestedAt(path, value) : entry.op.requestBody?.content['application/json'] ? {} : undefined;
    return { method: entry.method.toUpperCase(), url: fillPath(entry.path, params) + query, body };
  }

  /** Public routes are left out: what the public may see lies in every city alike. */
  const cases = () =>
    operationsOf(doc)
      .filter((entry) => entry.op['x-action'] !== 'public.read')
      .flatMap((entry) => Object.keys(entry.op['x-refs'] ?? {}).map((location) => ({ entry, location })));

  it('covers every route that names a record', () => {
    const covered = new Set(cases().map(({ entry }) => `${entry.method} ${entry.path}`));
    // Every route with a path parameter names a record through it, save those whose parameter is no record
    // with a place in the tree (a checklist, a setting key), and public routes.
    const unnamed = operationsOf(doc)
      .filter((entry) => entry.op['x-action'] !== 'public.read' && (entry.op.parameters ?? []).some((p) => p.in === 'path'))
      .map((entry) => `${entry.method} ${entry.path}`)
      .filter((route) => !covered.has(route));
    expect(unnamed.sort()).toEqual(['get /api/checklists/{id}', 'put /api/settings/{key}']);
    expect(covered.size).toBeGreaterThan(50);
  });

  it('declares every field that takes an id as a ref', () => {
    // A field that takes a uuid or a jurisdiction code names a record: it must be declared, or its scope
    // would go unchecked. Fields that are ids of something without a place in the tree are listed here.
    const notRecords = new Set(['body.idempotencyKey', 'body.checklistId', 'body.payload.checklistId', 'body.frameId', 'query.action']);
    const notScoped = new Set([
      // Checklists are the city's, shared by every node.
      'get /api/checklists/{id} params.id',
      // A patrol plan is a city's: a county names its own city, above it (checked where the plan is chosen).
      'get /api/patrol/plan query.city',
      // The public's tracking code of its own complaint.
      'get /api/public/complaints/{code} params.code',
    ]);
    const undeclared: string[] = [];
    for (const entry of operationsOf(doc)) {
      const refs = entry.op['x-refs'] ?? {};
      const fields = [...(entry.op.parameters ?? []).map((p) => `${p.in === 'path' ? 'params' : 'query'}.${p.name}`), ...idFieldsOf(entry)];
      for (const location of fields) {
        const schema = schemaAt(doc, entry.op, location);
        const takesId = schema?.format === 'uuid' || /\\d\{6/.test(schema?.pattern ?? '');
        const route = `${entry.method} ${entry.path} ${location}`;
        if (takesId && !refs[location] && !notRecords.has(location) && !notScoped.has(route)) {
          undeclared.push(`${entry.method} ${entry.path} ${location}`);
        }
      }
    }
    expect(undeclared).toEqual([]);
  });

  /** Every body field (below objects and arrays) of an operation, as locations. */
  function idFieldsOf(entry: OperationEntry): string[] {
    const found: string[] = [];
    const walk = (location: string, depth: number) => {
      const schema = schemaAt(doc, entry.op, location);
      if (!schema || depth > 6) return;
      const variants = schema.anyOf ?? schema.oneOf ?? [schema];
      for (const variant of variants) {
        for (const key of Object.keys(variant.properties ?? {})) walk(`${location}.${key}`, depth + 1);
        if (variant.items) walk(`${location}.*`, depth + 1);
      }
      if (location !== 'body') found.push(location);
    };
    if (entry.op.requestBody) walk('body', 0);
    return [...new Set(found)];
  }

  it('answers a record of another city exactly 404, at every field, for every role that may act', async () => {
    const failures: string[] = [];
    for (const { entry, location } of cases()) {
      const action = entry.op['x-action'] as Action;
      const probe = requestFor(entry, location, foreign);
      const control = requestFor(entry, location, home);
      for (const who of PROBES) {
        const token = tokens[who];
        const response = await t.request(probe.method, probe.url, { token, body: probe.body });
        const mayAct = who === 'public' ? action === 'public.read' : canPerform(actorOf(who), action);
        const expected = who === 'public' && action !== 'public.read' ? 401 : mayAct ? 404 : 403;
        const what = `${who} ${probe.method} ${entry.path} ${location}`;
        if (response.status !== expected) failures.push(`${what}: ${response.status}, expected ${expected}`);
        else if (expected === 404 && response.body?.error?.details?.field !== location) {
          failures.push(`${what}: 404 not from the scope check of ${location}: ${JSON.stringify(response.body)}`);
        }
        // The same request naming the caller's own branch passes that check (whatever else it then says); a
        // school manager's branch holds no county.
        if (!mayAct || (who === 'school_manager' && control.url.includes(HOME_COUNTY) && !control.url.includes(home.node))) continue;
        const own = await t.request(control.method, control.url, { token, body: control.body });
        if (own.status === 404 && own.body?.error?.details?.field === location) failures.push(`${what}: own record refused`);
      }
    }
    expect(failures).toEqual([]);
  });
});

/** A stand-in actor of a probe's role, for asking the policy what the role may do. */
function actorOf(who: Exclude<Probe, 'public'>) {
  const node = { id: 'n', code: '130800', level: 'city' as const, name: '承德市', path: '/130000/130800/' };
  if (who === 'relay' || who === 'analytics') return { kind: 'service' as const, id: 's', name: who, service: who, node };
  return { kind: 'user' as const, id: 'u', username: who, displayName: who, role: who, node, sessionId: 's' };
}
