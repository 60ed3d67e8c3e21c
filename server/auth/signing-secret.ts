// The key that signs short-lived tokens (e.g. a viewer's ticket to a live stream). SESSION_SECRET when set;
// otherwise one is generated once and kept in the database, so every process and every restart agree.
import { randomBytes } from 'node:crypto';
import type { Knex } from 'knex';

const KEY = 'signing_secret';

export async function loadSigningSecret(db: Knex, configured: string | undefined): Promise<string> {
  if (configured) return configured;
  await db.raw('INSERT INTO settings (key, value) VALUES (?, ?::jsonb) ON CONFLICT (key) DO NOTHING', [
    KEY,
    JSON.stringify(randomBytes(32).toString('base64url')),
  ]);
  const row = (await db('settings').where({ key: KEY }).first('value')) as { value: string };
  return row.value;
}
