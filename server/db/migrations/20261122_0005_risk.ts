// Risk grading: each canteen's current risk score with the factors that made it, one history row per canteen
// and Shanghai calendar day, and the bookkeeping of the recompute job (the day of the last full recompute,
// and the event-log sequence up to which changes have been taken in).
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('canteen_risk', (t) => {
    t.uuid('canteen_id').primary().references('id').inTable('canteens').onDelete('CASCADE');
    t.double('score').notNullable();
    t.text('grade').notNullable().checkIn(['A', 'B', 'C', 'D'], 'canteen_risk_grade_check');
    t.double('static').notNullable();
    t.double('dynamic').notNullable();
    t.jsonb('factors').notNullable();
    t.timestamp('computed_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.specificType('scope_path', 'text COLLATE "C"').notNullable().index();
    t.index(['grade']);
  });

  await knex.schema.createTable('canteen_risk_history', (t) => {
    t.uuid('canteen_id').notNullable().references('id').inTable('canteens').onDelete('CASCADE');
    // The Asia/Shanghai calendar day the grade is for; a later recompute that day replaces it.
    t.date('day').notNullable();
    t.double('score').notNullable();
    t.text('grade').notNullable().checkIn(['A', 'B', 'C', 'D'], 'canteen_risk_history_grade_check');
    t.double('static').notNullable();
    t.double('dynamic').notNullable();
    t.jsonb('factors').notNullable();
    t.timestamp('computed_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.primary(['canteen_id', 'day']);
    t.index(['day']);
  });

  await knex.schema.createTable('risk_recompute_state', (t) => {
    t.smallint('id').primary();
    // Events up to this sequence number are reflected in the grades.
    t.bigInteger('last_seq').notNullable().defaultTo(0);
    // The Shanghai day of the last full recompute.
    t.date('full_day').nullable();
    t.timestamp('full_at', { useTz: true }).nullable();
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
  await knex.raw('ALTER TABLE risk_recompute_state ADD CONSTRAINT risk_recompute_state_single_row CHECK (id = 1)');
  await knex('risk_recompute_state').insert({ id: 1, last_seq: 0 });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('risk_recompute_state');
  await knex.schema.dropTableIfExists('canteen_risk_history');
  await knex.schema.dropTableIfExists('canteen_risk');
}
