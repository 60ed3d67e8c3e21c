// A database for a benchmark: PGlite in memory, or a scratch database on the PostgreSQL server of
// BENCH_POSTGRES_URL / DATABASE_URL. Migrated and seeded with the Chengde data set.
import { generateChengde } from '../../fixtures/chengde';
import type { Dataset } from '../../fixtures/region/types';
import type { DomainContext } from '../../server/context';
import { openDatabase, type Database } from '../../server/db/connect';
import { migrateLatest } from '../../server/db/migrate';
import { seedDemo } from '../../server/demo/seedDemo';
import { loadConfig } from '../../server/config';
import { createLogger } from '../../server/logger';
import { SettingsCache } from '../../server/settings/cache';
import { LocalDiskStorage } from '../../server/storage/file-storage';
import { createScratchPostgres } from '../../tests/support/test-database';

export interface BenchDb {
  database: Database;
  dataset: Dataset;
  ctx: DomainContext;
  close(): Promise<void>;
}

export async function openBenchDb(kind: 'pglite' | 'postgres', canteens = 1200): Promise<BenchDb> {
  let database: Database;
  let drop = async () => {};
  if (kind === 'postgres') {
    const scratch = await createScratchPostgres(
      process.env.BENCH_POSTGRES_URL ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
    );
    database = await openDatabase({ databaseUrl: scratch.url });
    drop = () => scratch.drop();
  } else {
    database = await openDatabase({ pgliteDir: 'memory://' });
  }
  await migrateLatest(database.knex);
  const dataset = generateChengde({ canteens });
  await seedDemo(database.knex, dataset, 'bench-Password-1');
  const config = loadConfig({ LOG_LEVEL: 'silent', DATA_DIR: '/tmp/cc-bench' });
  const ctx: DomainContext = {
    db: database.knex,
    dbKind: database.kind,
    config,
    log: createLogger('silent'),
    events: { committed: () => undefined },
    signingSecret: 'bench',
    storage: new LocalDiskStorage(config.dataDir),
    settings: new SettingsCache(),
    now: () => new Date(),
  };
  return {
    database,
    dataset,
    ctx,
    close: async () => {
      await database.close();
      await drop();
    },
  };
}

export const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

export const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
};
