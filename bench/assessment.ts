// County assessment and the bulletin for the Chengde data set with a year of made-up history, on PGlite and
// PostgreSQL. The fixture has no activity, so the benchmark writes twelve months of it set-based: patrols
// about every two weeks per canteen, alerts (most triaged, some late or never), a rectification task per
// canteen and month, complaints, and the daily and weekly ledger entries of every school on most school days.
// Cameras get a year of status history: online from the start, then an outage of 1–20 hours about every
// fifteen days.
// Measured: the assessment of all 11 counties for a quarter (with the previous quarter for the change), one
// county's schools, the drill-down to the failed patrols, and a whole bulletin build (figures, PDF, XLSX).
// Baseline in the same run: the naive way to the same county figures (one query per county, indicator and
// period; the ledger entries and camera history loaded row by row and counted in JS), checked equal.
// Run: npx tsx bench/assessment.ts [--db=pglite,postgres] [--canteens=1200]
import { performance } from 'node:perf_hooks';
import type { Knex } from 'knex';
import { ledgerActivityCounts, parsePeriod, periodContaining, type AssessmentCounts, type AssessmentPeriod } from '../analytics/assessment';
import { cameraAvailability, type CameraStatusTransition } from '../analytics/assessment/camera-availability';
import { shanghaiDateOf } from '../analytics/calendar';
import { completenessEvidenceWindow, ledgerCompleteness, requiredLedgerOf, type RequiredLedger } from '../analytics/ledgers';
import { assessScope } from '../server/assessment/assess';
import { cameraTimes } from '../server/assessment/camera-time';
import { likePrefix } from '../server/db/scope';
import { indicatorRecords } from '../server/assessment/records';
import { ensureDefaultChecklists } from '../server/patrol/commands/ensureDefaultChecklists';
import { systemActor } from '../server/policy/actor';
import { buildBulletin, requestBulletin } from '../server/reports/commands/buildBulletin';
import type { BulletinNode } from '../server/reports/content';
import { effectiveSetting } from '../server/settings/queries';
import { schoolCalendarsWithin } from '../server/settings/school-calendars';
import { median, openBenchDb } from './support/bench-db';
import { argList } from './support/args';

const ROUNDS = 5;
const BULLETIN_ROUNDS = 3;
const NAIVE_ROUNDS = 3;
const DAYS = 365;

const kinds = argList('db', 'pglite,postgres') as Array<'pglite' | 'postgres'>;
const canteens = Number(argList('canteens', '1200')[0]);

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
  // A year of camera status history: online from the start, an outage of 1–20 hours about every fifteen days
  // (outages at least a day apart, so they never overlap), and the cameras offline now since two days ago.
  await db.raw(`DELETE FROM camera_status_history`);
  await db.raw(
    `INSERT INTO camera_status_history (camera_id, scope_path, status, changed_at)
     SELECT id, scope_path, 'online', now() - interval '${DAYS + 30} days' FROM cameras
     UNION ALL
     SELECT c.id, c.scope_path, x.status, x.at
       FROM cameras c CROSS JOIN generate_series(1, ${Math.floor(DAYS / 15)}) AS g
       CROSS JOIN LATERAL (SELECT now() - make_interval(days => g * 15 + ${h("c.id::text || g || 'd'")} % 14, hours => ${h("c.id::text || g || 'o'")} % 24) AS down,
                                  make_interval(hours => 1 + ${h("c.id::text || g || 'u'")} % 20) AS outage) t
       CROSS JOIN LATERAL (VALUES ('offline', t.down), ('online', t.down + t.outage)) AS x(status, at)
     UNION ALL
     SELECT id, scope_path, 'offline', now() - interval '2 days' FROM cameras WHERE ${h('id::text')} % 20 = 0`,
  );
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
    cameras: await count('cameras'),
    cameraTransitions: await count('camera_status_history'),
  };
}

/**
 * The naive baseline: one county's counts for one period the way one would first write them — a query per
 * indicator for the county, and the ledger entries and camera transitions loaded one row each and counted in
 * JS (with the same pure rules, so the figures must equal the set-based ones).
 */
