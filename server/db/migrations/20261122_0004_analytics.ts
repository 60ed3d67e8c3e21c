// Analytics: per-camera detection rules (a camera without a row runs the city-wide defaults of its area), the
// detection workers that registered (their model and labels decide which categories are live), and the raw
// frames kept beside AI alerts for the training data set.
import type { Knex } from 'knex';

const scopePath = (t: Knex.CreateTableBuilder) => t.specificType('scope_path', 'text COLLATE "C"').notNullable().index();

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('camera_analytics', (t) => {
    t.uuid('camera_id').primary().references('id').inTable('cameras').onDelete('CASCADE');
    // CameraRules (analytics/rules/schema.ts), as parsed: every default filled in. Null: back to the defaults
    // (the row stays, so the version keeps counting up and a stale edit is still caught).
    t.jsonb('rules').nullable();
    t.integer('version').notNullable().defaultTo(1);
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.uuid('updated_by').nullable();
  });

  await knex.schema.createTable('analytics_workers', (t) => {
    t.text('id').primary();
    // The service account it runs as, and that account's jurisdiction: it analyses cameras under it.
    t.uuid('service_token_id').notNullable();
    scopePath(t);
    t.text('model').notNullable();
    t.jsonb('labels').notNullable();
    t.integer('cameras').notNullable().defaultTo(0);
    t.integer('interval_seconds').notNullable();
    t.jsonb('stats').notNullable();
    t.timestamp('first_seen_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('last_seen_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.index(['last_seen_at']);
  });

  await knex.schema.createTable('analytics_frames', (t) => {
    t.uuid('id').primary();
    t.uuid('alert_id').notNullable().references('id').inTable('alerts').onDelete('CASCADE');
    t.uuid('attachment_id').notNullable().references('id').inTable('attachments');
    scopePath(t);
    t.text('model').notNullable();
    t.timestamp('captured_at', { useTz: true }).notNullable();
    t.integer('width').notNullable();
    t.integer('height').notNullable();
    // [{ label, score, box: [x1, y1, x2, y2] (pixels), trackId? }]
    t.jsonb('boxes').notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.unique(['alert_id', 'captured_at']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('analytics_frames');
  await knex.schema.dropTableIfExists('analytics_workers');
  await knex.schema.dropTableIfExists('camera_analytics');
}
