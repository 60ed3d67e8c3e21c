// Analytics: per-camera detection rules and the detection workers' registrations (filled in by the
// analytics issue).
import type { Knex } from 'knex';

export async function up(_knex: Knex): Promise<void> {}

export async function down(_knex: Knex): Promise<void> {}
