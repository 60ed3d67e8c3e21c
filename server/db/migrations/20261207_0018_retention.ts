// Retention: what the daily retention job has done (how far the event log is pruned, up to which month the
// camera status history is compacted, up to which month daily risk history is rolled up), and the monthly
// risk rows that replace a canteen's daily ones past retention.
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('retention_state', (t) => {
    t.smallint('id').primary();
    // Events up to this sequence number are gone: a client that saw less than this must reload its state.
    t.bigInteger('event_log_pruned_through').notNullable().defaultTo(0);
    // Months before this instant hold at most a summary of each camera's status (see compactCameraHistory).
    t.timestamp('camera_history_compacted_before', { useTz: true }).nullable();
    // Days before this date are kept as monthly rows in canteen_risk_monthly.
    t.date('risk_history_rolled_before').nullable();
    // The Shanghai day of the last full run, claimed by one process.
    t.date('last_run_day').nullable();
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
  await knex.raw('ALTER TABLE retention_state ADD CONSTRAINT retention_state_single_row CHECK (id = 1)');
  await knex('retention_state').insert({ id: 1 });

  await knex.schema.createTable('canteen_risk_monthly', (t) => {
    t.uuid('canteen_id').notNullable().references('id').inTable('canteens').onDelete('CASCADE');
    // The first day of the Asia/Shanghai calendar month.
    t.date('month').notNullable();
    // Graded days in the month and how many of them at each grade.
    t.integer('days').notNullable();
    t.jsonb('grade_days').notNullable();
    t.double('mean_score').notNullable();
    t.double('max_score').notNullable();
    // The grade on the month's last graded day.
    t.double('last_score').notNullable();
    t.text('last_grade').notNullable().checkIn(['A', 'B', 'C', 'D'], 'canteen_risk_monthly_grade_check');
    t.primary(['canteen_id', 'month']);
    t.index(['month']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('canteen_risk_monthly');
  await knex.schema.dropTableIfExists('retention_state');
}
