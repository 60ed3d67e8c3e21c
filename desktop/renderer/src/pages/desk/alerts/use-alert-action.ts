// Confirm (optionally dispatching a task) or dismiss an alert. Success puts the fresh alert in place and
// refreshes lists of alerts and tasks; a failure (409: someone triaged it first) reloads the alert.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../api/client';
import type { Alert, AlertConfirmBody, AlertDismissBody } from '../../../api/types';

export const alertPath = (id: string) => `/api/alerts/${id}`;

export type AlertAction = { kind: 'confirm'; body: AlertConfirmBody } | { kind: 'dismiss'; body: AlertDismissBody };

/** Lists, counts and details of alerts and tasks: what a triage changes. */
export const touchesAlertsOrTasks = (key: readonly unknown[]) =>
  typeof key[0] === 'string' && (key[0].startsWith('/api/alerts') || key[0].startsWith('/api/tasks'));

export function useAlertAction(alertId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (action: AlertAction) => api.post<Alert>(`${alertPath(alertId)}/${action.kind}`, action.body),
    onSuccess: (alert) => {
      client.setQueryData([alertPath(alertId), {}], alert);
      void client.invalidateQueries({
        predicate: (query) => touchesAlertsOrTasks(query.queryKey) && query.queryKey[0] !== alertPath(alertId),
      });
    },
    onError: () => void client.invalidateQueries({ predicate: (query) => touchesAlertsOrTasks(query.queryKey) }),
  });
}
