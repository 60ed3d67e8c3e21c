// How long the demo's first-start seed takes on embedded PGlite, and how much its 30 days of history
// (server/demo/demo-history.ts) adds: `npx tsx bench/seed-demo-time.ts`. A measurement, not a test.
//
// Recorded 2026-12-07 on a shared 2-core machine (load average 11–13 from other agents' tests, so figures
// vary by half): the data set 2.1–2.7 s, the history +1.3 to +2.6 s (420 alerts, 226 tasks, 830 task events, 600 patrols,
// 18,745 morning checks, 20,246 camera status rows).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { generateChengde } from '../fixtures/chengde';
import { openDatabase } from '../server/db/connect';
import { migrateLatest } from '../server/db/migrate';
import { seedDemoHistory } from '../server/demo/demo-history';
import { seedDemo } from '../server/demo/seedDemo';
import { ensureDefaultChecklists } from '../server/patrol/commands/ensureDefaultChecklists';

const today = '2026-12-07';
const dir = await mkdtemp(path.join(tmpdir(), 'seed-bench-'));
const database = await openDatabase({ pgliteDir: dir });
await migrateLatest(database.knex);
await ensureDefaultChecklists(database.knex);
const dataset = generateChengde({ referenceDate: today });
let started = performance.now();
await seedDemo(database.knex, dataset, 'bench-password');
console.log(`data set: ${((performance.now() - started) / 1000).toFixed(2)} s`);
started = performance.now();
await database.knex.transaction((trx) => seedDemoHistory(trx, dataset, today));
const counts = await Promise.all(
  ['alerts', 'tasks', 'task_events', 'patrol_records', 'ledger_entries', 'camera_status_history'].map(
    async (table) => `${table} ${Number(((await database.knex(table).count({ n: '*' })) as Array<{ n: number }>)[0]!.n)}`,
  ),
);
console.log(`history: +${((performance.now() - started) / 1000).toFixed(2)} s (${counts.join(', ')})`);
await database.close();
await rm(dir, { recursive: true, force: true });
