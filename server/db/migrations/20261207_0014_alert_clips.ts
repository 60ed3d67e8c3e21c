// Each alert on a camera keeps an evidence clip cut from the camera's recording. One row per alert (never a
// second clip), claimed by one process at a time through a lease, so a crash mid-cut leaves a row another
// run picks up once the lease has run out.
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('alert_clips', (t) => {
    t.uuid('alert_id').primary().references('id').inTable('alerts').onDelete('CASCADE');
    t.text('status').notNullable().defaultTo('pending').checkIn(['pending', 'ready', 'failed', 'unavailable'], 'alert_clips_status_check');
    // The window asked for, fixed when the row is made (the settings in force then).
    t.timestamp('window_from', { useTz: true }).notNullable();
    t.timestamp('window_to', { useTz: true }).notNullable();
    t.text('storage_key').nullable();
    t.bigInteger('bytes').nullable();
    t.double('seconds').nullable();
    t.integer('tries').notNullable().defaultTo(0);
    t.timestamp('next_try_at', { useTz: true }).notNullable();
    // The lease of the run cutting it: only the holder of `claim_id` may finish the row.
    t.uuid('claim_id').nullable();
    t.timestamp('claimed_until', { useTz: true }).nullable();
    t.text('error').nullable();
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.index(['status', 'next_try_at']);
  });
  // Finding the alerts that have no clip row yet walks the recent alerts with a camera.
  await knex.schema.alterTable('alerts', (t) => {
    t.index(['first_seen_at'], 'alerts_first_seen_at_index');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('alerts', (t) => {
    t.dropIndex(['first_seen_at'], 'alerts_first_seen_at_index');
  });
  await knex.schema.dropTable('alert_clips');
}
