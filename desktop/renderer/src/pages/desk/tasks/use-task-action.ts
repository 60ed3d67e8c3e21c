// One action on a task through POST /api/tasks/:id/actions. Success puts the server's fresh detail in place
// and refreshes the lists; any failure (a 409 above all) reloads the task, so the operator sees what it
// is now while reading why the action was refused.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../api/client';
import type { TaskActionBody, TaskDetail } from '../../../api/types';

export const taskPath = (id: string) => `/api/tasks/${id}`;

const isTaskQuery = (key: readonly unknown[]) => typeof key[0] === 'string' && key[0].startsWith('/api/tasks');

export function useTaskAction(taskId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: TaskActionBody) => api.post<TaskDetail>(`${taskPath(taskId)}/actions`, body),
    onSuccess: (detail) => {
      client.setQueryData([taskPath(taskId), {}], detail);
      void client.invalidateQueries({ predicate: (query) => isTaskQuery(query.queryKey) && query.queryKey[0] !== taskPath(taskId) });
    },
    onError: () => {
      void client.invalidateQueries({ predicate: (query) => isTaskQuery(query.queryKey) });
    },
  });
}

/** Refreshes every task list, count and detail (after a dispatch, say). */
export function useRefreshTasks() {
  const client = useQueryClient();
  return () => void client.invalidateQueries({ predicate: (query) => isTaskQuery(query.queryKey) });
}
