// The alert a task came from: what was seen, on which camera, when. Its snapshot is among the task's files.
import { useTranslation } from 'react-i18next';
import type { Alert } from '../../api/types';
import { formatDateTime } from '../../format/time';
import { useLiveQuery } from '../../hooks/use-live-query';

export function AlertSummary({ alertId }: { alertId: string }) {
  const { t } = useTranslation('school');
  const alert = useLiveQuery<Alert>(`/api/alerts/${alertId}`);
  if (!alert.data) return null;
  const { categoryName, camera, lastSeenAt, summary } = alert.data;
  return (
    <section className="task-section">
      <h3>{t('task.alert')}</h3>
      <p>{t('task.alertSeen', { category: categoryName, camera: camera?.name ?? '—', time: formatDateTime(lastSeenAt) })}</p>
      {summary && <p className="muted">{summary}</p>}
    </section>
  );
}
