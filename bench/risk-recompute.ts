// Risk recompute for a city (the Chengde data set, ~1,200 canteens) and a province (17,183 canteens, the
// size of Hebei), on PGlite and PostgreSQL. Each database is seeded with the data set plus synthetic evidence
// (patrol records, confirmed and new alerts, overdue tasks, complaints, camera health, canteen staff with
// health certificates, ledger entries) so that every query of the recompute has rows to aggregate. Measured:
// the first full recompute (every grade new: inserts and one event per county), then repeated full recomputes
// (upserts, no grade changes), a top-up of 200 touched canteens, gathering the inputs alone, and the
// patrol-plan candidate query that reads the grades.
// Run: npx tsx bench/risk-recompute.ts [--sizes=1200,17183] [--db=pglite,postgres]
import { performance } from 'node:perf_hooks';
import type { Knex } from 'knex';
import { ensureDefaultChecklists } from '../server/patrol/commands/ensureDefaultChecklists';
import { patrolCandidates } from '../server/patrol/queries';
import { recomputeRisk } from '../server/risk/commands/recomputeRisk';
import { gatherRiskInputs } from '../server/risk/inputs';
import { median, openBenchDb } from './support/bench-db';
import { argList } from './support/args';

const ROUNDS = 5;
const TOUCHED = 200;

const sizes = argList('sizes', '1200,17183').map(Number);
const kinds = argList('db', 'pglite,postgres') as Array<'pglite' | 'postgres'>;

/** Deterministic synthetic evidence, written set-based. */
async function seedEvidence(db: Knex): Promise<Record<string, number>> {
  await ensureDefaultChecklists(db);
  const city = (await db('jurisdictions').where({ level: 'city' }).first('id')) as { id: string };
  const checklist = (await db('checklists').where({ kind: 'remote_patrol', active: true }).first('id')) as { id: string };
  const h = (expression: string) => `abs(hashtext(${expression}))`;
  await db.raw(
    `INSERT INTO patrol_records (id, canteen_id, school_id, scope_path, operator_id, operator_name, operator_node_id, checklist_id,
                                 result, answers, failed_count, key_failed_count, submitted_at)
     SELECT gen_random_uuid(), c.id, c.school_id, c.scope_path, gen_random_uuid(), 'bench', ?, ?,
            CASE WHEN ${h('c.id::text || g')} % 4 = 0 THEN 'failed' ELSE 'passed' END, '[]'::jsonb,
            CASE WHEN ${h('c.id::text || g')} % 4 = 0 THEN 2 ELSE 0 END,
            CASE WHEN ${h('c.id::text || g')} % 8 = 0 THEN 1 ELSE 0 END,
            now() - make_interval(days => g * 17)
       FROM canteens c CROSS JOIN LATERAL generate_series(1, 1 + ${h('c.id::text')} % 4) AS g`,
    [city.id, checklist.id],
  );
  await db.raw(
    `INSERT INTO alerts (id, source, category, severity, status, school_id, canteen_id, scope_path, fold_key, first_seen_at, last_seen_at)
     SELECT gen_random_uuid(), 'ai', (ARRAY['no_mask','no_chef_hat','smoking','uncovered_bin'])[1 + g % 4], 'medium',
            CASE WHEN g % 3 = 0 THEN 'new' WHEN g % 5 = 0 THEN 'dismissed' ELSE 'confirmed' END,
            c.school_id, c.id, c.scope_path, 'bench:' || c.id || ':' || g,
            now() - make_interval(days => g * 7), now() - make_interval(days => g * 7)
       FROM canteens c CROSS JOIN LATERAL generate_series(1, ${h("c.id::text || 'a'")} % 7) AS g`,
  );
  await db.raw(
    `INSERT INTO tasks (id, code, title, source, state, issuer_node_id, assignee_node_id, assignee_level, school_id, canteen_id,
                        scope_path, deadline, remind_at, overdue_at)
     SELECT gen_random_uuid(), 'BENCH-' || c.id, '整改', 'manual',
            CASE WHEN ${h("c.id::text || 't'")} % 2 = 0 THEN 'accepted' ELSE 'closed' END,
            ?, s.jurisdiction_id, 'school', c.school_id, c.id, c.scope_path,
            now() - interval '5 days', now() - interval '6 days', now() - interval '5 days'
       FROM canteens c JOIN schools s ON s.id = c.school_id
      WHERE ${h("c.id::text || 't'")} % 7 = 0`,
    [city.id],
  );
  await db.raw(
    `INSERT INTO complaints (id, tracking_code, school_id, scope_path, category, text, status, founded)
     SELECT gen_random_uuid(), 'BENCH-' || s.id, s.id, s.scope_path, 'hygiene', '饭菜有异物',
            CASE WHEN ${h("s.id::text || 'p'")} % 2 = 0 THEN 'closed' ELSE 'received' END,
            CASE WHEN ${h("s.id::text || 'p'")} % 2 = 0 THEN true ELSE NULL END
       FROM schools s WHERE ${h("s.id::text || 'p'")} % 9 = 0`,
  );
  // The ledgers: 1–4 canteen staff per school (one certificate in ten expired, one in 25 not on record), and
  // for a quarter of the schools the daily ledgers on about nine school days in ten of the last five weeks,
  // the weekly ones once a week.
  await db.raw(
    `INSERT INTO canteen_staff (id, school_id, scope_path, name, position, health_cert_number, health_cert_expiry)
     SELECT gen_random_uuid(), s.id, s.scope_path, '员工' || g, '厨师', 'JK-' || g,
            CASE WHEN ${h("s.id::text || 'h' || g")} % 25 = 0 THEN NULL
                 WHEN ${h("s.id::text || 'h' || g")} % 10 = 0 THEN current_date - 30 ELSE current_date + 200 END
       FROM schools s CROSS JOIN LATERAL generate_series(1, 1 + ${h("s.id::text || 'n'")} % 4) AS g`,
  );
  await db.raw(
    `INSERT INTO ledger_entries (id, school_id, scope_path, kind, entry_date, payload)
     SELECT gen_random_uuid(), s.id, s.scope_path, k.kind, current_date - g, '{}'::jsonb
       FROM schools s CROSS JOIN generate_series(1, 35) AS g
       CROSS JOIN (VALUES ('morning_check', 1), ('menu', 1), ('food_sample', 1), ('disinfection', 1),
                          ('meal_accompaniment', 7), ('self_inspection', 7)) AS k(kind, every)
      WHERE ${h("s.id::text || 'l'")} % 4 = 0 AND extract(isodow FROM current_date - g) < 6 AND g % k.every = 0
        AND ${h('s.id::text || k.kind || g')} % 10 <> 0`,
  );
  await db.raw(`UPDATE cameras SET status = CASE WHEN ${h('id::text')} % 20 = 0 THEN 'offline' ELSE 'online' END`);
  const count = async (table: string) => Number(((await db(table).count({ n: '*' })) as Array<{ n: number }>)[0]!.n);
  return {
    patrols: await count('patrol_records'),
    alerts: await count('alerts'),
    tasks: await count('tasks'),
    complaints: await count('complaints'),
    cameras: await count('cameras'),
    staff: await count('canteen_staff'),
    ledgerEntries: await count('ledger_entries'),
  };
}

