// Who acknowledged (知悉) an alert and when, first first: the record a duty officer reads to see which city and
// county officers knew of an emergency report. The caller's scope is checked on the alert by its route.
import type { Knex } from 'knex';

export interface AcknowledgementEntry {
  user: { id: string; displayName: string; node: { code: string; name: string } };
  at: Date;
}

export async function listAcknowledgements(db: Knex, alertId: string): Promise<AcknowledgementEntry[]> {
  const rows = (await db('alert_acknowledgements as a')
    .join('users as u', 'u.id', 'a.user_id')
    .join('jurisdictions as j', 'j.id', 'u.jurisdiction_id')
    .where('a.alert_id', alertId)
    // Two in the same instant: by user, so the order does not change between reads.
    .orderBy([{ column: 'a.acknowledged_at' }, { column: 'u.id' }])
    .select('u.id', 'u.display_name', 'j.code', 'j.name', 'a.acknowledged_at')) as Array<{
    id: string;
    display_name: string;
    code: string;
    name: string;
    acknowledged_at: Date;
  }>;
  return rows.map((row) => ({
    user: { id: row.id, displayName: row.display_name, node: { code: row.code, name: row.name } },
    at: row.acknowledged_at,
  }));
}
