// The ledger kinds are listed once (analytics/ledgers/kinds.ts); the applied migration keeps its own copy in
// the table's check constraint, which must accept exactly those kinds.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LEDGER_KINDS } from '../../analytics/ledgers/kinds';
import { createTestDatabase } from '../../tests/support/test-database';
import type { Database } from '../db/connect';
import { migrateLatest } from '../db/migrate';

describe('ledger kinds', () => {
  let database: Database;
  beforeAll(async () => {
    database = await createTestDatabase();
    await migrateLatest(database.knex);
  });
  afterAll(async () => {
    await database.close();
  });

  it("the database accepts exactly the kinds the server and the renderer know, in the migration's check constraint", async () => {
    const result = (await database.knex.raw(
      "SELECT pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE conname = 'ledger_entries_kind_check'",
    )) as { rows: Array<{ def: string }> };
    const definition = result.rows[0]?.def ?? '';
    const kinds = [...definition.matchAll(/'([a-z_]+)'/g)].map((match) => match[1]);
    expect(kinds).toEqual([...LEDGER_KINDS]);
  });
});
