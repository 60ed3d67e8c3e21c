import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../tests/support/test-database';
import type { Database } from './connect';
import { migrateLatest, migrateRollbackAll, pendingMigrations } from './migrate';

const TABLES = [
  'jurisdictions',
  'schools',
  'canteens',
  'cameras',
  'users',
  'sessions',
  'service_tokens',
  'event_log',
  'event_counter',
  'audit_log',
  'relays',
  'gb_devices',
  'gb_channels',
];

async function tables(database: Database): Promise<string[]> {
  const result = (await database.knex.raw(
    "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'",
  )) as { rows: Array<{ table_name: string }> };
  return result.rows.map((row) => row.table_name);
}

describe('migrations from zero', () => {
  let database: Database;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database.close();
  });

  it('create every table on an empty database, roll back to nothing, and apply again', async () => {
    expect(await tables(database)).not.toContain('schools');
    const applied = await migrateLatest(database.knex);
    expect(applied.length).toBeGreaterThan(0);
    expect(await pendingMigrations(database.knex)).toEqual([]);
    expect(await tables(database)).toEqual(expect.arrayContaining(TABLES));

    await migrateRollbackAll(database.knex);
    const left = await tables(database);
    for (const table of TABLES) expect(left).not.toContain(table);

    await migrateLatest(database.knex);
    expect(await tables(database)).toEqual(expect.arrayContaining(TABLES));
    expect(await migrateLatest(database.knex)).toEqual([]);
  });

  it('start the event sequence at zero', async () => {
    const row = (await database.knex('event_counter').first('last_seq')) as { last_seq: number };
    expect(row.last_seq).toBe(0);
  });
});
