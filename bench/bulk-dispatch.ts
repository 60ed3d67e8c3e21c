// Bulk dispatch to 1,000 schools (one batch: 1,000 tasks, their timeline rows and events, in one
// transaction) against one raw multi-row INSERT of 1,000 task rows into a table with the same columns and
// indexes, in the same run, on PGlite and on PostgreSQL. Run: npx tsx bench/bulk-dispatch.ts
import { performance } from 'node:perf_hooks';
import { v7 as uuidv7 } from 'uuid';
import { bulkDispatch } from '../server/tasks/commands/bulkDispatch';
import type { UserActor } from '../server/policy/actor';
import { median, openBenchDb } from './support/bench-db';

const ROUNDS = 7;
const SCHOOLS = 1000;

async function run(kind: 'pglite' | 'postgres') {
  const bench = await openBenchDb(kind);
  const { knex } = bench.database;
  const city = (await knex('jurisdictions').where({ code: '130800' }).first('id', 'code', 'name', 'path', 'level')) as UserActor['node'];
  const user = (await knex('users').where({ username: 'city.duty' }).first('id')) as { id: string };
  const actor: UserActor = {
    kind: 'user',
    id: user.id,
    username: 'city.duty',
    displayName: '值班员',
    role: 'city_operator',
    node: city,
    sessionId: 'bench',
  };
  const schools = bench.dataset.schools.slice(0, SCHOOLS);
  const codes = schools.map((school) => school.code);
  const node = new Map(bench.dataset.jurisdictions.map((j) => [j.code, j]));

  await knex.raw('CREATE TABLE bench_tasks (LIKE tasks INCLUDING ALL)');
  const bulkMs: number[] = [];
  const rawMs: number[] = [];
  for (let round = 0; round < ROUNDS; round += 1) {
    let started = performance.now();
    const result = await bulkDispatch(
      bench.ctx,
      { actor },
      {
        title: `第${round}轮专项检查`,
        description: '',
        target: { kind: 'schools', codes },
        deadlineHours: 72,
        attachmentIds: [],
        idempotencyKey: `bench-${kind}-${round}`,
      },
    );
    bulkMs.push(performance.now() - started);
    if (result.count !== SCHOOLS) throw new Error(`dispatched ${result.count}`);

    const now = new Date();
    const rows = schools.map((school, i) => ({
      id: uuidv7(),
      code: `B${round}-${i}`,
      title: `第${round}轮专项检查`,
      description: '',
      source: 'manual',
      state: 'dispatched',
      issuer_node_id: city.id,
      assignee_node_id: node.get(school.code)!.id,
      assignee_level: 'school',
      school_id: school.id,
      scope_path: school.scopePath,
      deadline: new Date(now.getTime() + 72 * 3_600_000),
      remind_at: new Date(now.getTime() + 48 * 3_600_000),
    }));
    started = performance.now();
    await knex('bench_tasks').insert(rows);
    rawMs.push(performance.now() - started);
  }
  await bench.close();
  // The first round warms caches and JIT; the median of the rest is reported.
  const bulk = median(bulkMs.slice(1));
  const raw = median(rawMs.slice(1));
  return { kind, bulkMs: Math.round(bulk), rawMs: Math.round(raw * 10) / 10, ratio: Math.round((bulk / raw) * 10) / 10 };
}

const results = [];
for (const kind of ['pglite', 'postgres'] as const) results.push(await run(kind));
console.log('Bulk dispatch to 1,000 schools vs one raw multi-row INSERT of 1,000 rows (median of 6 rounds after a warm-up)');
console.table(results);
