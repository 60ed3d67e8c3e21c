// Foundation tables: the jurisdiction tree, schools, canteens, cameras, users, sessions, service tokens,
// the event log with its gapless commit-ordered sequence, the audit log and settings.
import type { Knex } from 'knex';

const timestamps = (t: Knex.CreateTableBuilder, knex: Knex) => {
  t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
};

// Scope paths are compared by prefix (`LIKE '/130000/130800/%'`); the "C" collation lets a plain btree serve that.
const scopePath = (t: Knex.CreateTableBuilder, name = 'scope_path') => t.specificType(name, 'text COLLATE "C"').notNullable().index();

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('jurisdictions', (t) => {
    t.uuid('id').primary();
    t.text('code').notNullable().unique();
    t.text('level').notNullable().checkIn(['province', 'city', 'county', 'school'], 'jurisdictions_level_check');
    t.text('name').notNullable();
    t.uuid('parent_id').nullable().references('id').inTable('jurisdictions').onDelete('RESTRICT');
    t.specificType('path', 'text COLLATE "C"').notNullable().unique();
    t.smallint('depth').notNullable();
    t.jsonb('boundary').nullable();
    t.double('center_lng').nullable();
    t.double('center_lat').nullable();
    timestamps(t, knex);
    t.index(['parent_id']);
    t.index(['level']);
  });

  await knex.schema.createTable('schools', (t) => {
    t.uuid('id').primary();
    t.uuid('jurisdiction_id').notNullable().unique().references('id').inTable('jurisdictions').onDelete('RESTRICT');
    t.uuid('county_id').notNullable().references('id').inTable('jurisdictions').onDelete('RESTRICT');
    t.text('code').notNullable().unique();
    t.text('name').notNullable();
    t.text('type').notNullable().checkIn(['kindergarten', 'primary', 'middle', 'boarding'], 'schools_type_check');
    t.text('address').notNullable();
    t.text('principal').nullable();
    t.text('phone').nullable();
    t.integer('students').notNullable().defaultTo(0);
    t.double('lng').notNullable();
    t.double('lat').notNullable();
    t.text('public_notice').nullable();
    scopePath(t);
    t.integer('version').notNullable().defaultTo(1);
    timestamps(t, knex);
    t.index(['county_id', 'type']);
  });

  await knex.schema.createTable('canteens', (t) => {
    t.uuid('id').primary();
    t.uuid('school_id').notNullable().references('id').inTable('schools').onDelete('RESTRICT');
    t.text('name').notNullable();
    t.text('operation_mode').notNullable().checkIn(['self_run', 'contracted'], 'canteens_operation_mode_check');
    t.text('contractor').nullable();
    t.integer('diners').notNullable();
    t.text('licence_no').notNullable();
    t.date('licence_expiry').notNullable();
    t.double('lng').notNullable();
    t.double('lat').notNullable();
    scopePath(t);
    t.integer('version').notNullable().defaultTo(1);
    timestamps(t, knex);
    t.index(['school_id']);
    t.index(['licence_expiry']);
  });

  await knex.schema.createTable('cameras', (t) => {
    t.uuid('id').primary();
    t.uuid('canteen_id').notNullable().references('id').inTable('canteens').onDelete('RESTRICT');
    t.uuid('school_id').notNullable().references('id').inTable('schools').onDelete('RESTRICT');
    t.text('name').notNullable();
    t.text('area').notNullable().checkIn(['storage', 'prep', 'cooking', 'washing', 'serving'], 'cameras_area_check');
    // Secrets: the camera's own addresses (often with credentials). Never leave the server towards a viewer.
    t.text('stream_url').notNullable();
    t.text('substream_url').nullable();
    t.text('codec').notNullable().defaultTo('h264').checkIn(['h264', 'h265', 'mpeg4', 'mjpeg'], 'cameras_codec_check');
    t.boolean('is_public').notNullable().defaultTo(false);
    t.text('status')
      .notNullable()
      .defaultTo('unknown')
      .checkIn(['unknown', 'online', 'offline', 'frozen', 'blurred', 'covered'], 'cameras_status_check');
    t.timestamp('status_changed_at', { useTz: true }).nullable();
    scopePath(t);
    t.integer('version').notNullable().defaultTo(1);
    timestamps(t, knex);
    t.index(['canteen_id']);
    t.index(['school_id']);
    t.index(['status']);
  });

  await knex.schema.createTable('users', (t) => {
    t.uuid('id').primary();
    t.text('username').notNullable().unique();
    t.text('display_name').notNullable();
    t.text('password_hash').notNullable();
    t.text('role').notNullable().checkIn(['city_admin', 'city_operator', 'county_operator', 'school_manager'], 'users_role_check');
    t.uuid('jurisdiction_id').notNullable().references('id').inTable('jurisdictions').onDelete('RESTRICT');
    t.integer('failed_logins').notNullable().defaultTo(0);
    t.timestamp('locked_until', { useTz: true }).nullable();
    t.timestamp('disabled_at', { useTz: true }).nullable();
    t.timestamp('last_login_at', { useTz: true }).nullable();
    timestamps(t, knex);
    t.index(['jurisdiction_id']);
  });

  await knex.schema.createTable('sessions', (t) => {
    t.uuid('id').primary();
    t.text('token_hash').notNullable().unique();
    t.uuid('user_id').notNullable().references('id').inTable('users').onDelete('CASCADE');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('last_seen_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('expires_at', { useTz: true }).notNullable();
    t.timestamp('absolute_expires_at', { useTz: true }).notNullable();
    t.timestamp('revoked_at', { useTz: true }).nullable();
    t.text('ip').nullable();
    t.text('user_agent').nullable();
    t.index(['user_id']);
    t.index(['expires_at']);
  });

  await knex.schema.createTable('service_tokens', (t) => {
    t.uuid('id').primary();
    t.text('name').notNullable().unique();
    t.text('kind').notNullable().checkIn(['relay', 'analytics'], 'service_tokens_kind_check');
    t.text('token_hash').notNullable().unique();
    t.uuid('jurisdiction_id').notNullable().references('id').inTable('jurisdictions').onDelete('RESTRICT');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('last_used_at', { useTz: true }).nullable();
    t.timestamp('revoked_at', { useTz: true }).nullable();
  });

  // One row holding the last sequence number handed out. Taking the next numbers with an UPDATE of this row
  // makes sequence order equal commit order and leaves no gaps: the row lock is held until commit, and a
  // rollback gives the numbers back. A reader that has seen seq N has therefore seen everything before it.
  await knex.schema.createTable('event_counter', (t) => {
    t.smallint('id').primary();
    t.bigInteger('last_seq').notNullable();
  });
  await knex.raw('ALTER TABLE event_counter ADD CONSTRAINT event_counter_single_row CHECK (id = 1)');
  await knex('event_counter').insert({ id: 1, last_seq: 0 });

  await knex.schema.createTable('event_log', (t) => {
    t.bigInteger('seq').primary();
    t.text('type').notNullable();
    t.text('subject_type').notNullable();
    t.text('subject_id').notNullable();
    // Codes of every jurisdiction node the event belongs to, ancestors included: a socket bound to a node
    // receives the event when its node's code is in this list.
    t.specificType('scope_nodes', 'text[]').notNullable();
    t.uuid('actor_id').nullable();
    t.jsonb('payload').notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
  await knex.raw('CREATE INDEX event_log_scope_nodes_gin ON event_log USING gin (scope_nodes)');

  await knex.schema.createTable('audit_log', (t) => {
    t.bigIncrements('id');
    t.timestamp('at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.text('actor_kind').notNullable().checkIn(['user', 'service', 'public', 'system'], 'audit_log_actor_kind_check');
    t.uuid('actor_id').nullable();
    t.text('actor_name').nullable();
    t.text('action').notNullable();
    t.text('target_type').nullable();
    t.text('target_id').nullable();
    t.specificType('scope_path', 'text COLLATE "C"').nullable();
    t.text('ip').nullable();
    t.jsonb('details').nullable();
    t.index(['at']);
    t.index(['actor_id']);
  });

  await knex.schema.createTable('settings', (t) => {
    t.text('key').primary();
    t.jsonb('value').notNullable();
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
}

export async function down(knex: Knex): Promise<void> {
  for (const table of [
    'settings',
    'audit_log',
    'event_log',
    'event_counter',
    'service_tokens',
    'sessions',
    'users',
    'cameras',
    'canteens',
    'schools',
    'jurisdictions',
  ]) {
    await knex.schema.dropTableIfExists(table);
  }
}
