// Bulletins (通报): a periodic report of one jurisdiction's assessment, built in the background as a PDF and
// an XLSX kept in file storage. One build at a time per node and period: a partial unique index refuses a
// second queued or building row, so a repeated request finds the running one.
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('bulletins', (t) => {
    t.uuid('id').primary();
    t.uuid('node_id').notNullable().references('id').inTable('jurisdictions').onDelete('RESTRICT');
    t.specificType('scope_path', 'text COLLATE "C"').notNullable().index();
    t.text('period_id').notNullable();
    t.text('status').notNullable().defaultTo('queued').checkIn(['queued', 'building', 'ready', 'failed'], 'bulletins_status_check');
    t.integer('progress').notNullable().defaultTo(0);
    t.text('pdf_key').nullable();
    t.text('xlsx_key').nullable();
    t.uuid('created_by').nullable().references('id').inTable('users');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('finished_at', { useTz: true }).nullable();
    t.text('error').nullable();
    t.index(['node_id', 'period_id']);
  });
  await knex.raw(`CREATE UNIQUE INDEX bulletins_one_build ON bulletins (node_id, period_id) WHERE status IN ('queued', 'building')`);
  await knex.raw('ALTER TABLE bulletins ADD CONSTRAINT bulletins_progress_check CHECK (progress BETWEEN 0 AND 100)');
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('bulletins');
}
