// Risk grading: daily canteen risk scores with their factors, and their history (filled in by the risk
// grading work of the analytics issue).
import type { Knex } from 'knex';

export async function up(_knex: Knex): Promise<void> {}

export async function down(_knex: Knex): Promise<void> {}
