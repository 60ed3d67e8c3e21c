// The version of a setting kept at a node, so that two administrators editing it at once do not silently
// overwrite each other: its updated_at in microseconds, as text (writes stamp clock_timestamp(), so every
// write makes a new one). A write carries the version it read (null: none kept there) and is refused with
// 409 stale_version when the one kept now differs, checked under a row lock in the writing transaction.
import type { Knex } from 'knex';
import { conflict } from '../errors';

const VERSION = `(extract(epoch from updated_at) * 1000000)::bigint::text`;

/** The version of the setting `key` kept at the node, null when it keeps none; `lock` holds the row until commit. */
export async function settingVersion(db: Knex, nodeId: string, key: string, lock = false): Promise<string | null> {
  const query = db('jurisdiction_settings')
    .where({ jurisdiction_id: nodeId, key })
    .first(db.raw(`${VERSION} AS version`));
  const row = (await (lock ? query.forUpdate() : query)) as { version: string } | undefined;
  return row?.version ?? null;
}

/** The versions of all settings kept at the node, by key. */
export async function settingVersionsAt(db: Knex, nodeId: string): Promise<Map<string, string>> {
  const rows = (await db('jurisdiction_settings')
    .where({ jurisdiction_id: nodeId })
    .select('key', db.raw(`${VERSION} AS version`))) as Array<{ key: string; version: string }>;
  return new Map(rows.map((row) => [row.key, row.version]));
}

/** `what`: the setting as the message names it, e.g. "The school calendar". */
const stale = (what: string, current: string | null) =>
  conflict('stale_version', `${what} was changed by someone else; reload and try again`, { version: current });

/** Throws 409 stale_version unless the version kept now is `expected`; locks the row for the rest of the transaction. */
export async function expectSettingVersion(trx: Knex.Transaction, nodeId: string, key: string, expected: string | null, what: string) {
  const current = await settingVersion(trx, nodeId, key, true);
  if (current !== expected) throw stale(what, current);
}

/**
 * Keeps `value` as the node's own setting `key` if its version is still `expected`, and answers the new version.
 * A first write (expected null) inserts without overwriting: a concurrent first write that committed before it
 * makes it stale rather than lost.
 */
export async function writeSetting(
  trx: Knex.Transaction,
  write: { nodeId: string; key: string; value: unknown; userId: string | null; expected: string | null; what: string },
): Promise<string> {
  const { nodeId, key, value, userId, expected, what } = write;
  if (expected === null) {
    const inserted = (await trx.raw(
      `INSERT INTO jurisdiction_settings (jurisdiction_id, key, value, updated_at, updated_by) VALUES (?, ?, ?::jsonb, clock_timestamp(), ?)
       ON CONFLICT (jurisdiction_id, key) DO NOTHING RETURNING ${VERSION} AS version`,
      [nodeId, key, JSON.stringify(value), userId],
    )) as { rows: Array<{ version: string }> };
    if (!inserted.rows[0]) throw stale(what, await settingVersion(trx, nodeId, key));
    return inserted.rows[0].version;
  }
  await expectSettingVersion(trx, nodeId, key, expected, what);
  const updated = (await trx.raw(
    `UPDATE jurisdiction_settings SET value = ?::jsonb, updated_at = clock_timestamp(), updated_by = ?
     WHERE jurisdiction_id = ? AND key = ? RETURNING ${VERSION} AS version`,
    [JSON.stringify(value), userId, nodeId, key],
  )) as { rows: Array<{ version: string }> };
  return updated.rows[0]!.version;
}
