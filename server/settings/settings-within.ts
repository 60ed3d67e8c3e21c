// One setting in force at many nodes at once: every row of the key on or above `scopePath` and below it, read in
// one query, then resolved in memory — a node takes the nearest value set on its path, else the default. For
// work over thousands of schools (grading, sweeps), where a query per school would be the cost.
import type { Knex } from 'knex';
import { likePrefix } from '../db/scope';
import { SETTINGS, type SettingKey, type SettingValue } from './registry';

export interface SettingInForce<K extends SettingKey> {
  value: SettingValue<K>;
  /** The path of the node that set it; null for the default. */
  definedAt: string | null;
}

export interface SettingAlongPaths<K extends SettingKey> {
  /** The value in force at a node at or below the scope (or on the path above it). */
  at(path: string): SettingInForce<K>;
}

/** The ancestors of a path and the path itself, nearest first: '/1/2/' → ['/1/2/', '/1/']. */
function pathsUp(path: string): string[] {
  const codes = path.split('/').filter((code) => code.length > 0);
  return codes.map((_, i) => `/${codes.slice(0, codes.length - i).join('/')}/`);
}

/** The longest path that is an ancestor of (or equal to) every given path: where one query covers them all. */
export function commonScope(paths: readonly string[]): string {
  if (paths.length === 0) return '/';
  let scope = paths[0]!;
  for (const path of paths) while (!path.startsWith(scope)) scope = scope.slice(0, scope.slice(0, -1).lastIndexOf('/') + 1);
  return scope;
}

export async function settingWithin<K extends SettingKey>(db: Knex, key: K, scopePath: string): Promise<SettingAlongPaths<K>> {
  const rows = (await db('jurisdiction_settings as s')
    .join('jurisdictions as j', 'j.id', 's.jurisdiction_id')
    .where('s.key', key)
    .where((q) => q.where('j.path', 'like', likePrefix(scopePath)).orWhereRaw(`? LIKE j.path || '%'`, [scopePath]))
    .select('j.path', 's.value')) as Array<{ path: string; value: unknown }>;
  const byPath = new Map<string, SettingInForce<K>>();
  for (const row of rows) {
    const parsed = SETTINGS[key].schema.safeParse(row.value);
    // A stored value the schema no longer accepts counts as unset there (the nearest valid one above applies).
    if (parsed.success) byPath.set(row.path, { value: parsed.data as SettingValue<K>, definedAt: row.path });
  }
  const fallback: SettingInForce<K> = { value: SETTINGS[key].default as SettingValue<K>, definedAt: null };
  return {
    at(path) {
      for (const candidate of pathsUp(path)) {
        const found = byPath.get(candidate);
        if (found) return found;
      }
      return fallback;
    },
  };
}
