// The province's own roles: a province administrator and a province duty operator, bound to the province node,
// do for every city what the city's roles do for theirs.
import type { Knex } from 'knex';

const ROLES_BEFORE = ['city_admin', 'city_operator', 'county_operator', 'school_manager'];
const ROLES = ['province_admin', 'province_operator', ...ROLES_BEFORE];

const roleCheck = (roles: readonly string[]) => `CHECK (role IN (${roles.map((role) => `'${role}'`).join(', ')}))`;

export async function up(knex: Knex): Promise<void> {
  await knex.raw('ALTER TABLE users DROP CONSTRAINT users_role_check');
  await knex.raw(`ALTER TABLE users ADD CONSTRAINT users_role_check ${roleCheck(ROLES)}`);
}

export async function down(knex: Knex): Promise<void> {
  await knex('users').whereIn('role', ['province_admin', 'province_operator']).delete();
  await knex.raw('ALTER TABLE users DROP CONSTRAINT users_role_check');
  await knex.raw(`ALTER TABLE users ADD CONSTRAINT users_role_check ${roleCheck(ROLES_BEFORE)}`);
}
