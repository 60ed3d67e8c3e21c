// Login throttling (OWASP ASVS V2.2) replaces the per-account lock: failed logins are counted per name and
// address, per address over all names, and per name over all addresses, each with its own growing delay
// (server/auth/login-throttle.ts). A row is keyed by the normalized name text whether or not such an account
// exists, so the answer never tells which names are real; '' stands for "any" (an address's own row has no
// name, a name's row over all addresses has no address). The lock columns on users go: nothing reads them.
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('login_throttles', (t) => {
    t.text('username').notNullable();
    t.text('address').notNullable();
    // Failed logins counted since the row was last reset (a success, an administrator's unlock, or a day
    // without failures).
    t.integer('failures').notNullable().defaultTo(0);
    t.timestamp('last_failed_at', { useTz: true }).notNullable();
    // No attempt is weighed before this moment (the growing delay).
    t.timestamp('blocked_until', { useTz: true }).nullable();
    t.primary(['username', 'address'], { constraintName: 'login_throttles_pkey' });
    // Forgotten rows are pruned by age.
    t.index(['last_failed_at'], 'login_throttles_last_failed_idx');
  });
  await knex.schema.alterTable('users', (t) => {
    t.dropColumn('failed_logins');
    t.dropColumn('locked_until');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('users', (t) => {
    t.integer('failed_logins').notNullable().defaultTo(0);
    t.timestamp('locked_until', { useTz: true }).nullable();
  });
  await knex.schema.dropTableIfExists('login_throttles');
}
