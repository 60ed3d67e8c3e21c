// A ledger create that carries an idempotency key first looks for the entry the same key made before.
import type { Knex } from 'knex';
import { notFound } from '../../errors';

/** The id of the entry made earlier with this key, or undefined; one of another school is not found. */
export async function earlierEntry(trx: Knex.Transaction, key: string | undefined, schoolPath: string): Promise<string | undefined> {
  if (!key) return undefined;
  const row = (await trx('ledger_entries').where({ idempotency_key: key }).first('id', 'scope_path')) as
    { id: string; scope_path: string } | undefined;
  if (!row) return undefined;
  if (row.scope_path !== schoolPath) throw notFound('record');
  return row.id;
}
