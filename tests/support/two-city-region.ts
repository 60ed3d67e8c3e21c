// A small province for tests of the province level: Hebei with two cities of two counties each (承德市:
// 兴隆县, 滦平县; 张家口市: 张北县, 康保县), a few canteens per county, and a way to add a user at any node
// (the demo seeds the province's users only for the whole data set).
import type { Knex } from 'knex';
import { v7 as uuidv7 } from 'uuid';
import { CHENGDE_CODE, HEBEI_CODE } from '../../fixtures/chengde';
import { generateRegion } from '../../fixtures/region/generate';
import type { Dataset } from '../../fixtures/region/types';
import { hashPassword } from '../../server/auth/passwords';
import type { UserRole } from '../../server/policy/actor';

export const ZHANGJIAKOU_CODE = '130700';
export const TWO_CITY_COUNTIES = { [CHENGDE_CODE]: ['130822', '130824'], [ZHANGJIAKOU_CODE]: ['130722', '130723'] } as const;

export function generateTwoCityRegion(canteens = 24): Dataset {
  return generateRegion({
    seed: 20261207,
    provinceCode: HEBEI_CODE,
    cityCodes: [ZHANGJIAKOU_CODE, CHENGDE_CODE],
    counties: Object.entries(TWO_CITY_COUNTIES).flatMap(([cityCode, codes]) => codes.map((code) => ({ code, weight: 1, cityCode }))),
    canteens,
    referenceDate: '2026-11-01',
    minCanteensPerCounty: 2,
  });
}

/** A user bound to the node with that code; logs in with the password given. */
export async function addUser(db: Knex, user: { username: string; role: UserRole; nodeCode: string; password: string }): Promise<void> {
  const node = (await db('jurisdictions').where({ code: user.nodeCode }).first('id', 'name')) as { id: string; name: string } | undefined;
  if (!node) throw new Error(`No jurisdiction ${user.nodeCode} to bind ${user.username} to`);
  await db('users').insert({
    id: uuidv7(),
    username: user.username,
    display_name: `${node.name}${user.username}`,
    role: user.role,
    jurisdiction_id: node.id,
    password_hash: await hashPassword(user.password),
  });
}
