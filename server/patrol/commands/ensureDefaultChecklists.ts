// The shipped checklists are written once (by code and version); later versions are added, never edited.
import type { Knex } from 'knex';
import { v5 as uuidv5 } from 'uuid';
import { DEFAULT_CHECKLISTS } from '../checklists/defaults';

const NAMESPACE = '0b9c1f52-7d5e-4c1a-9a44-2f6a1d3e8c71';

export async function ensureDefaultChecklists(db: Knex): Promise<void> {
  for (const checklist of DEFAULT_CHECKLISTS) {
    await db.raw(
      `INSERT INTO checklists (id, code, version, name, kind, content, active) VALUES (?, ?, ?, ?, ?, ?::jsonb, true)
       ON CONFLICT (code, version) DO NOTHING`,
      [
        uuidv5(`${checklist.code}@${checklist.version}`, NAMESPACE),
        checklist.code,
        checklist.version,
        checklist.name,
        checklist.kind,
        JSON.stringify(checklist.content),
      ],
    );
  }
}
