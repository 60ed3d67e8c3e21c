// Who acknowledged (知悉) which alert, and when: one row per alert and user, so the emergency banner a duty
// officer acknowledged on one screen is gone from the command room's other screens, and the record says who
// knew when. A retried acknowledgement hits the primary key and adds no second row. Deleting an alert takes
// its acknowledgements with it; a user who acknowledged something is kept (users are not deleted).
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('alert_acknowledgements', (t) => {
    t.uuid('alert_id').notNullable().references('id').inTable('alerts').onDelete('CASCADE');
    t.uuid('user_id').notNullable().references('id').inTable('users').onDelete('RESTRICT');
    t.timestamp('acknowledged_at', { useTz: true }).notNullable();
    t.primary(['alert_id', 'user_id'], { constraintName: 'alert_acknowledgements_pkey' });
    // "What has this user not acknowledged" reads by user.
    t.index(['user_id', 'alert_id'], 'alert_acknowledgements_user_idx');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('alert_acknowledgements');
}
