// GB/T 28181: the devices (NVRs, IPCs) registered with a relay's SIP server, and their channels. A device lies
// at the node of the jurisdiction tree its id's administrative code names; a channel bound to a canteen is a
// camera (`gb28181:<device>/<channel>`), and the binding is the channel's `camera_id`. A device's own
// registration password is kept only as its digest HA1 and never leaves the server in an answer.
import type { Knex } from 'knex';

const timestamps = (t: Knex.CreateTableBuilder, knex: Knex) => {
  t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
};

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('gb_devices', (t) => {
    t.uuid('id').primary();
    t.text('device_id').notNullable().unique();
    t.uuid('jurisdiction_id').notNullable().references('id').inTable('jurisdictions').onDelete('RESTRICT');
    // The relay whose SIP server the device last registered with: its channels are pulled there.
    t.text('relay_id').nullable();
    t.boolean('online').notNullable().defaultTo(false);
    t.text('transport').notNullable().checkIn(['udp', 'tcp'], 'gb_devices_transport_check');
    t.text('address').notNullable();
    t.integer('port').notNullable();
    t.timestamp('registered_at', { useTz: true }).nullable();
    t.timestamp('expires_at', { useTz: true }).nullable();
    t.timestamp('last_keepalive_at', { useTz: true }).nullable();
    t.text('name').nullable();
    t.text('manufacturer').nullable();
    t.text('model').nullable();
    t.text('firmware').nullable();
    t.text('ha1').nullable();
    t.specificType('scope_path', 'text COLLATE "C"').notNullable().index();
    timestamps(t, knex);
    t.index(['relay_id']);
  });
  await knex.schema.createTable('gb_channels', (t) => {
    t.uuid('id').primary();
    t.uuid('device_id').notNullable().references('id').inTable('gb_devices').onDelete('CASCADE');
    t.text('channel_id').notNullable();
    t.text('name').notNullable();
    t.text('status').notNullable().checkIn(['ON', 'OFF'], 'gb_channels_status_check');
    t.text('manufacturer').nullable();
    t.text('model').nullable();
    t.uuid('camera_id').nullable().unique().references('id').inTable('cameras').onDelete('SET NULL');
    timestamps(t, knex);
    t.unique(['device_id', 'channel_id']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('gb_channels');
  await knex.schema.dropTableIfExists('gb_devices');
}