const round = (ms: number) => Math.round(ms);

async function time<T>(work: () => Promise<T>): Promise<[number, T]> {
  const started = performance.now();
  const value = await work();
  return [performance.now() - started, value];
}

async function run(kind: 'pglite' | 'postgres', canteens: number) {
  const seedStarted = performance.now();
  const bench = await openBenchDb(kind, canteens);
  const evidence = await seedEvidence(bench.database.knex);
  const seedMs = performance.now() - seedStarted;
  const { ctx } = bench;

  const [firstMs, first] = await time(() => recomputeRisk(ctx));
  const full: number[] = [];
  for (let i = 0; i < ROUNDS; i += 1) full.push((await time(() => recomputeRisk(ctx)))[0]);
  const ids = bench.dataset.canteens.filter((_, i) => i % Math.max(1, Math.floor(bench.dataset.canteens.length / TOUCHED)) === 0);
  const touched: number[] = [];
  for (let i = 0; i < ROUNDS; i += 1)
    touched.push((await time(() => recomputeRisk(ctx, { canteenIds: ids.slice(0, TOUCHED).map((c) => c.id) })))[0]);
  const gather: number[] = [];
  for (let i = 0; i < ROUNDS; i += 1) gather.push((await time(() => gatherRiskInputs(ctx.db, {}, new Date())))[0]);
  const city = (await ctx.db('jurisdictions').where({ level: 'city' }).first('path')) as { path: string };
  const candidates: number[] = [];
  for (let i = 0; i < ROUNDS; i += 1) candidates.push((await time(() => patrolCandidates(ctx.db, city.path, new Date())))[0]);
  await bench.close();
  return {
    evidence:
      `${evidence.patrols} patrols, ${evidence.alerts} alerts, ${evidence.tasks} tasks, ${evidence.complaints} complaints, ` +
      `${evidence.staff} staff, ${evidence.ledgerEntries} ledger entries`,
    grades: `A ${first.byGrade.A} / B ${first.byGrade.B} / C ${first.byGrade.C} / D ${first.byGrade.D}`,
    row: {
      db: kind,
      canteens: first.canteens,
      seedS: Math.round(seedMs / 100) / 10,
      firstMs: round(firstMs),
      fullMs: round(median(full)),
      touchedMs: round(median(touched)),
      gatherMs: round(median(gather)),
      candidatesMs: round(median(candidates)),
    },
  };
}

const results = [];
for (const canteens of sizes) for (const kind of kinds) results.push(await run(kind, canteens));
console.log(
  `Risk recompute (median of ${ROUNDS}): first = every grade new (inserts, one event per county); full = all canteens again ` +
    `(upserts, no change); touched = ${TOUCHED} canteens; gather = the input queries alone; candidates = patrol-plan candidates`,
);
console.table(results.map((result) => result.row));
for (const { row, evidence, grades } of results) console.log(`${row.db} ${row.canteens}: ${evidence}; first grades ${grades}`);
