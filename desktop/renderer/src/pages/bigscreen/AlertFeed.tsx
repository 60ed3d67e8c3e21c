// The newest alerts as they arrive, with their snapshot: each opens the alert at the dispatch desk.
import { useTranslation } from 'react-i18next';
import type { Alert } from '../../api/types';
import { formatTime } from '../../format/time';
import { drill } from './drill';
import { useCategoryName } from './use-category-names';

const SEVERITY_TONE = { high: 'bad', medium: 'warn', low: '' } as const;

export function AlertFeed({ alerts }: { alerts: readonly Alert[] }) {
  const { t } = useTranslation('bigscreen');
  const { t: common } = useTranslation();
  const nameOf = useCategoryName();
  // The feed's element is there even while empty, so a screen (or a test) can watch it fill.
  if (alerts.length === 0)
    return (
      <div className="bs-feed" data-testid="alert-feed" aria-live="polite">
        <p className="muted bs-empty">{t('feed.empty')}</p>
      </div>
    );
  return (
    <ol className="bs-feed" data-testid="alert-feed" aria-live="polite">
      {alerts.map((alert) => (
        <li key={alert.id}>
          <a className="bs-feed-item" href={drill.alert(alert.id)} data-alert-id={alert.id} data-county={alert.county.code}>
            {alert.snapshotId ? (
              <img
                className="bs-feed-thumb"
                src={`/api/attachments/${alert.snapshotId}/thumb`}
                alt={t('feed.snapshot', { category: nameOf(alert.category) })}
                loading="lazy"
              />
            ) : (
              <span className={`bs-feed-thumb bs-feed-nosnap ${alert.source}`} aria-hidden="true" />
            )}
            <span className="bs-feed-text">
              <span className="bs-feed-title">
                <span className={`badge ${SEVERITY_TONE[alert.severity]}`}>{nameOf(alert.category)}</span>
                {alert.count > 1 && <span className="bs-feed-count">{t('feed.count', { count: alert.count })}</span>}
                <span className="bs-feed-status muted">{common(`alertStates.${alert.status}`)}</span>
              </span>
              <span className="bs-feed-where">
                {alert.county.name} · {alert.school.name}
                {alert.camera ? ` · ${alert.camera.name}` : ''}
              </span>
            </span>
            <time className="bs-feed-time" dateTime={alert.lastSeenAt}>
              {formatTime(alert.lastSeenAt)}
            </time>
          </a>
        </li>
      ))}
    </ol>
  );
}
