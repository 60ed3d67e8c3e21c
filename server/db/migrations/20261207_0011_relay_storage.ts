// What each stream relay last reported of its recordings (bytes used, budget, free disk, floor, whether it
// records, the oldest recording kept), for the city administrator's storage view and the system alert
// raised while a relay has stopped recording at its free-disk floor. Null until a relay reports it.
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('relays', (t) => {
    t.jsonb('storage').nullable();
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('relays', (t) => {
    t.dropColumn('storage');
  });
}
