// One way to page a list: count the filtered rows, then fetch one page of them in a stable order.
import type { Knex } from 'knex';
import type { Page } from '../http/paging';

export async function paginate<Row>(
  base: Knex.QueryBuilder,
  paging: { page: number; pageSize: number },
  fetch: (query: Knex.QueryBuilder) => Knex.QueryBuilder,
): Promise<Page<Row>> {
  const [count] = (await base.clone().clearSelect().clearOrder().count({ n: '*' })) as Array<{ n: number }>;
  const items = (await fetch(
    base
      .clone()
      .limit(paging.pageSize)
      .offset((paging.page - 1) * paging.pageSize),
  )) as Row[];
  return { items, total: Number(count?.n ?? 0), page: paging.page, pageSize: paging.pageSize };
}
