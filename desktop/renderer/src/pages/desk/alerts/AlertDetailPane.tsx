// One alert: its snapshot (full size on click), its evidence clip and links to the camera's video, what and where, how often it was seen, and its triage —
// or, once triaged, the task it became or why it was dismissed.
import { useTranslation } from 'react-i18next';
import type { Alert } from '../../../api/types';
import { QueryState } from '../../../components/QueryState';
import { formatDateTime } from '../../../format/time';
import { useActorName } from '../../../i18n/actor-name';
import { useLiveQuery } from '../../../hooks/use-live-query';
import { PhotoThumb } from '../shared/Photo';
import { useCategories } from '../../../hooks/use-categories';
import { AlertAcknowledgements } from './AlertAcknowledgements';
import { AlertEvidence } from './AlertEvidence';
import { AlertStatusBadge, SeverityBadge } from './AlertList';
import { AlertTriage } from './AlertTriage';
import { alertPath } from './use-alert-action';

/** A school's emergency report (应急直报): city and county officers acknowledge it. */
const EMERGENCY_REPORT = 'emergency_report';

export function AlertDetailPane({
  alertId,
  onOpenTask,
  onClose,
}: {
  alertId: string;
  onOpenTask: (id: string) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation('desk');
  const query = useLiveQuery<Alert>(alertPath(alertId), undefined, { refreshOn: ['alert.'] });
  return (
    <section className="desk-detail panel" aria-label={t('alerts.detail')} data-testid="alert-detail" data-alert-id={alertId}>
      <QueryState query={query}>{(alert) => <AlertBody alert={alert} onOpenTask={onOpenTask} onClose={onClose} />}</QueryState>
    </section>
  );
}

function AlertBody({ alert, onOpenTask, onClose }: { alert: Alert; onOpenTask: (id: string) => void; onClose: () => void }) {
  const { t } = useTranslation('desk');
  const actorName = useActorName();
  const { nameOf } = useCategories();
  return (
    <>
      <header className="desk-detail-head">
        <h2 data-testid="alert-title">
          {nameOf(alert.category, alert.categoryName)} · {alert.school.name}
        </h2>
        <button type="button" className="link" onClick={onClose} aria-label={t('detail.close')}>
          ✕
        </button>
      </header>
      <div className="desk-detail-state">
        <AlertStatusBadge alert={alert} testId="alert-status" />
        <SeverityBadge severity={alert.severity} />
      </div>
      {alert.snapshotId ? (
        <PhotoThumb id={alert.snapshotId} label={t('alerts.snapshot')} size="large" />
      ) : (
        <p className="muted">{t('alerts.noSnapshot')}</p>
      )}
      <AlertEvidence alert={alert} />
      <dl className="desk-facts">
        <dt>{t('alerts.school')}</dt>
        <dd>{alert.school.name}</dd>
        <dt>{t('alerts.county')}</dt>
        <dd>{alert.county.name}</dd>
        {alert.canteen && (
          <>
            <dt>{t('alerts.canteen')}</dt>
            <dd>{alert.canteen.name}</dd>
          </>
        )}
        {alert.camera && (
          <>
            <dt>{t('alerts.camera')}</dt>
            <dd>{alert.camera.name}</dd>
          </>
        )}
        <dt>{t('alerts.detections')}</dt>
        <dd data-testid="alert-count">{t('alerts.count', { count: alert.count })}</dd>
        <dt>{t('alerts.firstSeen')}</dt>
        <dd>{formatDateTime(alert.firstSeenAt)}</dd>
        <dt>{t('alerts.lastSeen')}</dt>
        <dd>{formatDateTime(alert.lastSeenAt)}</dd>
        {alert.confidence !== null && (
          <>
            <dt>{t('alerts.confidence')}</dt>
            <dd>{Math.round(alert.confidence * 100)}%</dd>
          </>
        )}
        {alert.summary && (
          <>
            <dt>{t('alerts.summary')}</dt>
            <dd>{alert.summary}</dd>
          </>
        )}
        {alert.decidedBy && (
          <>
            <dt>{t('alerts.decidedBy')}</dt>
            <dd data-testid="alert-decided-by">
              {actorName(alert.decidedBy)}
              {alert.decidedAt && ` · ${formatDateTime(alert.decidedAt)}`}
            </dd>
          </>
        )}
      </dl>
      {alert.status === 'dismissed' && alert.dismissReason && (
        <p className="desk-note">{t('alerts.dismissedBecause', { reason: alert.dismissReason })}</p>
      )}
      {alert.status === 'resolved' && alert.resolution && (
        <p className="desk-note" data-testid="alert-resolution">
          {t('alerts.resolvedBecause', { reason: alert.resolution })}
        </p>
      )}
      {alert.taskId && (
        <p className="desk-alert-task">
          {t('alerts.task')}{' '}
          <button type="button" className="primary" onClick={() => onOpenTask(alert.taskId!)} data-testid="alert-open-task">
            {t('alerts.openTask')}
          </button>
        </p>
      )}
      {alert.category === EMERGENCY_REPORT && <AlertAcknowledgements alertId={alert.id} />}
      <AlertTriage key={alert.id} alert={alert} />
    </>
  );
}
