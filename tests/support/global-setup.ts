// Runs once before the suite: builds the renderer if its sources changed; says which database the integration tests use, and fails with the fix in
// the message when DATABASE_URL points at a server that does not answer.
import pg from 'pg';
import { ensureRendererBuilt } from '../../desktop/build/renderer-build';

export default async function setup(): Promise<void> {
  // The browser tests and every server process serve the renderer: build it once, before any of them starts.
  if (await ensureRendererBuilt()) console.log('[tests] renderer built');
  const url = process.env.DATABASE_URL;
  if (!url) {
    console.log('[tests] database: embedded PGlite (set DATABASE_URL to run against PostgreSQL)');
    return;
  }
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
    await client.query('select 1');
  } catch (error) {
    throw new Error(
      `DATABASE_URL=${url} does not answer (${(error as Error).message}). Start PostgreSQL: ` +
        'pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start',
    );
  } finally {
    await client.end().catch(() => undefined);
  }
  console.log(`[tests] database: PostgreSQL at ${url}`);
}
