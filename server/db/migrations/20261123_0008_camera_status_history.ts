// Camera status history: one row per change of a camera's status (a transition), so the assessment's camera
// online rate can be worked out for any past period instead of from the status in force now. A relay's
// heartbeat that repeats the status writes nothing here; a retried report of the same change hits the unique
// (camera_id, changed_at) and adds no second row.
//
// Backfill: every existing camera gets one row, its current status since it last changed (else since the
// camera was created). What happened before that is not known and is not counted as observed time.
import type { Knex } from 'knex';

const CAMERA_STATUSES = ['unknown', 'online', 'offline', 'frozen', 'blurred', 'covered'];

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('camera_status_history', (t) => {
    t.bigIncrements('id').primary();
    t.uuid('camera_id').notNullable().references('id').inTable('cameras').onDelete('RESTRICT');
    // Copied from the camera, like every scoped table, so a county's history is read by prefix.
    t.specificType('scope_path', 'text COLLATE "C"').notNullable();
    t.text('status').notNullable().checkIn(CAMERA_STATUSES, 'camera_status_history_status_check');
    // When the camera took this status (the relay's observation time).
    t.timestamp('changed_at', { useTz: true }).notNullable();
    t.unique(['camera_id', 'changed_at'], { indexName: 'camera_status_history_camera_changed_unique' });
    t.index(['scope_path', 'changed_at'], 'camera_status_history_scope_changed_idx');
  });
  await knex.raw(
    `INSERT INTO camera_status_history (camera_id, scope_path, status, changed_at)
     SELECT id, scope_path, status, coalesce(status_changed_at, created_at) FROM cameras
     ON CONFLICT (camera_id, changed_at) DO NOTHING`,
  );
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('camera_status_history');
}
