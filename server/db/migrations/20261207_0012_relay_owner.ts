// Which service account holds each relay id: a relay token may heartbeat only as a relay id it holds (or one
// whose holder has gone silent), so one relay cannot take over another's row, its URL, scope or storage alert.
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('relays', (t) => {
    // Null for rows written before this column: the next heartbeat claims them.
    t.uuid('service_token_id').nullable().references('id').inTable('service_tokens').onDelete('SET NULL');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('relays', (t) => {
    t.dropColumn('service_token_id');
  });
}
