// Property-based fuzzing of every route from the server's own OpenAPI document: for every operation and every
// role, requests that are valid but for one thing every schema must refuse (wrong types, missing and unknown
// fields, control characters, huge and empty strings, impossible dates, numbers out of range). No answer may be
// a 5xx; every error has the error shape and a status the document lists for that route; every must-refuse
// change is refused; and nothing at all is written. Bounded to run in well under two minutes.
import fc from 'fast-check';
import type { Knex } from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServiceToken } from '../auth/commands/createServiceToken';
import { systemActor } from '../policy/actor';
import { canPerform, type Action } from '../policy/policy';
import { documentedStatuses, operationsOf, type OpenApiDocument, type OperationEntry } from '../../tests/support/openapi';
import { OpenApiFuzzer } from '../../tests/support/openapi-fuzz';
import { HOME_COUNTY, recordsAt, twoCities } from '../../tests/support/scope-records';
import { startTestServer, type TestServer } from '../../tests/support/test-server';

/** Generated requests per operation (over all roles). */
const RUNS_PER_OPERATION = 100;

type Role = 'city_admin' | 'city_operator' | 'county_operator' | 'school_manager' | 'relay' | 'analytics' | 'public';
const ROLES: Role[] = ['city_admin', 'city_operator', 'county_operator', 'school_manager', 'relay', 'analytics', 'public'];

/** Mostly roles that may perform the action (their requests reach the schemas), sometimes the others. */
function roleFor(action: Action): fc.Arbitrary<Role> {
  const node = { id: 'n', code: '130800', level: 'city' as const, name: '承德市', path: '/130000/130800/' };
  const may = (role: Role) => {
    if (role === 'public') return action === 'public.read';
    if (role === 'relay' || role === 'analytics') return canPerform({ kind: 'service', id: 's', name: role, service: role, node }, action);
    return canPerform({ kind: 'user', id: 'u', username: role, displayName: role, role, node, sessionId: 's' }, action);
  };
  return fc.oneof(...ROLES.map((role) => ({ arbitrary: fc.constant(role), weight: may(role) ? 6 : 1 })));
}

async function rowCounts(db: Knex): Promise<Record<string, number>> {
  const tables = (await db('information_schema.tables')
    .where({ table_schema: 'public', table_type: 'BASE TABLE' })
    .whereNotIn('table_name', ['knex_migrations', 'knex_migrations_lock'])
    .orderBy('table_name')
    .pluck('table_name')) as string[];
  const counts: Record<string, number> = {};
  for (const table of tables) counts[table] = Number(((await db(table).count({ n: '*' })) as Array<{ n: number }>)[0]!.n);
  return counts;
}

describe('every route refuses bad input cleanly', () => {
  let t: TestServer;
  let doc: OpenApiDocument;
  let fuzzer: OpenApiFuzzer;
  let before: Record<string, number>;
  const tokens = {} as Record<Role, string | undefined>;

  beforeAll(async () => {
    // Limits high enough that the fuzzer reaches the schemas of the rate-limited public routes.
    t = await startTestServer({ dataset: twoCities(), env: { COMPLAINTS_PER_HOUR: '10000', LOGIN_RATE_PER_MINUTE: '10000' } });
    doc = (await t.request('GET', '/api/openapi.json')).body as OpenApiDocument;
    const home = await recordsAt(t, HOME_COUNTY);
    fuzzer = new OpenApiFuzzer(doc, home);
    const homeSchool = t.dataset.schools.find((school) => school.id === home.school)!;
    tokens.city_admin = await t.login('city.admin');
    tokens.city_operator = await t.login('city.duty');
    tokens.county_operator = await t.login(`county.${HOME_COUNTY}`);
    tokens.school_manager = await t.login(`school.${homeSchool.code}`);
    for (const kind of ['relay', 'analytics'] as const) {
      tokens[kind] = (
        await createServiceToken(t.server.ctx, { actor: systemActor('test') }, { name: `fuzz-${kind}`, kind, scopeCode: '130800' })
      ).token;
    }
    tokens.public = undefined;
    before = await settledCounts(t.db);
  });
  afterAll(async () => {
    await t?.close();
  });

  const operations = () => operationsOf(doc);

  it('publishes its operations', () => {
    expect(operations().length).toBeGreaterThan(90);
  });

  it('answers every operation for every role without a 5xx, in the documented shape and status', async () => {
    const failures: string[] = [];
    for (const [index, entry] of operations().entries()) {
      if (entry.method !== 'get' && !entry.op.parameters?.length && !entry.op.requestBody) continue;
      await fuzz(entry, index).catch((error: unknown) => failures.push(String((error as Error).cause ?? error).slice(0, 700)));
    }
    expect(failures).toEqual([]);
  }, 300_000);

  async function fuzz(entry: OperationEntry, index: number): Promise<void> {
    const documented = new Set(documentedStatuses(entry.op));
    await fc.assert(
      fc.asyncProperty(roleFor(entry.op['x-action'] as Action), fuzzer.mutated(entry), async (role, request) => {
        const response = await t.request(request.method, request.url, { token: tokens[role], body: request.body });
        const what = `${role} ${request.method} ${request.url.slice(0, 200)} (${request.mutation}) → ${response.status} ${response.text.slice(0, 300)}`;
        // Never a failure of ours; a 503 only where the route says a counterpart may be missing.
        expect(response.status < 500 || (response.status === 503 && documented.has(503)), what).toBe(true);
        expect(documented.has(response.status), `${what}: status not in the OpenAPI document`).toBe(true);
        if (response.status >= 400) {
          expect(response.body, what).toEqual({
            error: expect.objectContaining({ code: expect.any(String), message: expect.any(String) }),
          });
        }
        if (request.mustRefuse) expect(response.status, `${what}: must be refused`).toBeGreaterThanOrEqual(400);
      }),
      { numRuns: RUNS_PER_OPERATION, seed: 20261207 + index, endOnFailure: true },
    );
  }

  it('wrote nothing', async () => {
    const after = await settledCounts(t.db);
    const changed = Object.keys(after).filter((table) => after[table] !== before[table]);
    expect(changed.map((table) => `${table}: ${before[table]} → ${after[table]}`)).toEqual([]);
  });
});

/** Row counts once two readings a moment apart agree (a job of the set-up may still be writing). */
async function settledCounts(db: Knex): Promise<Record<string, number>> {
  let last = await rowCounts(db);
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, 300));
    const now = await rowCounts(db);
    if (JSON.stringify(now) === JSON.stringify(last)) return now;
    last = now;
  }
}
