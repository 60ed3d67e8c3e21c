// Opens the system of record: PostgreSQL when DATABASE_URL is set, else an embedded PGlite under DATA_DIR.
// Both are configured to return the same JS types, so the code above never needs to know which it has.
import fs from 'node:fs';
import path from 'node:path';
import { PGlite, types as pgliteTypes } from '@electric-sql/pglite';
import knexFactory, { type Knex } from 'knex';
import ClientPgLite from 'knex-pglite';
import pg from 'pg';

export type DbKind = 'pglite' | 'postgres';

export interface Database {
  readonly knex: Knex;
  readonly kind: DbKind;
  close(): Promise<void>;
}

// int8 (counts, sequence numbers) as JS numbers: our values stay far below 2^53.
// `date` as 'YYYY-MM-DD' strings: a calendar date has no time zone and must not become a Date at midnight UTC.
const INT8 = 20;
const DATE = 1082;
const NUMERIC = 1700;
pg.types.setTypeParser(INT8, (value) => Number(value));
pg.types.setTypeParser(NUMERIC, (value) => Number(value));
pg.types.setTypeParser(DATE, (value) => value);

const pgliteParsers = {
  [pgliteTypes.INT8]: (value: string) => Number(value),
  [pgliteTypes.NUMERIC]: (value: string) => Number(value),
  [pgliteTypes.DATE]: (value: string) => value,
};

export interface OpenOptions {
  databaseUrl?: string | undefined;
  /** Directory for PGlite files, or 'memory://' for a throwaway in-memory database. */
  pgliteDir?: string;
  poolMax?: number;
}

export async function openDatabase(options: OpenOptions): Promise<Database> {
  if (options.databaseUrl) {
    const knex = knexFactory({
      client: 'pg',
      connection: { connectionString: options.databaseUrl },
      pool: { min: 0, max: options.poolMax ?? 10 },
      acquireConnectionTimeout: 30_000,
    });
    await knex.raw('select 1');
    return { knex, kind: 'postgres', close: () => knex.destroy() };
  }
  const dir = options.pgliteDir ?? 'memory://';
  if (!dir.startsWith('memory://')) fs.mkdirSync(path.dirname(dir), { recursive: true });
  const pglite = new PGlite(dir, { parsers: pgliteParsers });
  await pglite.waitReady;
  const knex = knexFactory({
    client: ClientPgLite,
    dialect: 'postgres',
    connection: () => ({ pglite }) as object,
    // PGlite serves one connection: a query waiting behind a long transaction must not give up early.
    acquireConnectionTimeout: 120_000,
  } as Knex.Config);
  await knex.raw('select 1');
  return {
    knex,
    kind: 'pglite',
    close: async () => {
      await knex.destroy();
      if (!pglite.closed) await pglite.close();
    },
  };
}
