// The province's overview on PostgreSQL: a database of its own seeded with Hebei (17,183 canteens, 134,400
// cameras, every county) and a year of history, then the p95 of what a province operator opens (dashboard
// summary, county ranking, map points, the first page of alerts and of tasks) against the same for the Chengde
// city operator (the baseline, same run, same database), the risk recompute of every canteen, and the
// province's bulletin of last month. Seeding is timed too (data set, then the year). The database is dropped.
// Run: npx tsx bench/province-overview.ts [--scale=full|small] [--days=365] [--rounds=20]
//   (small: a two-city province of 200 canteens, for trying the bench out)
import { performance } from 'node:perf_hooks';
import { generateHebei } from '../fixtures/hebei';
import { generateSmallProvince } from '../fixtures/region/small-province';
import { startServer } from '../server/app';
import { openDatabase } from '../server/db/connect';
import { migrateLatest } from '../server/db/migrate';
import { seedHistory } from '../server/demo/demo-history';
import { seedDemo } from '../server/demo/seedDemo';
import { createLogger } from '../server/logger';
import { ensureDefaultChecklists } from '../server/patrol/commands/ensureDefaultChecklists';
import { recomputeRisk } from '../server/risk/commands/recomputeRisk';
import { addDays, shanghaiDate } from '../server/time';
import { createScratchPostgres } from '../tests/support/test-database';
import { loginAt, request, testConfig } from '../tests/support/test-server';
import { median, percentile } from './support/bench-db';
import { argValue } from './support/args';

const PASSWORD = 'bench-Password-1';
const scale = argValue('scale', 'full');
const days = Number(argValue('days', scale === 'full' ? '365' : '30'));
const rounds = Number(argValue('rounds', '20'));

const seconds = (ms: number) => Math.round(ms / 100) / 10;
async function timed<T>(work: () => Promise<T>): Promise<[number, T]> {
  const started = performance.now();
  const value = await work();
  return [performance.now() - started, value];
}

const scratch = await createScratchPostgres(process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
const database = await openDatabase({ databaseUrl: scratch.url });
try {
  await migrateLatest(database.knex);
  await ensureDefaultChecklists(database.knex);
  const today = shanghaiDate(new Date());
  const dataset = scale === 'full' ? generateHebei({ referenceDate: today }) : generateSmallProvince(200);
  const [datasetMs, seeded] = await timed(() => seedDemo(database.knex, dataset, PASSWORD, { region: 'hebei' }));
  const [historyMs, history] = await timed(() =>
    database.knex.transaction((trx) => seedHistory(trx, dataset, { until: today, days, seed: 15, eventLog: true })),
  );
  await database.knex.raw('ANALYZE');

  const server = await startServer({ config: testConfig(), database, log: createLogger('silent') });
  try {
    const [firstRecomputeMs, graded] = await timed(() => recomputeRisk(server.ctx));
    const recompute: number[] = [];
    for (let i = 0; i < 3; i += 1) recompute.push((await timed(() => recomputeRisk(server.ctx)))[0]);

    const screens = [
      ['summary', '/api/dashboard/summary'],
      ['ranking', '/api/dashboard/counties'],
      ['map points', '/api/dashboard/canteens'],
      ['alerts p.1', '/api/alerts'],
      ['tasks p.1', '/api/tasks'],
    ] as const;
    const rows = [];
    for (const username of ['province.duty', 'city.duty']) {
      const token = await loginAt(server.url, username, PASSWORD);
      for (const [name, path] of screens) {
        const times: number[] = [];
        let bytes = 0;
        for (let i = 0; i < rounds + 2; i += 1) {
          const [ms, response] = await timed(() => request(server.url, 'GET', path, { token }));
          if (response.status !== 200) throw new Error(`${username} ${path}: ${response.status} ${response.text.slice(0, 200)}`);
          bytes = response.text.length;
          if (i >= 2) times.push(ms); // the first two warm the caches
        }
        rows.push({
          user: username,
          screen: name,
          p50Ms: Math.round(median(times)),
          p95Ms: Math.round(percentile(times, 95)),
          kB: Math.round(bytes / 1024),
        });
      }
    }

    const admin = await loginAt(server.url, 'province.admin', PASSWORD);
    const period = addDays(today, -31).slice(0, 7);
    const [bulletinMs, bulletin] = await timed(async () => {
      const created = await request<{ id: string }>(server.url, 'POST', '/api/bulletins', { token: admin, body: { period } });
      if (created.status >= 300) throw new Error(`bulletin: ${created.status} ${created.text.slice(0, 200)}`);
      for (;;) {
        const state = await request<{ status: string }>(server.url, 'GET', `/api/bulletins/${created.body.id}`, { token: admin });
        if (state.body.status === 'ready' || state.body.status === 'failed') return state.body.status;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    });

    console.log(
      `Province overview on PostgreSQL (${scale}): ${dataset.canteens.length} canteens, ${dataset.cameras.length} cameras, ` +
        `${seeded.users} users; ${days} days of history: ${history.alerts} alerts, ${history.tasks} tasks, ${history.taskEvents} task events, ` +
        `${history.patrols} patrols, ${history.riskRows} risk rows, ${history.events} event log rows`,
    );
    console.log(`seed: data set ${seconds(datasetMs)} s, history ${seconds(historyMs)} s`);
    console.log(`p50/p95 of ${rounds} requests each (province.duty = province operator; city.duty = Chengde's operator, the baseline):`);
    console.table(rows);
    console.log(
      `risk recompute of ${graded.canteens} canteens: first ${seconds(firstRecomputeMs)} s, again (median of 3) ${seconds(median(recompute))} s`,
    );
    console.log(`province bulletin of ${period}: ${seconds(bulletinMs)} s (${bulletin})`);
  } finally {
    await server.close();
  }
} finally {
  await database.close().catch(() => undefined);
  await scratch.drop();
}
