// `npm run migrate`: applies pending migrations to the configured database and exits.
import { loadConfig } from '../config';
import { openDatabase } from '../db/connect';
import { migrateLatest } from '../db/migrate';

const config = loadConfig();
const database = await openDatabase({ databaseUrl: config.databaseUrl, pgliteDir: `${config.dataDir}/pgdata` });
try {
  const applied = await migrateLatest(database.knex);
  console.log(applied.length > 0 ? `Applied: ${applied.join(', ')}` : 'Already up to date');
} finally {
  await database.close();
}
