// County assessment and the bulletin for the Chengde data set with a year of made-up history, on PGlite and
// PostgreSQL. The fixture has no activity, so the benchmark writes twelve months of it set-based: patrols
// about every two weeks per canteen, alerts (most triaged, some late or never), a rectification task per
// canteen and month, complaints, and the daily and weekly ledger entries of every school on most school days.
// Measured: the assessment of all 11 counties for a quarter (with the previous quarter for the change), one
// county's schools, the drill-down to the failed patrols, and a whole bulletin build (figures, PDF, XLSX).
// Run: npx tsx bench/assessment.ts [--db=pglite,postgres] [--canteens=1200]
import { performance } from 'node:perf_hooks';
import type { Knex } from 'knex';
import { parsePeriod, periodContaining } from '../analytics/assessment';
import { shanghaiDateOf } from '../analytics/calendar';
import { assessScope } from '../server/assessment/assess';
import { indicatorRecords } from '../server/assessment/records';
import { ensureDefaultChecklists } from '../server/patrol/commands/ensureDefaultChecklists';
import { systemActor } from '../server/policy/actor';
import { buildBulletin, requestBulletin } from '../server/reports/commands/buildBulletin';
import type { BulletinNode } from '../server/reports/content';
import { median, openBenchDb } from './support/bench-db';

const ROUNDS = 5;
const BULLETIN_ROUNDS = 3;
const DAYS = 365;

const arg = (name: string, fallback: string) =>
  (process.argv.find((value) => value.startsWith(`--${name}=`))?.split('=')[1] ?? fallback).split(',').filter(Boolean);
const kinds = arg('db', 'pglite,postgres') as Array<'pglite' | 'postgres'>;
const canteens = Number(arg('canteens', '1200')[0]);

/** A year of deterministic activity up to now, written set-based. */
async function seedYear(db: Knex): Promise<Record<string, number>> {
  await ensureDefaultChecklists(db);
  const city = (await db('jurisdictions').where({ level: 'city' }).first('id')) as { id: string };
  const checklist = (await db('checklists').where({ kind: 'remote_patrol', active: true }).first('id')) as { id: string };
  const h = (expression: string) => `abs(hashtext(${expression}))`;
  await db.raw(
    `INSERT INTO patrol_records (id, canteen_id, school_id, scope_path, operator_id, operator_name, operator_node_id, checklist_id,
                                 result, answers, failed_count, key_failed_count, submitted_at)
     SELECT gen_random_uuid(), c.id, c.school_id, c.scope_path, gen_random_uuid(), 'bench', ?, ?,
            CASE WHEN ${h('c.id::text || g')} % 5 = 0 THEN 'failed' ELSE 'passed' END, '[]'::jsonb,
            CASE WHEN ${h('c.id::text || g')} % 5 = 0 THEN 1 ELSE 0 END, 0,
            now() - make_interval(days => g * 14 + ${h('c.id::text')} % 14)
       FROM canteens c CROSS JOIN generate_series(0, ${Math.floor(DAYS / 14) - 1}) AS g
      WHERE ${h("c.id::text || g || 'skip'")} % 6 <> 0`,
    [city.id, checklist.id],
  );
  await db.raw(
    `INSERT INTO alerts (id, source, category, severity, status, school_id, canteen_id, scope_path, fold_key, first_seen_at, last_seen_at, triaged_at)
     SELECT gen_random_uuid(), 'ai', (ARRAY['no_mask','no_chef_hat','smoking','uncovered_bin','rodent','phone_use'])[1 + ${h("c.id::text || g || 'c'")} % 6],
            'medium', CASE WHEN g % 9 = 0 THEN 'new' WHEN g % 4 = 0 THEN 'dismissed' ELSE 'confirmed' END,
            c.school_id, c.id, c.scope_path, 'bench:' || c.id || ':' || g, at, at,
            CASE WHEN g % 9 = 0 THEN NULL ELSE at + make_interval(hours => ${h("c.id::text || g || 'h'")} % 40) END
       FROM canteens c CROSS JOIN generate_series(0, ${Math.floor(DAYS / 7) - 1}) AS g
       CROSS JOIN LATERAL (SELECT now() - make_interval(days => g * 7 + ${h('c.id::text')} % 7, hours => g % 10) AS at) t`,
  );
  await db.raw(
    `INSERT INTO tasks (id, code, title, source, category, state, issuer_node_id, assignee_node_id, assignee_level, school_id, canteen_id,
                        scope_path, deadline, remind_at, closed_at, created_at)
     SELECT gen_random_uuid(), 'BENCH-' || c.id || '-' || g, '整改', 'manual', 'no_mask',
            CASE WHEN ${h("c.id::text || g || 't'")} % 6 = 0 THEN 'accepted' ELSE 'closed' END,
            ?, s.jurisdiction_id, 'school', c.school_id, c.id, c.scope_path, due, due - interval '1 day',
            CASE WHEN ${h("c.id::text || g || 't'")} % 6 = 0 THEN NULL
                 ELSE due + make_interval(hours => ${h("c.id::text || g || 'l'")} % 72 - 60) END,
            due - interval '3 days'
       FROM canteens c JOIN schools s ON s.id = c.school_id CROSS JOIN generate_series(0, 11) AS g
       CROSS JOIN LATERAL (SELECT now() - make_interval(days => g * 30 + ${h('c.id::text')} % 30) AS due) t`,
    [city.id],
  );
  await db.raw(
    `INSERT INTO complaints (id, tracking_code, school_id, scope_path, category, text, status, created_at)
     SELECT gen_random_uuid(), 'BENCH-' || s.id || '-' || g, s.id, s.scope_path, 'hygiene', '饭菜有异物',
            CASE WHEN ${h("s.id::text || g || 'p'")} % 3 = 0 THEN 'received' ELSE 'closed' END,
            now() - make_interval(days => g * 30 + ${h('s.id::text')} % 30)
       FROM schools s CROSS JOIN generate_series(0, 11) AS g WHERE ${h("s.id::text || g || 'q'")} % 4 = 0`,
  );
  await db.raw(`UPDATE cameras SET status = CASE WHEN ${h('id::text')} % 20 = 0 THEN 'offline' ELSE 'online' END`);
  // The four daily ledgers on 9 school days in 10, and the two weekly ones on the Wednesday of most weeks.
  await db.raw(
    `INSERT INTO ledger_entries (id, school_id, scope_path, kind, entry_date, payload)
     SELECT gen_random_uuid(), s.id, s.scope_path, k.kind, d::date, '{}'::jsonb
       FROM schools s
       CROSS JOIN generate_series((now() AT TIME ZONE 'Asia/Shanghai')::date - ${DAYS}, (now() AT TIME ZONE 'Asia/Shanghai')::date - 1, interval '1 day') AS d
       CROSS JOIN (VALUES ('morning_check'), ('menu'), ('food_sample'), ('disinfection'), ('meal_accompaniment'), ('self_inspection')) AS k(kind)
      WHERE extract(isodow FROM d) <= 5
        AND CASE WHEN k.kind IN ('meal_accompaniment', 'self_inspection') THEN extract(isodow FROM d) = 3 AND ${h('s.id::text || d::text || k.kind')} % 8 <> 0
                 ELSE ${h('s.id::text || d::text || k.kind')} % 10 <> 0 END`,
  );
  const count = async (table: string) => Number(((await db(table).count({ n: '*' })) as Array<{ n: number }>)[0]!.n);
  return {
    schools: await count('schools'),
    canteens: await count('canteens'),
    patrols: await count('patrol_records'),
    alerts: await count('alerts'),
    tasks: await count('tasks'),
    complaints: await count('complaints'),
    ledgerEntries: await count('ledger_entries'),
  };
}

