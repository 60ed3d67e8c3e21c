// The alert as a case: a status 'resolved' for alerts whose cause went away (a camera back online), who
// decided (a user, or the system by name) and why; the camera a task is about and the issuer's instruction
// (整改要求) the school is shown.
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.raw('ALTER TABLE alerts DROP CONSTRAINT alerts_status_check');
  await knex.raw("ALTER TABLE alerts ADD CONSTRAINT alerts_status_check CHECK (status IN ('new', 'confirmed', 'dismissed', 'resolved'))");
  await knex.schema.alterTable('alerts', (t) => {
    // The system actor that decided (e.g. 'auto-dispatch', 'camera-health') when no user did.
    t.text('triaged_by_system').nullable();
    t.timestamp('resolved_at', { useTz: true }).nullable();
    t.text('resolution').nullable();
  });
  // The fold window became the quiet gap after a case closed: a city's value carries over.
  await knex('jurisdiction_settings').where({ key: 'alerts.foldWindowMinutes' }).update({ key: 'alerts.quietGapMinutes' });
  await knex.schema.alterTable('tasks', (t) => {
    t.uuid('camera_id').nullable().references('id').inTable('cameras');
    t.text('instruction').nullable();
  });
  // Tasks made before: the camera of the alert they came from, and their dispatch note as the instruction.
  await knex.raw('UPDATE tasks t SET camera_id = a.camera_id FROM alerts a WHERE a.id = t.alert_id AND t.canteen_id IS NOT NULL');
  await knex.raw(
    "UPDATE tasks t SET instruction = e.note FROM task_events e WHERE e.task_id = t.id AND e.action = 'dispatch' AND e.note IS NOT NULL",
  );
}

export async function down(knex: Knex): Promise<void> {
  await knex('jurisdiction_settings').where({ key: 'alerts.quietGapMinutes' }).update({ key: 'alerts.foldWindowMinutes' });
  await knex.schema.alterTable('tasks', (t) => {
    t.dropColumn('instruction');
    t.dropColumn('camera_id');
  });
  await knex.raw("UPDATE alerts SET status = 'dismissed' WHERE status = 'resolved'");
  await knex.schema.alterTable('alerts', (t) => {
    t.dropColumn('resolution');
    t.dropColumn('resolved_at');
    t.dropColumn('triaged_by_system');
  });
  await knex.raw('ALTER TABLE alerts DROP CONSTRAINT alerts_status_check');
  await knex.raw("ALTER TABLE alerts ADD CONSTRAINT alerts_status_check CHECK (status IN ('new', 'confirmed', 'dismissed'))");
}
