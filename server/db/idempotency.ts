// A create that carries an idempotency key first looks for the record the same key made before.
import type { Knex } from 'knex';
import { notFound } from '../errors';

/** The id of the record made earlier with this key, or undefined; a record outside the caller's scope is not found. */
export async function earlierWithKey(
  trx: Knex.Transaction,
  table: 'tasks' | 'patrol_records',
  key: string | undefined,
  scopePath: string,
): Promise<string | undefined> {
  if (!key) return undefined;
  const row = (await trx(table).where({ idempotency_key: key }).first('id', 'scope_path')) as
    { id: string; scope_path: string } | undefined;
  if (!row) return undefined;
  if (!row.scope_path.startsWith(scopePath)) throw notFound('record');
  return row.id;
}
