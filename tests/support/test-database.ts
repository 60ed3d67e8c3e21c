// A fresh, empty database for one test file: PGlite in memory by default, or a throwaway database on the
// PostgreSQL server named by DATABASE_URL (created here, dropped on close).
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type Database } from '../../server/db/connect';

export const usingPostgres = () => Boolean(process.env.DATABASE_URL);

/** Creates an empty database on the server at `baseUrl`; returns its URL and a function that drops it. */
export async function createScratchPostgres(baseUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `cc_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const client = new pg.Client({ connectionString: baseUrl });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}

export async function createTestDatabase(): Promise<Database> {
  const baseUrl = process.env.DATABASE_URL;
  if (!baseUrl) return openDatabase({ pgliteDir: 'memory://' });
  const scratch = await createScratchPostgres(baseUrl);
  const database = await openDatabase({ databaseUrl: scratch.url, poolMax: 5 });
  return {
    knex: database.knex,
    kind: database.kind,
    close: async () => {
      await database.close();
      await scratch.drop();
    },
  };
}
