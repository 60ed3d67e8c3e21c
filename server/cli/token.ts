// `npm run token -- create --name relay-1 --kind relay [--scope 130800]`: creates a service account token
// (printed once). `npm run token -- revoke --name relay-1` revokes it; `list` shows them.
import { parseArgs } from 'node:util';
import { createServiceToken, revokeServiceToken } from '../auth/commands/createServiceToken';
import { loadConfig } from '../config';
import type { DomainContext } from '../context';
import { openDatabase } from '../db/connect';
import { migrateLatest } from '../db/migrate';
import { createLogger } from '../logger';
import { SettingsCache } from '../settings/cache';
import { LocalDiskStorage } from '../storage/file-storage';
import { SERVICE_KINDS, systemActor, type Caller, type ServiceKind } from '../policy/actor';

const usage = 'Usage: npm run token -- create --name <name> --kind relay|analytics [--scope <code>] | revoke --name <name> | list';
const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { name: { type: 'string' }, kind: { type: 'string' }, scope: { type: 'string' } },
});
const command = positionals[0];

const config = loadConfig();
const database = await openDatabase({ databaseUrl: config.databaseUrl, pgliteDir: `${config.dataDir}/pgdata` });
const ctx: DomainContext = {
  db: database.knex,
  dbKind: database.kind,
  config,
  signingSecret: '',
  storage: new LocalDiskStorage(config.dataDir),
  settings: new SettingsCache(),
  log: createLogger('warn', 'cli'),
  now: () => new Date(),
  events: { committed: () => undefined },
};
const caller: Caller = { actor: systemActor('cli:token') };
let exitCode = 0;
try {
  await migrateLatest(database.knex);
  if (command === 'create') {
    if (!values.name || !SERVICE_KINDS.includes(values.kind as ServiceKind)) throw new Error(usage);
    const created = await createServiceToken(ctx, caller, { name: values.name, kind: values.kind as ServiceKind, scopeCode: values.scope });
    console.log(created.token);
  } else if (command === 'revoke') {
    if (!values.name) throw new Error(usage);
    console.log((await revokeServiceToken(ctx, caller, values.name)) ? 'revoked' : 'no such active token');
  } else if (command === 'list') {
    const rows = (await database
      .knex('service_tokens')
      .orderBy('name')
      .select('name', 'kind', 'created_at', 'last_used_at', 'revoked_at')) as object[];
    console.table(rows);
  } else {
    throw new Error(usage);
  }
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  exitCode = 1;
} finally {
  await database.close();
}
process.exit(exitCode);
