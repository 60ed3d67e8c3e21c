// Video: the stream relays that register with the server, and which cameras a relay should pull. A camera
// with `ingest` off is known (listed, on the map) but not pulled: the demo pulls only its simulated cameras.
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('relays', (t) => {
    t.text('id').primary();
    // Where the server reaches the relay (its HTTP and live WebSocket port); never sent to a viewer.
    t.text('url').notNullable();
    t.timestamp('first_seen_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('last_seen_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.integer('camera_count').notNullable().defaultTo(0);
    // The jurisdiction of the relay's service account: it pulls only cameras under it.
    t.text('scope_path').notNullable();
    t.index(['last_seen_at']);
  });
  await knex.schema.alterTable('cameras', (t) => {
    t.boolean('ingest').notNullable().defaultTo(true);
    t.timestamp('status_observed_at', { useTz: true }).nullable();
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('cameras', (t) => {
    t.dropColumn('status_observed_at');
    t.dropColumn('ingest');
  });
  await knex.schema.dropTableIfExists('relays');
}
