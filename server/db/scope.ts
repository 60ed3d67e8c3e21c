// Restricting a query to a jurisdiction subtree: every scoped table carries the materialized path of the
// node its record belongs to, and a record is in scope when that path starts with the actor's path.
import type { Knex } from 'knex';

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

export const likePrefix = (path: string) => `${escapeLike(path)}%`;

/** A LIKE pattern for text anywhere in a column (a user's search: its % and _ are literal). */
export const likeContaining = (text: string) => `%${escapeLike(text)}%`;

export function whereWithin<T extends Knex.QueryBuilder>(query: T, column: string, scopePath: string): T {
  return query.where(column, 'like', likePrefix(scopePath)) as T;
}
