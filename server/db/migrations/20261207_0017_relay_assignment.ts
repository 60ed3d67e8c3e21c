// Which relay pulls which camera, kept as a table instead of recomputed at every heartbeat: a heartbeat then
// reads only its relay's changes (rows of relay_assignment_changes after the cursor it last applied).
// Triggers mark a camera for reassignment whenever something that decides its assignment or what its relay
// runs changes (its address, codec, ingest flag, jurisdiction, the GB channel bound to it, the relay its GB
// device registered with), so no command that edits cameras, channels or devices has to remember it.
import type { Knex } from 'knex';

/** Statements one by one: PGlite's prepared statements take one command each. */
const TRIGGERS = [
  `CREATE FUNCTION mark_camera_pending(camera uuid) RETURNS void LANGUAGE sql AS $$
    INSERT INTO camera_assignment_pending (camera_id) SELECT camera WHERE camera IS NOT NULL ON CONFLICT DO NOTHING
  $$`,
  `CREATE FUNCTION cameras_mark_pending() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    IF TG_OP = 'DELETE' THEN PERFORM mark_camera_pending(OLD.id); ELSE PERFORM mark_camera_pending(NEW.id); END IF;
    RETURN NULL;
  END $$`,
  `CREATE TRIGGER cameras_assignment_insert AFTER INSERT OR DELETE ON cameras
    FOR EACH ROW EXECUTE FUNCTION cameras_mark_pending()`,
  `CREATE TRIGGER cameras_assignment_update AFTER UPDATE ON cameras
    FOR EACH ROW WHEN ((OLD.stream_url, OLD.substream_url, OLD.codec, OLD.ingest, OLD.scope_path)
    IS DISTINCT FROM (NEW.stream_url, NEW.substream_url, NEW.codec, NEW.ingest, NEW.scope_path))
    EXECUTE FUNCTION cameras_mark_pending()`,
  `CREATE FUNCTION gb_channels_mark_pending() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    IF TG_OP <> 'INSERT' THEN PERFORM mark_camera_pending(OLD.camera_id); END IF;
    IF TG_OP <> 'DELETE' THEN PERFORM mark_camera_pending(NEW.camera_id); END IF;
    RETURN NULL;
  END $$`,
  `CREATE TRIGGER gb_channels_assignment_insert AFTER INSERT OR DELETE ON gb_channels
    FOR EACH ROW EXECUTE FUNCTION gb_channels_mark_pending()`,
  `CREATE TRIGGER gb_channels_assignment_update AFTER UPDATE ON gb_channels
    FOR EACH ROW WHEN ((OLD.camera_id, OLD.device_id) IS DISTINCT FROM (NEW.camera_id, NEW.device_id))
    EXECUTE FUNCTION gb_channels_mark_pending()`,
  `CREATE FUNCTION gb_devices_mark_pending() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    INSERT INTO camera_assignment_pending (camera_id)
    SELECT camera_id FROM gb_channels WHERE device_id = NEW.id AND camera_id IS NOT NULL ON CONFLICT DO NOTHING;
    RETURN NULL;
  END $$`,
  `CREATE TRIGGER gb_devices_assignment_update AFTER UPDATE ON gb_devices
    FOR EACH ROW WHEN (OLD.relay_id IS DISTINCT FROM NEW.relay_id) EXECUTE FUNCTION gb_devices_mark_pending()`,
];

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('camera_assignments', (t) => {
    // No foreign key: a deleted camera's row stays until the assigner has told its relay to stop it.
    t.uuid('camera_id').primary();
    t.text('relay_id').notNullable().references('id').inTable('relays').onDelete('CASCADE');
    t.index(['relay_id']);
  });
  await knex.schema.createTable('relay_assignment_changes', (t) => {
    // Global and monotonic: a relay's cursor is the last seq it applied.
    t.bigIncrements('seq').primary();
    t.text('relay_id').notNullable();
    t.uuid('camera_id').notNullable();
    t.index(['relay_id', 'seq']);
  });
  await knex.schema.createTable('camera_assignment_pending', (t) => {
    t.uuid('camera_id').primary();
  });
  await knex.schema.alterTable('relays', (t) => {
    // Whether the assigner counts the relay among the live ones (it holds cameras); cleared at its death.
    t.boolean('assigned').notNullable().defaultTo(false);
    // The cursors a relay may send: changes at or below the floor are deleted (a cursor below it, or above the
    // last one handed out, gets the whole list).
    t.bigInteger('cursor_floor').notNullable().defaultTo(0);
    t.bigInteger('cursor_sent').notNullable().defaultTo(0);
  });
  for (const statement of TRIGGERS) await knex.raw(statement);
}

export async function down(knex: Knex): Promise<void> {
  for (const statement of [
    'DROP TRIGGER IF EXISTS gb_devices_assignment_update ON gb_devices',
    'DROP TRIGGER IF EXISTS gb_channels_assignment_update ON gb_channels',
    'DROP TRIGGER IF EXISTS gb_channels_assignment_insert ON gb_channels',
    'DROP TRIGGER IF EXISTS cameras_assignment_update ON cameras',
    'DROP TRIGGER IF EXISTS cameras_assignment_insert ON cameras',
    'DROP FUNCTION IF EXISTS gb_devices_mark_pending()',
    'DROP FUNCTION IF EXISTS gb_channels_mark_pending()',
    'DROP FUNCTION IF EXISTS cameras_mark_pending()',
    'DROP FUNCTION IF EXISTS mark_camera_pending(uuid)',
  ])
    await knex.raw(statement);
  await knex.schema.alterTable('relays', (t) => {
    t.dropColumn('cursor_sent');
    t.dropColumn('cursor_floor');
    t.dropColumn('assigned');
  });
  await knex.schema.dropTableIfExists('camera_assignment_pending');
  await knex.schema.dropTableIfExists('relay_assignment_changes');
  await knex.schema.dropTableIfExists('camera_assignments');
}
