// School ledgers (台账): one row per recorded entry of any kind with its payload validated per kind on the way
// in, the canteen staff with their health certificates, and the suppliers with their licences.
import type { Knex } from 'knex';

const scopePath = (t: Knex.CreateTableBuilder) => t.specificType('scope_path', 'text COLLATE "C"').notNullable().index();

const LEDGER_KINDS = [
  'morning_check',
  'menu',
  'meal_accompaniment',
  'food_sample',
  'disinfection',
  'self_inspection',
  'purchase',
  'emergency_report',
] as const;

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('ledger_entries', (t) => {
    t.uuid('id').primary();
    t.uuid('school_id').notNullable().references('id').inTable('schools').onDelete('RESTRICT');
    t.uuid('canteen_id').nullable().references('id').inTable('canteens').onDelete('RESTRICT');
    scopePath(t);
    t.text('kind')
      .notNullable()
      .checkIn([...LEDGER_KINDS], 'ledger_entries_kind_check');
    // The Asia/Shanghai calendar day the entry is for.
    t.date('entry_date').notNullable();
    t.jsonb('payload').notNullable();
    t.specificType('attachment_ids', 'uuid[]').notNullable().defaultTo(knex.raw("'{}'::uuid[]"));
    t.uuid('created_by').nullable().references('id').inTable('users');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.text('idempotency_key').nullable().unique();
    t.integer('version').notNullable().defaultTo(1);
    t.index(['school_id', 'kind', 'entry_date']);
  });

  await knex.schema.createTable('canteen_staff', (t) => {
    t.uuid('id').primary();
    t.uuid('school_id').notNullable().references('id').inTable('schools').onDelete('RESTRICT');
    t.uuid('canteen_id').nullable().references('id').inTable('canteens').onDelete('RESTRICT');
    scopePath(t);
    t.text('name').notNullable();
    t.text('position').notNullable();
    t.text('health_cert_number').nullable();
    t.date('health_cert_expiry').nullable();
    t.boolean('active').notNullable().defaultTo(true);
    t.integer('version').notNullable().defaultTo(1);
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.index(['school_id', 'active']);
  });

  await knex.schema.createTable('suppliers', (t) => {
    t.uuid('id').primary();
    t.uuid('school_id').notNullable().references('id').inTable('schools').onDelete('RESTRICT');
    scopePath(t);
    t.text('name').notNullable();
    t.text('licence_number').nullable();
    t.date('licence_expiry').nullable();
    t.boolean('active').notNullable().defaultTo(true);
    t.integer('version').notNullable().defaultTo(1);
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.index(['school_id', 'active']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('suppliers');
  await knex.schema.dropTableIfExists('canteen_staff');
  await knex.schema.dropTableIfExists('ledger_entries');
}
