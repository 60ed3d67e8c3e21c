import type { Knex } from 'knex';
import { codesOfPath } from '../policy/actor';
import { SETTINGS, type SettingKey, type SettingValue } from './registry';

/** The value in force at a node: the nearest one set on its path, else the default. */
export async function effectiveSetting<K extends SettingKey>(db: Knex, path: string, key: K): Promise<SettingValue<K>> {
  const row = (await db('jurisdiction_settings as s')
    .join('jurisdictions as j', 'j.id', 's.jurisdiction_id')
    .whereIn('j.code', codesOfPath(path))
    .where('s.key', key)
    .orderBy('j.depth', 'desc')
    .first('s.value')) as { value: unknown } | undefined;
  if (!row) return SETTINGS[key].default as SettingValue<K>;
  const parsed = SETTINGS[key].schema.safeParse(row.value);
  return (parsed.success ? parsed.data : SETTINGS[key].default) as SettingValue<K>;
}

export async function effectiveSettings(
  db: Knex,
  path: string,
): Promise<Array<{ key: SettingKey; value: unknown; definedAt: string | null; description: string }>> {
  const rows = (await db('jurisdiction_settings as s')
    .join('jurisdictions as j', 'j.id', 's.jurisdiction_id')
    .whereIn('j.code', codesOfPath(path))
    .orderBy('j.depth', 'desc')
    .select('s.key', 's.value', 'j.code')) as Array<{ key: string; value: unknown; code: string }>;
  return (Object.keys(SETTINGS) as SettingKey[]).map((key) => {
    const nearest = rows.find((row) => row.key === key);
    return {
      key,
      value: nearest?.value ?? SETTINGS[key].default,
      definedAt: nearest?.code ?? null,
      description: SETTINGS[key].description,
    };
  });
}
