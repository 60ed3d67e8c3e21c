// Confirm or dismiss many alerts at once (POST /api/alerts/triage). Each id succeeds or fails on its own —
// one someone else triaged first answers its own 409, one outside the operator's scope its 404 — so the
// answer is one outcome per id. Afterwards every list, count and detail of alerts and tasks refreshes.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../api/client';
import type { AlertTriageBody, AlertTriageResponse } from '../../../api/types';
import { touchesAlertsOrTasks } from './use-alert-action';

export function useBatchTriage() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: AlertTriageBody) => api.post<AlertTriageResponse>('/api/alerts/triage', body),
    onSettled: () => void client.invalidateQueries({ predicate: (query) => touchesAlertsOrTasks(query.queryKey) }),
  });
}