async function time<T>(work: () => Promise<T>): Promise<[number, T]> {
  const started = performance.now();
  const value = await work();
  return [performance.now() - started, value];
}

async function repeat(rounds: number, work: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < rounds; i += 1) times.push((await time(work))[0]);
  return Math.round(median(times));
}

async function run(kind: 'pglite' | 'postgres') {
  const seedStarted = performance.now();
  const bench = await openBenchDb(kind, canteens);
  const seeded = await seedYear(bench.database.knex);
  const seedS = Math.round((performance.now() - seedStarted) / 100) / 10;
  const { ctx } = bench;
  await ctx.db.raw('ANALYZE');

  // The last quarter that has ended, and its predecessor for the change: both inside the year of history.
  const quarter = parsePeriod(parsePeriod(periodContaining('quarter', shanghaiDateOf(new Date()))).previousId);
  const city = (await ctx.db('jurisdictions').where({ level: 'city' }).first('id', 'code', 'name', 'level', 'path')) as BulletinNode;
  const county = (await ctx.db('jurisdictions').where({ level: 'county' }).orderBy('code').first('path')) as { path: string };

  const [firstMs, first] = await time(() => assessScope(ctx.db, { scopePath: city.path, periodId: quarter.id, level: 'county' }));
  const countiesMs = await repeat(ROUNDS, () => assessScope(ctx.db, { scopePath: city.path, periodId: quarter.id, level: 'county' }));
  const schoolsMs = await repeat(ROUNDS, () => assessScope(ctx.db, { scopePath: county.path, periodId: quarter.id, level: 'school' }));
  const yearMs = await repeat(3, () => assessScope(ctx.db, { scopePath: city.path, periodId: quarter.id.slice(0, 4), level: 'county' }));
  const drillMs = await repeat(ROUNDS, () =>
    indicatorRecords(ctx.db, { scopePath: city.path, period: quarter, indicator: 'patrol_pass', met: false, limit: 200 }),
  );
  const bulletinMs = await repeat(BULLETIN_ROUNDS, async () => {
    const { bulletin } = await requestBulletin(ctx, { actor: systemActor('bench') }, { node: city, periodId: quarter.id });
    const built = await buildBulletin(ctx, bulletin.id);
    if (built.status !== 'ready') throw new Error(`bulletin ${built.status}: ${built.error}`);
  });
  const last = (await ctx.db('bulletins').where({ status: 'ready' }).orderBy('created_at', 'desc').first('pdf_key', 'xlsx_key')) as {
    pdf_key: string;
    xlsx_key: string;
  };
  const sizes = {
    pdfKb: Math.round((await ctx.storage.size(last.pdf_key)) / 1024),
    xlsxKb: Math.round((await ctx.storage.size(last.xlsx_key)) / 1024),
  };
  await bench.close();
  return {
    seeded,
    scores: first.units.map((unit) => `${unit.name} ${unit.score}`).join(', '),
    row: {
      db: kind,
      quarter: quarter.id,
      seedS,
      firstMs: Math.round(firstMs),
      countiesMs,
      schoolsMs,
      yearMs,
      drillMs,
      bulletinMs,
      ...sizes,
    },
  };
}

const results = [];
for (const kind of kinds) results.push(await run(kind));
console.log(
  `Assessment (median of ${ROUNDS}; bulletin of ${BULLETIN_ROUNDS}): counties = all 11 counties for the quarter and the quarter before; ` +
    `schools = one county's schools; year = the counties for the whole year; drill = the failed patrols of the quarter; ` +
    `bulletin = figures + PDF + XLSX of the city's quarter`,
);
console.table(results.map((result) => result.row));
for (const { row, seeded, scores } of results) console.log(`${row.db}: ${JSON.stringify(seeded)}\n  scores: ${scores}`);
