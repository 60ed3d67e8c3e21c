// What a canteen's card shows, each kept current: its grade and the factors of its score, its cameras, its
// school's open tasks and the ledger warnings raised about the school.
import type { AlertPage, CameraPage, CanteenRiskDetail, TaskPage } from '../../api/types';
import { useLiveQuery } from '../../hooks/use-live-query';

const OPEN_STATES = 'dispatched,accepted,submitted,returned';

export function useCanteenCard(canteenId: string) {
  const risk = useLiveQuery<CanteenRiskDetail>(`/api/risk/canteens/${canteenId}`, undefined, { refreshOn: ['risk.'] });
  const cameras = useLiveQuery<CameraPage>('/api/cameras', { canteen: canteenId, pageSize: 50 }, { refreshOn: ['camera.'] });
  const schoolId = risk.data?.school.id;
  const tasks = useLiveQuery<TaskPage>(
    '/api/tasks',
    { school: schoolId, state: OPEN_STATES, pageSize: 5 },
    { refreshOn: ['task.'], enabled: Boolean(schoolId) },
  );
  const ledger = useLiveQuery<AlertPage>(
    '/api/alerts',
    { school: schoolId, source: 'ledger', pageSize: 5 },
    { refreshOn: ['alert.'], enabled: Boolean(schoolId) },
  );
  return { risk, cameras, tasks, ledger };
}
