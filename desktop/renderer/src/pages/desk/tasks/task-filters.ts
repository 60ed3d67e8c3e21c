// The task list's filters as the URL carries them (state, overdue, county, school, category, q, box, page)
// and as GET /api/tasks takes them. No state in the URL means the open tasks: what still needs work.
import type { Query } from '../../../api/client';
import type { TaskCounts } from '../../../api/types';

export const TASK_STATES = ['dispatched', 'accepted', 'submitted', 'returned', 'closed', 'cancelled'] as const;
export const OPEN_STATES = ['dispatched', 'accepted', 'submitted', 'returned'] as const;
export const STATE_TABS = ['open', ...TASK_STATES, 'all'] as const;
export type StateTab = (typeof STATE_TABS)[number];
export const BOXES = ['all', 'inbox', 'outbox'] as const;
export type Box = (typeof BOXES)[number];
export const PAGE_SIZE = 50;

export interface TaskFilters {
  state: StateTab;
  overdue: boolean;
  county: string | undefined;
  school: string | undefined;
  category: string | undefined;
  q: string | undefined;
  box: Box;
  page: number;
}

export function readTaskFilters(get: (key: string) => string | undefined): TaskFilters {
  const state = get('state');
  const box = get('box');
  const page = Number(get('page') ?? 1);
  return {
    state: STATE_TABS.includes(state as StateTab) ? (state as StateTab) : 'open',
    overdue: get('overdue') === '1' || get('overdue') === 'true',
    county: get('county'),
    school: get('school'),
    category: get('category'),
    q: get('q'),
    box: BOXES.includes(box as Box) ? (box as Box) : 'all',
    page: Number.isInteger(page) && page > 0 ? page : 1,
  };
}

export function toListQuery(filters: TaskFilters): Query {
  const state = filters.state === 'open' ? OPEN_STATES.join(',') : filters.state === 'all' ? undefined : filters.state;
  return {
    box: filters.box,
    state,
    overdue: filters.overdue ? 'true' : undefined,
    county: filters.county,
    school: filters.school,
    category: filters.category,
    q: filters.q,
    page: filters.page,
    pageSize: PAGE_SIZE,
  };
}

export function countOf(counts: TaskCounts | undefined, tab: StateTab): number | undefined {
  if (!counts) return undefined;
  if (tab === 'open') return OPEN_STATES.reduce((sum, state) => sum + counts[state], 0);
  if (tab === 'all') return TASK_STATES.reduce((sum, state) => sum + counts[state], 0);
  return counts[tab];
}
