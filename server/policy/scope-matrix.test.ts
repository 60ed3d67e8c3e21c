// The jurisdiction boundary over every route, generated from the route table the server publishes: for each
// route, each field through which a request names a record (its x-refs), and each role, a record of that kind
// from another city answers exactly 404 at that field (403 for a role that may never do it, 401 without
// login), while the same request naming a record of the caller's own branch gets past that check. The
// province's roles sit above both cities: for them neither city's record is refused at that field. A new route
// is in the matrix by declaring its refs; a route that names records without declaring them fails the check
// that every id-shaped field is declared.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServiceToken } from '../auth/commands/createServiceToken';
import { fillPath, nestedAt, operationsOf, schemaAt, type OpenApiDocument, type OperationEntry } from '../../tests/support/openapi';
import { FOREIGN_COUNTY, HOME_COUNTY, recordsAt, twoCities, type ScopeRecords } from '../../tests/support/scope-records';
import { HEBEI_CODE } from '../../fixtures/chengde';
import { startTestServer, type TestServer } from '../../tests/support/test-server';
import { systemActor } from './actor';
import { canPerform, type Action } from './policy';
import type { RecordKindName } from './record-kinds';

type Probe =
  | 'province_admin'
  | 'province_operator'
  | 'city_admin'
  | 'city_operator'
  | 'county_operator'
  | 'school_manager'
  | 'relay'
  | 'analytics'
  | 'public';
/** The province's roles come last: a request of theirs may change the other city's records. */
const PROBES: Probe[] = [
  'city_admin',
  'city_operator',
  'county_operator',
  'school_manager',
  'relay',
  'analytics',
  'public',
  'province_admin',
  'province_operator',
];
const ABOVE_BOTH_CITIES = new Set<Probe>(['province_admin', 'province_operator']);

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
    tokens.province_admin = await t.login('province.admin');
    tokens.province_operator = await t.login('province.duty');
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

  /** A request naming `records` at `location` and `others` (the caller's own branch) at every other path field it needs. */
  function requestFor(entry: OperationEntry, location: string, records: ScopeRecords, others = home) {
    const refs = entry.op['x-refs'] ?? {};
    const [part, ...path] = location.split('.');
    const params: Record<string, string> = {};
    for (const parameter of entry.op.parameters ?? []) {
      if (parameter.in !== 'path') continue;
      const at = `params.${parameter.name}`;
      const kind = refs[at] as RecordKindName | undefined;
      if (!kind) throw new Error(`${entry.method} ${entry.path}: path parameter ${parameter.name} names no record`);
      params[parameter.name] = idFor(at === location ? records : others, kind, entry, at);
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

  it('lists at four levels: the province both cities, a city, a county and a school only their own', async () => {
    const lists = [
      ['/api/alerts', 'alert'],
      ['/api/tasks', 'task'],
      ['/api/complaints', 'complaint'],
      ['/api/patrol/records', 'patrol_record'],
      ['/api/bulletins', 'bulletin'],
    ] as const;
    const sees: Array<[Probe, { home: boolean; foreign: boolean }]> = [
      ['province_operator', { home: true, foreign: true }],
      ['province_admin', { home: true, foreign: true }],
      ['city_operator', { home: true, foreign: false }],
      ['county_operator', { home: true, foreign: false }],
      ['school_manager', { home: true, foreign: false }],
    ];
    const seen: string[] = [];
    for (const [path, kind] of lists) {
      for (const [who] of sees) {
        const response = await t.request('GET', path, { token: tokens[who] });
        if (response.status === 403) continue;
        const ids = new Set((response.body.items as Array<{ id: string }>).map((item) => item.id));
        seen.push(`${who} ${path} home:${ids.has(home[kind])} foreign:${ids.has(foreign[kind])}`);
      }
    }
    const expected = lists.flatMap(([path]) =>
      sees
        .filter(([who]) => seen.some((line) => line.startsWith(`${who} ${path} `)))
        .map(([who, what]) => `${who} ${path} home:${what.home} foreign:${what.foreign}`),
    );
    expect(seen).toEqual(expected);
    // Every level took part: the province and the city in every list.
    expect(seen.filter((line) => line.startsWith('province_operator ')).length).toBe(lists.length);
    expect(seen.filter((line) => line.startsWith('city_operator ')).length).toBe(lists.length);
  });

  it('answers a record of another city exactly 404, at every field, for every role that may act; the province none', async () => {
    const failures: string[] = [];
    const refusedAt = (response: { status: number; body: any }, location: string) =>
      response.status === 403 || (response.status === 404 && response.body?.error?.details?.field === location);
    for (const { entry, location } of cases()) {
      const action = entry.op['x-action'] as Action;
      const probe = requestFor(entry, location, foreign);
      const control = requestFor(entry, location, home);
      // The other city's record with the rest of the request in that city too (a device and its channel).
      const elsewhere = requestFor(entry, location, foreign, foreign);
      for (const who of PROBES) {
        const token = tokens[who];
        const mayAct = who === 'public' ? action === 'public.read' : canPerform(actorOf(who), action);
        const what = `${who} ${probe.method} ${entry.path} ${location}`;
        if (ABOVE_BOTH_CITIES.has(who) && mayAct) {
          // The other city is the province's too.
          const response = await t.request(elsewhere.method, elsewhere.url, { token, body: elsewhere.body });
          if (refusedAt(response, location)) failures.push(`${what}: a city of the province refused: ${response.status}`);
        } else {
          const response = await t.request(probe.method, probe.url, { token, body: probe.body });
          const expected = who === 'public' && action !== 'public.read' ? 401 : mayAct ? 404 : 403;
          if (response.status !== expected) failures.push(`${what}: ${response.status}, expected ${expected}`);
          else if (expected === 404 && response.body?.error?.details?.field !== location) {
            failures.push(`${what}: 404 not from the scope check of ${location}: ${JSON.stringify(response.body)}`);
          }
        }
        // The same request naming the caller's own branch passes that check (whatever else it then says); a
        // school manager's branch holds no county.
        if (!mayAct || (who === 'school_manager' && control.url.includes(HOME_COUNTY) && !control.url.includes(home.node))) continue;
        const own = await t.request(control.method, control.url, { token, body: control.body });
        if (own.status === 404 && own.body?.error?.details?.field === location) failures.push(`${what}: own record refused`);
      }
    }
    expect(failures).toEqual([]);
    // Two requests for every field, role and route: minutes on a busy machine.
  }, 600_000);
});

/** A stand-in actor of a probe's role, for asking the policy what the role may do. */
function actorOf(who: Exclude<Probe, 'public'>) {
  const node = ABOVE_BOTH_CITIES.has(who)
    ? { id: 'p', code: HEBEI_CODE, level: 'province' as const, name: '河北省', path: `/${HEBEI_CODE}/` }
    : { id: 'n', code: '130800', level: 'city' as const, name: '承德市', path: '/130000/130800/' };
  if (who === 'relay' || who === 'analytics') return { kind: 'service' as const, id: 's', name: who, service: who, node };
  return { kind: 'user' as const, id: 'u', username: who, displayName: who, role: who, node, sessionId: 's' };
}
