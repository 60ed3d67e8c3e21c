// The daily retention run on a year of history, on PGlite and PostgreSQL. The Chengde data set gets, written
// set-based: a camera status change about every 36 hours per camera for a year, a daily risk grade per canteen
// for a year, and event log rows (a steady stream over the year). Measured: the first retention run (default
// settings — events older than 90 days pruned, camera months before the last 90 days compacted — except daily
// risk kept 180 days instead of 400, so that half the year rolls up into monthly rows), a second run (idempotent: finds nothing), the VACUUM /
// ANALYZE job on PGlite, and the camera online time of every camera for the year — the assessment's query —
// before compaction (baseline) and after, checked equal.
// Run: npx tsx bench/retention.ts [--db=pglite,postgres] [--canteens=1200] [--events=500000]
import { performance } from 'node:perf_hooks';
import type { Knex } from 'knex';
import { parsePeriod } from '../analytics/assessment';
import { cameraTimes } from '../server/assessment/camera-time';
import { applyRetention } from '../server/retention/apply-retention';
import { maintainEmbeddedDatabase } from '../server/retention/maintain-pglite';
import { median, openBenchDb } from './support/bench-db';
import { argList } from './support/args';

const ROUNDS = 3;
const kinds = argList('db', 'pglite,postgres') as Array<'pglite' | 'postgres'>;
const canteens = Number(argList('canteens', '1200')[0]);
const events = Number(argList('events', '500000')[0]);

const TABLES = ['camera_status_history', 'canteen_risk_history', 'canteen_risk_monthly', 'event_log'];

async function seedYear(db: Knex): Promise<void> {
  const h = (expression: string) => `abs(hashtext(${expression}))`;
  await db.raw(
    `INSERT INTO camera_status_history (camera_id, scope_path, status, changed_at)
     SELECT c.id, c.scope_path, CASE WHEN g % 2 = 0 THEN 'online' ELSE 'offline' END,
            now() - interval '365 days' + make_interval(hours => g * 36, secs => ${h('c.id::text || g')} % 3600)
       FROM cameras c CROSS JOIN generate_series(0, 242) AS g`,
  );
  await db.raw(
    `INSERT INTO canteen_risk_history (canteen_id, day, score, grade, static, dynamic, factors)
     SELECT c.id, (now() - make_interval(days => d))::date, s, CASE WHEN s <= 30 THEN 'A' WHEN s <= 45 THEN 'B' WHEN s <= 60 THEN 'C' ELSE 'D' END,
            15, s - 15, '{}'::jsonb
       FROM canteens c CROSS JOIN generate_series(1, 365) AS d
       CROSS JOIN LATERAL (SELECT 15 + ${h('c.id::text || d')} % 60 AS s) t`,
  );
  await db.raw(
    `INSERT INTO event_log (seq, type, subject_type, subject_id, scope_nodes, payload, created_at)
     SELECT g, 'school.updated', 'school', g::text, ARRAY['130800'], '{}'::jsonb, now() - make_interval(secs => (? - g) * (365 * 86400.0 / ?))
       FROM generate_series(1, ?) AS g`,
    [events, events, events],
  );
  await db('event_counter').where({ id: 1 }).update({ last_seq: events });
  await db('risk_recompute_state').where({ id: 1 }).update({ last_seq: events });
  const root = (await db('jurisdictions').whereNull('parent_id').first('id')) as { id: string };
  await db('jurisdiction_settings').insert({ jurisdiction_id: root.id, key: 'retention.riskHistoryDailyDays', value: JSON.stringify(180) });
}

const counts = async (db: Knex) =>
  Object.fromEntries(
    await Promise.all(
      TABLES.map(async (table) => [table, Number(((await db(table).count({ n: '*' })) as Array<{ n: number }>)[0]!.n)] as const),
    ),
  );

async function timed<T>(run: () => Promise<T>): Promise<{ ms: number; result: T }> {
  const started = performance.now();
  const result = await run();
  return { ms: Math.round(performance.now() - started), result };
}

for (const kind of kinds) {
  const bench = await openBenchDb(kind, canteens);
  const db = bench.ctx.db;
  const seeded = await timed(() => seedYear(db));
  const prefix = `${((await db('jurisdictions').whereNull('parent_id').first('path')) as { path: string }).path}%`;
  const now = new Date();
  const year = parsePeriod(String(now.getFullYear() - (now.getMonth() === 0 ? 1 : 0)));
  const yearly = async () => {
    const samples: number[] = [];
    let figures = '';
    for (let i = 0; i < ROUNDS; i += 1) {
      const run = await timed(() => cameraTimes(db, prefix, year, now));
      samples.push(run.ms);
      figures = JSON.stringify(run.result.map((c) => [c.cameraId, c.observedSeconds, c.onlineSeconds]).sort());
    }
    return { ms: median(samples), figures };
  };
  const before = { rows: await counts(db), year: await yearly() };
  const first = await timed(() => applyRetention(bench.ctx));
  const second = await timed(() => applyRetention(bench.ctx));
  const maintenance = await timed(() => maintainEmbeddedDatabase(bench.ctx));
  const after = { rows: await counts(db), year: await yearly() };
  console.log(
    JSON.stringify(
      {
        db: kind,
        canteens,
        cameras: bench.dataset.cameras.length,
        seedMs: seeded.ms,
        rowsBefore: before.rows,
        rowsAfter: after.rows,
        firstRun: first,
        secondRun: second,
        maintenance: { ms: maintenance.ms, result: maintenance.result === 'not embedded' ? 'not embedded' : 'vacuumed' },
        yearCameraTimeMs: { before: before.year.ms, after: after.year.ms },
        yearFiguresEqual: before.year.figures === after.year.figures,
      },
      null,
      2,
    ),
  );
  await bench.close();
}
