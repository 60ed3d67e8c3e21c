// The school's inbox in three parts: what it still owes (returned first, then overdue, then by deadline),
// what awaits review, and what is done. Every list refreshes on task events.
import { useMemo } from 'react';
import type { TaskPage, TaskSummary } from '../../api/types';
import { useLiveQuery } from '../../hooks/use-live-query';

const REFRESH = { refreshOn: ['task.'] } as const;

/** Returned tasks come back to the top: they were sent back and need attention first. */
const ORDER: Record<TaskSummary['state'], number> = { returned: 0, dispatched: 1, accepted: 1, submitted: 2, closed: 3, cancelled: 3 };

export function useOpenTasks() {
  const query = useLiveQuery<TaskPage>('/api/tasks', { box: 'inbox', state: 'returned,dispatched,accepted', pageSize: 200 }, REFRESH);
  const items = useMemo(() => {
    const list = [...(query.data?.items ?? [])];
    // The server sorts overdue first, then by deadline; keep that inside each group (sort is stable).
    return list.sort((a, b) => Number(b.overdue) - Number(a.overdue) || ORDER[a.state] - ORDER[b.state]);
  }, [query.data]);
  return { query, items };
}

export function useReviewTasks() {
  const query = useLiveQuery<TaskPage>('/api/tasks', { box: 'inbox', state: 'submitted', pageSize: 100 }, REFRESH);
  return { query, items: query.data?.items ?? [] };
}

/** A school's closed tasks, as many as the API gives in one page; the list shows the newest first. */
export function useHistoryTasks() {
  const query = useLiveQuery<TaskPage>('/api/tasks', { box: 'inbox', state: 'closed,cancelled', pageSize: 500 }, REFRESH);
  // The server orders by deadline; a history reads best by when each task ended.
  const items = useMemo(
    () => [...(query.data?.items ?? [])].sort((a, b) => Date.parse(b.updatedAt) - Date.parse(a.updatedAt)),
    [query.data],
  );
  return { query, items, total: query.data?.total ?? 0 };
}
