// Dispatch and rectification: attachments, alerts, tasks with their timeline and batches, settings per
// jurisdiction, checklists, patrol plans and records, complaints and ratings.
import type { Knex } from 'knex';

const scopePath = (t: Knex.CreateTableBuilder) => t.specificType('scope_path', 'text COLLATE "C"').notNullable().index();
const at = (t: Knex.CreateTableBuilder, name: string, knex?: Knex) => {
  const column = t.timestamp(name, { useTz: true });
  if (knex) column.notNullable().defaultTo(knex.fn.now());
  else column.nullable();
  return column;
};

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('attachments', (t) => {
    t.uuid('id').primary();
    scopePath(t);
    t.text('purpose').notNullable().checkIn(['evidence', 'snapshot', 'complaint', 'patrol'], 'attachments_purpose_check');
    t.text('uploaded_by_kind').notNullable();
    t.uuid('uploaded_by').nullable();
    t.text('mime').notNullable().checkIn(['image/jpeg', 'image/png', 'image/webp'], 'attachments_mime_check');
    t.integer('bytes').notNullable();
    t.integer('width').notNullable();
    t.integer('height').notNullable();
    t.text('sha256').notNullable();
    // Keys are made by the server (date/uuid), never from a file name.
    t.text('storage_key').notNullable().unique();
    t.text('thumb_key').notNullable().unique();
    t.text('original_name').nullable();
    // Set once a record refers to the file; unbound uploads are swept after a day.
    t.boolean('bound').notNullable().defaultTo(false);
    at(t, 'created_at', knex);
    t.index(['bound', 'created_at']);
  });

  await knex.schema.createTable('jurisdiction_settings', (t) => {
    t.uuid('jurisdiction_id').notNullable().references('id').inTable('jurisdictions').onDelete('CASCADE');
    t.text('key').notNullable();
    t.jsonb('value').notNullable();
    at(t, 'updated_at', knex);
    t.uuid('updated_by').nullable();
    t.primary(['jurisdiction_id', 'key']);
  });

  await knex.schema.createTable('alerts', (t) => {
    t.uuid('id').primary();
    t.text('source').notNullable().checkIn(['ai', 'patrol', 'ledger', 'camera', 'complaint'], 'alerts_source_check');
    t.text('category').notNullable();
    t.text('severity').notNullable().checkIn(['low', 'medium', 'high'], 'alerts_severity_check');
    t.text('status').notNullable().defaultTo('new').checkIn(['new', 'confirmed', 'dismissed'], 'alerts_status_check');
    t.uuid('school_id').notNullable().references('id').inTable('schools');
    t.uuid('canteen_id').nullable().references('id').inTable('canteens');
    t.uuid('camera_id').nullable().references('id').inTable('cameras');
    scopePath(t);
    // Repeats of the same category on the same camera (or canteen, or school) fold into one alert.
    t.text('fold_key').notNullable();
    t.double('confidence').nullable();
    at(t, 'first_seen_at', knex);
    at(t, 'last_seen_at', knex);
    t.integer('count').notNullable().defaultTo(1);
    t.uuid('snapshot_id').nullable().references('id').inTable('attachments');
    t.jsonb('boxes').nullable();
    t.text('summary').nullable();
    t.jsonb('details').nullable();
    t.text('dismiss_reason').nullable();
    t.uuid('triaged_by').nullable();
    at(t, 'triaged_at');
    t.uuid('task_id').nullable();
    t.integer('version').notNullable().defaultTo(1);
    at(t, 'created_at', knex);
    at(t, 'updated_at', knex);
    t.index(['fold_key', 'last_seen_at']);
    t.index(['status', 'last_seen_at']);
    t.index(['category']);
    t.index(['last_seen_at']);
    t.index(['school_id']);
  });

  // Idempotency: each key names the alert its first post created or folded into.
  await knex.schema.createTable('alert_keys', (t) => {
    t.text('key').primary();
    t.uuid('alert_id').nullable().references('id').inTable('alerts').onDelete('CASCADE');
    at(t, 'created_at', knex);
  });

  await knex.schema.createTable('task_batches', (t) => {
    t.uuid('id').primary();
    t.uuid('issuer_node_id').notNullable().references('id').inTable('jurisdictions');
    t.uuid('issuer_user_id').nullable();
    t.text('title').notNullable();
    t.jsonb('target').notNullable();
    t.integer('count').notNullable();
    t.text('idempotency_key').nullable().unique();
    at(t, 'created_at', knex);
  });

  await knex.raw('CREATE SEQUENCE task_code_seq');
  await knex.schema.createTable('tasks', (t) => {
    t.uuid('id').primary();
    t.text('code').notNullable().unique();
    t.text('title').notNullable();
    t.text('description').notNullable().defaultTo('');
    t.text('source').notNullable().checkIn(['alert', 'patrol', 'complaint', 'manual', 'ledger'], 'tasks_source_check');
    t.text('category').nullable();
    t.text('state').notNullable().checkIn(['dispatched', 'accepted', 'submitted', 'returned', 'closed', 'cancelled'], 'tasks_state_check');
    t.uuid('issuer_node_id').notNullable().references('id').inTable('jurisdictions');
    t.uuid('issuer_user_id').nullable();
    t.uuid('assignee_node_id').notNullable().references('id').inTable('jurisdictions');
    t.text('assignee_level').notNullable().checkIn(['county', 'school'], 'tasks_assignee_level_check');
    t.uuid('school_id').nullable().references('id').inTable('schools');
    t.uuid('canteen_id').nullable().references('id').inTable('canteens');
    t.uuid('parent_id').nullable().references('id').inTable('tasks');
    t.uuid('batch_id').nullable().references('id').inTable('task_batches');
    t.uuid('alert_id').nullable().references('id').inTable('alerts');
    t.uuid('complaint_id').nullable();
    t.uuid('patrol_record_id').nullable();
    scopePath(t);
    t.timestamp('deadline', { useTz: true }).notNullable();
    t.timestamp('remind_at', { useTz: true }).notNullable();
    at(t, 'reminder_sent_at');
    at(t, 'overdue_at');
    at(t, 'accepted_at');
    at(t, 'submitted_at');
    at(t, 'closed_at');
    at(t, 'cancelled_at');
    t.integer('return_count').notNullable().defaultTo(0);
    t.integer('remind_count').notNullable().defaultTo(0);
    t.integer('version').notNullable().defaultTo(1);
    t.text('idempotency_key').nullable().unique();
    at(t, 'created_at', knex);
    at(t, 'updated_at', knex);
    t.index(['state', 'deadline']);
    t.index(['state', 'remind_at']);
    t.index(['assignee_node_id', 'state']);
    t.index(['issuer_node_id', 'state']);
    t.index(['parent_id']);
    t.index(['batch_id']);
    t.index(['alert_id']);
  });

  await knex.schema.createTable('task_events', (t) => {
    t.bigIncrements('id');
    t.uuid('task_id').notNullable().references('id').inTable('tasks').onDelete('CASCADE');
    at(t, 'at', knex);
    t.text('action').notNullable();
    t.text('from_state').nullable();
    t.text('to_state').nullable();
    t.text('actor_kind').notNullable();
    t.uuid('actor_id').nullable();
    t.text('actor_name').nullable();
    t.text('actor_node_code').nullable();
    t.text('note').nullable();
    t.specificType('attachment_ids', 'uuid[]').notNullable().defaultTo('{}');
    t.jsonb('details').nullable();
    t.index(['task_id', 'id']);
  });
  await knex.raw('CREATE INDEX task_events_attachments_gin ON task_events USING gin (attachment_ids)');

  await knex.schema.createTable('checklists', (t) => {
    t.uuid('id').primary();
    t.text('code').notNullable();
    t.integer('version').notNullable();
    t.text('name').notNullable();
    t.text('kind').notNullable().checkIn(['inspection', 'remote_patrol'], 'checklists_kind_check');
    t.jsonb('content').notNullable();
    t.boolean('active').notNullable().defaultTo(true);
    at(t, 'created_at', knex);
    t.unique(['code', 'version']);
  });

  await knex.schema.createTable('patrol_plans', (t) => {
    t.uuid('id').primary();
    t.uuid('jurisdiction_id').notNullable().references('id').inTable('jurisdictions');
    t.date('plan_date').notNullable();
    t.integer('target').notNullable();
    at(t, 'created_at', knex);
    t.unique(['jurisdiction_id', 'plan_date']);
  });

  await knex.schema.createTable('patrol_records', (t) => {
    t.uuid('id').primary();
    t.uuid('canteen_id').notNullable().references('id').inTable('canteens');
    t.uuid('school_id').notNullable().references('id').inTable('schools');
    scopePath(t);
    t.uuid('operator_id').notNullable();
    t.text('operator_name').notNullable();
    t.uuid('operator_node_id').notNullable().references('id').inTable('jurisdictions');
    t.uuid('checklist_id').notNullable().references('id').inTable('checklists');
    t.uuid('plan_item_id').nullable();
    t.text('result').notNullable().checkIn(['passed', 'failed'], 'patrol_records_result_check');
    t.jsonb('answers').notNullable();
    t.integer('failed_count').notNullable();
    t.integer('key_failed_count').notNullable();
    t.text('note').nullable();
    t.text('idempotency_key').nullable().unique();
    at(t, 'started_at');
    at(t, 'submitted_at', knex);
    t.index(['canteen_id', 'submitted_at']);
    t.index(['submitted_at']);
  });

  await knex.schema.createTable('patrol_plan_items', (t) => {
    t.uuid('id').primary();
    t.uuid('plan_id').notNullable().references('id').inTable('patrol_plans').onDelete('CASCADE');
    t.uuid('canteen_id').notNullable().references('id').inTable('canteens');
    t.uuid('school_id').notNullable().references('id').inTable('schools');
    t.uuid('county_id').notNullable().references('id').inTable('jurisdictions');
    scopePath(t);
    t.integer('position').notNullable();
    t.double('priority').notNullable();
    t.jsonb('reasons').notNullable();
    t.text('status').notNullable().defaultTo('pending').checkIn(['pending', 'done'], 'patrol_plan_items_status_check');
    t.uuid('record_id').nullable().references('id').inTable('patrol_records');
    t.unique(['plan_id', 'canteen_id']);
  });

  await knex.schema.createTable('complaints', (t) => {
    t.uuid('id').primary();
    t.text('tracking_code').notNullable().unique();
    t.uuid('school_id').notNullable().references('id').inTable('schools');
    scopePath(t);
    t.text('category').notNullable();
    t.text('text').notNullable();
    t.text('contact').nullable();
    t.uuid('photo_id').nullable().references('id').inTable('attachments');
    t.text('status').notNullable().defaultTo('received').checkIn(['received', 'processing', 'closed'], 'complaints_status_check');
    t.boolean('founded').nullable();
    t.text('reply').nullable();
    at(t, 'replied_at');
    t.uuid('task_id').nullable().references('id').inTable('tasks');
    t.uuid('alert_id').nullable().references('id').inTable('alerts');
    t.text('ip_hash').nullable();
    t.integer('version').notNullable().defaultTo(1);
    at(t, 'created_at', knex);
    at(t, 'updated_at', knex);
    t.index(['status', 'created_at']);
  });

  await knex.schema.createTable('ratings', (t) => {
    t.bigIncrements('id');
    t.uuid('school_id').notNullable().references('id').inTable('schools');
    scopePath(t);
    t.smallint('stars').notNullable();
    t.text('comment').nullable();
    t.text('ip_hash').nullable();
    at(t, 'created_at', knex);
    t.index(['school_id']);
  });
  await knex.raw('ALTER TABLE ratings ADD CONSTRAINT ratings_stars_check CHECK (stars BETWEEN 1 AND 5)');
}

export async function down(knex: Knex): Promise<void> {
  for (const table of [
    'ratings',
    'complaints',
    'patrol_plan_items',
    'patrol_records',
    'patrol_plans',
    'checklists',
    'task_events',
    'tasks',
    'task_batches',
    'alert_keys',
    'alerts',
    'jurisdiction_settings',
    'attachments',
  ]) {
    await knex.schema.dropTableIfExists(table);
  }
  await knex.raw('DROP SEQUENCE IF EXISTS task_code_seq');
}
