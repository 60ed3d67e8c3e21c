// Runs the knex migrations from the static list in ./migrations (no file globbing, so it works the same
// under tsx, vitest and a bundle).
import type { Knex } from 'knex';
import { migrations, type Migration } from './migrations/index';

const source: Knex.MigrationSource<string> = {
  getMigrations: () => Promise.resolve(migrations.map(([name]) => name)),
  getMigrationName: (name) => name,
  getMigration: (name): Promise<Migration> => {
    const found = migrations.find(([candidate]) => candidate === name);
    if (!found) throw new Error(`Unknown migration ${name}`);
    return Promise.resolve(found[1]);
  },
};

const config: Knex.MigratorConfig = { migrationSource: source, tableName: 'knex_migrations' };

/** Applies every pending migration; returns the names applied. */
export async function migrateLatest(knex: Knex): Promise<string[]> {
  const [, applied] = (await knex.migrate.latest(config)) as [number, string[]];
  return applied;
}

/** Rolls every migration back (used by the migration tests). */
export async function migrateRollbackAll(knex: Knex): Promise<void> {
  await knex.migrate.rollback(config, true);
}

export async function pendingMigrations(knex: Knex): Promise<string[]> {
  const [, pending] = (await knex.migrate.list(config)) as [unknown, Array<string | { file: string }>];
  return pending.map((entry) => (typeof entry === 'string' ? entry : entry.file));
}
