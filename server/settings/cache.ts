// Settings change rarely and are read on hot paths (every alert reads its fold window). The whole settings
// table (a few rows per jurisdiction) is kept in memory for a short while, and effective values are worked
// out from it; any settings.updated event, from this process or another, empties the cache.
import type { Knex } from 'knex';
import { codesOfPath } from '../policy/actor';
import { SETTINGS, type SettingKey, type SettingValue } from './registry';

const TTL_MS = 30_000;

interface Row {
  code: string;
  depth: number;
  key: string;
  value: unknown;
}

export class SettingsCache {
  private rows: Row[] | undefined;
  private loadedAt = 0;

  /** `db` is the transaction in progress, if any: on PGlite, querying around it would wait forever. */
  async get<K extends SettingKey>(db: Knex, path: string, key: K): Promise<SettingValue<K>> {
    if (!this.rows || Date.now() - this.loadedAt > TTL_MS) {
      this.rows = (await db('jurisdiction_settings as s')
        .join('jurisdictions as j', 'j.id', 's.jurisdiction_id')
        .select('j.code', 'j.depth', 's.key', 's.value')) as Row[];
      this.loadedAt = Date.now();
    }
    const codes = new Set(codesOfPath(path));
    const nearest = this.rows.filter((row) => row.key === key && codes.has(row.code)).sort((a, b) => b.depth - a.depth)[0];
    if (!nearest) return SETTINGS[key].default as SettingValue<K>;
    const parsed = SETTINGS[key].schema.safeParse(nearest.value);
    return (parsed.success ? parsed.data : SETTINGS[key].default) as SettingValue<K>;
  }

  clear(): void {
    this.rows = undefined;
  }
}