async function naiveCountyCounts(db: Knex, countyPath: string, period: AssessmentPeriod, alertHours: number, now: Date) {
  const prefix = likePrefix(countyPath);
  const range = [period.startsAt, period.endsAt];
  const one = async (sql: string, bindings: unknown[]) =>
    ((await db.raw(sql, bindings as Knex.RawBinding[])) as { rows: Array<Record<string, string | number>> }).rows[0]!;
  const num = (value: string | number | undefined) => Number(value ?? 0);
  const canteens = await one(
    `SELECT count(*) AS canteens, count(*) FILTER (WHERE EXISTS (SELECT 1 FROM patrol_records p WHERE p.canteen_id = c.id
            AND p.submitted_at >= ? AND p.submitted_at < ?)) AS patrolled FROM canteens c WHERE c.scope_path LIKE ?`,
    [...range, prefix],
  );
  const patrols = await one(
    `SELECT count(*) AS patrols, count(*) FILTER (WHERE result = 'passed') AS passed
       FROM patrol_records WHERE scope_path LIKE ? AND submitted_at >= ? AND submitted_at < ?`,
    [prefix, ...range],
  );
  const tasks = await one(
    `SELECT count(*) AS due, count(*) FILTER (WHERE t.state = 'closed') AS closed,
            count(*) FILTER (WHERE t.state = 'closed' AND t.closed_at <= t.deadline) AS on_time
       FROM tasks t WHERE t.scope_path LIKE ? AND t.school_id IS NOT NULL AND t.state <> 'cancelled'
        AND t.deadline >= ? AND t.deadline < ?
        AND NOT EXISTS (SELECT 1 FROM tasks c WHERE c.parent_id = t.id AND c.state <> 'cancelled')`,
    [prefix, ...range],
  );
  const alerts = await one(
    `SELECT count(*) AS raised, count(*) FILTER (WHERE status IN ('confirmed', 'dismissed') AND triaged_at IS NOT NULL
            AND triaged_at <= first_seen_at + (? * interval '1 hour')) AS handled
       FROM alerts WHERE scope_path LIKE ? AND first_seen_at >= ? AND first_seen_at < ?`,
    [alertHours, prefix, ...range],
  );
  const complaints = await one(
    `SELECT count(*) AS received, count(*) FILTER (WHERE status = 'closed') AS closed
       FROM complaints WHERE scope_path LIKE ? AND created_at >= ? AND created_at < ?`,
    [prefix, ...range],
  );
  // Cameras: every transition up to the period's end, one row each.
  const end = now < period.endsAt ? now : period.endsAt;
  const history = (await db('camera_status_history')
    .where('scope_path', 'like', prefix)
    .where('changed_at', '<', end)
    .orderBy(['camera_id', 'changed_at'])
    .select('camera_id', 'status', 'changed_at')) as Array<{ camera_id: string; status: string; changed_at: Date }>;
  const byCamera = new Map<string, CameraStatusTransition[]>();
  for (const row of history)
    byCamera.set(row.camera_id, [...(byCamera.get(row.camera_id) ?? []), { at: row.changed_at, status: row.status }]);
  let cameraSecondsObserved = 0;
  let cameraSecondsOnline = 0;
  for (const transitions of byCamera.values()) {
    const time = cameraAvailability({ start: period.startsAt, end }, null, transitions);
    cameraSecondsObserved += time.observedSeconds;
    cameraSecondsOnline += time.onlineSeconds;
  }
  // Ledgers: every entry of the county in the evidence window, one row each, counted per school.
  const window = completenessEvidenceWindow(period.from, period.to);
  const [schools, entries, calendars] = await Promise.all([
    db('schools').where('scope_path', 'like', prefix).select('id', 'scope_path') as Promise<Array<{ id: string; scope_path: string }>>,
    db('ledger_entries')
      .where('scope_path', 'like', prefix)
      .whereBetween('entry_date', [window.from, window.to])
      .select('school_id', 'kind', db.raw(`to_char(entry_date, 'YYYY-MM-DD') AS day`)) as Promise<
      Array<{ school_id: string; kind: string; day: string }>
    >,
    schoolCalendarsWithin(db, countyPath),
  ]);
  const dates = new Map<string, { active: string[]; byLedger: Partial<Record<RequiredLedger, string[]>> }>();
  for (const entry of entries) {
    const school = dates.get(entry.school_id) ?? { active: [], byLedger: {} };
    dates.set(entry.school_id, school);
    school.active.push(entry.day);
    const ledger = requiredLedgerOf(entry.kind);
    if (ledger) (school.byLedger[ledger] ??= []).push(entry.day);
  }
  const ledgers = { schoolDays: 0, schoolDaysWithLedgerActivity: 0, ledgerItemsRequired: 0, ledgerItemsPresent: 0 };
  for (const school of schools) {
    const { isSchoolDay } = calendars.at(school.scope_path);
    const own = dates.get(school.id) ?? { active: [], byLedger: {} };
    const usage = ledgerActivityCounts(isSchoolDay, period.from, period.to, own.active);
    const completeness = ledgerCompleteness(isSchoolDay, period.from, period.to, own.byLedger);
    ledgers.schoolDays += usage.schoolDays ?? 0;
    ledgers.schoolDaysWithLedgerActivity += usage.schoolDaysWithLedgerActivity ?? 0;
    ledgers.ledgerItemsRequired += completeness.ledgerItemsRequired;
    ledgers.ledgerItemsPresent += completeness.ledgerItemsPresent;
  }
  return {
    canteens: num(canteens.canteens),
    canteensPatrolled: num(canteens.patrolled),
    patrols: num(patrols.patrols),
    patrolsPassed: num(patrols.passed),
    tasksDue: num(tasks.due),
    tasksClosed: num(tasks.closed),
    tasksClosedOnTime: num(tasks.on_time),
    alertsRaised: num(alerts.raised),
    alertsHandledInTime: num(alerts.handled),
    cameraSecondsObserved,
    cameraSecondsOnline,
    complaintsReceived: num(complaints.received),
    complaintsClosed: num(complaints.closed),
    ...ledgers,
  } satisfies Required<AssessmentCounts>;
}

/** The naive baseline for all counties under the city, for the period and the one before (as assessScope does). */
async function naiveCounties(db: Knex, cityPath: string, period: AssessmentPeriod, now: Date) {
  const alertHours = await effectiveSetting(db, cityPath, 'assessment.alertHandlingHours');
  const counties = (await db('jurisdictions')
    .where({ level: 'county' })
    .where('path', 'like', likePrefix(cityPath))
    .orderBy('code')
    .select('code', 'path')) as Array<{
    code: string;
    path: string;
  }>;
  const result = new Map<string, AssessmentCounts>();
  for (const target of [period, parsePeriod(period.previousId)]) {
    for (const county of counties) {
      const counts = await naiveCountyCounts(db, county.path, target, alertHours, now);
      if (target === period) result.set(county.code, counts);
    }
  }
  return result;
}

/** The counts of the two ways that differ, county by county (only those the naive way counts). */
function differences(naive: Map<string, AssessmentCounts>, units: Array<{ id: string; counts: AssessmentCounts }>): string[] {
  const found: string[] = [];
  for (const unit of units) {
    const other = naive.get(unit.id) ?? {};
    for (const [name, value] of Object.entries(other) as Array<[keyof AssessmentCounts, number]>) {
      if ((unit.counts[name] ?? 0) !== value) found.push(`${unit.id} ${name}: ${unit.counts[name] ?? 0} vs ${value}`);
    }
  }
  return found;
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

  const now = new Date();
  const [firstMs, first] = await time(() => assessScope(ctx.db, { scopePath: city.path, periodId: quarter.id, level: 'county', now }));
  const countiesMs = await repeat(ROUNDS, () => assessScope(ctx.db, { scopePath: city.path, periodId: quarter.id, level: 'county' }));
  // The naive baseline: fewer rounds, it is slow; its figures must be the same.
  const [, naive] = await time(() => naiveCounties(ctx.db, city.path, quarter, now));
  const mismatches = differences(naive, first.units);
  const naiveMs = await repeat(NAIVE_ROUNDS, () => naiveCounties(ctx.db, city.path, quarter, now));
  // The camera part alone (one period of the counties' figures): camera time of every camera in the city.
  const camerasMs = await repeat(ROUNDS, () => cameraTimes(ctx.db, likePrefix(city.path), quarter, now));
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
    cameraRates: first.units
      .map(
        (unit) => `${unit.name} ${(((unit.counts.cameraSecondsOnline ?? 0) / (unit.counts.cameraSecondsObserved || 1)) * 100).toFixed(2)}%`,
      )
      .join(', '),
    mismatches,
    row: {
      db: kind,
      quarter: quarter.id,
      seedS,
      firstMs: Math.round(firstMs),
      countiesMs,
      naiveMs,
      camerasMs,
      sameFigures: mismatches.length === 0,
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
    `cameras = the camera time of the city's cameras for the quarter alone (part of counties); naive = the same county figures one query per county, indicator and period, ledger entries and camera history loaded row by row (median of ${NAIVE_ROUNDS}); ` +
    `schools = one county's schools; year = the counties for the whole year; drill = the failed patrols of the quarter; ` +
    `bulletin = figures + PDF + XLSX of the city's quarter`,
);
console.table(results.map((result) => result.row));
for (const { row, seeded, scores, cameraRates, mismatches } of results) {
  console.log(`${row.db}: ${JSON.stringify(seeded)}\n  scores: ${scores}\n  camera online: ${cameraRates}`);
  if (mismatches.length > 0) console.log(`  naive and set-based figures differ:\n    ${mismatches.join('\n    ')}`);
}
