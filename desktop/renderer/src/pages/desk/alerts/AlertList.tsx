// Alerts to triage, newest first: snapshot, category, where (school, camera, county) and how often the
// detector saw it (repeats fold into one alert with a count and first/last seen). Each row has a box to
// choose it for a batch (Shift-click chooses the rows between); the keyboard cursor is aria-selected.
import { useEffect, useRef, type MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Alert } from '../../../api/types';
import { formatShort } from '../../../format/time';
import { useCategories } from '../../../hooks/use-categories';

export function AlertStatusBadge({ alert, testId }: { alert: Pick<Alert, 'status'>; testId?: string }) {
  const { t } = useTranslation('desk');
  const tone = alert.status === 'new' ? 'bad' : alert.status === 'confirmed' || alert.status === 'resolved' ? 'ok' : '';
  return (
    <span className={`badge ${tone}`} data-testid={testId}>
      {t(`common:alertStates.${alert.status}`)}
    </span>
  );
}

export function SeverityBadge({ severity }: { severity: Alert['severity'] }) {
  const { t } = useTranslation('desk');
  const tone = severity === 'high' ? 'bad' : severity === 'medium' ? 'warn' : '';
  return (
    <span className={`badge ${tone}`} title={t('alerts.severityLabel')}>
      {t(`alerts.severity.${severity}`)}
    </span>
  );
}

export function AlertList({
  items,
  cursorId,
  openId,
  chosen,
  onOpen,
  onToggle,
}: {
  items: Alert[];
  cursorId: string | undefined;
  openId: string | undefined;
  chosen: ReadonlySet<string>;
  onOpen: (id: string) => void;
  onToggle: (id: string, range: boolean) => void;
}) {
  const { t } = useTranslation('desk');
  const { nameOf } = useCategories();
  const list = useRef<HTMLUListElement>(null);
  useEffect(() => {
    if (!cursorId) return;
    list.current?.querySelector(`[data-alert-id="${cursorId}"]`)?.scrollIntoView({ block: 'nearest' });
  }, [cursorId, items.length]);
  if (items.length === 0) return <p className="muted desk-empty">{t('alerts.empty')}</p>;
  // The box is the row's own control: clicking it chooses the alert without opening it.
  const choose = (event: MouseEvent<HTMLInputElement>, id: string) => {
    event.stopPropagation();
    onToggle(id, event.shiftKey);
  };
  return (
    <ul className="desk-alert-list" ref={list} role="listbox" aria-multiselectable="true" aria-label={t('alerts.list')}>
      {items.map((alert) => (
        <li
          key={alert.id}
          role="option"
          data-testid="alert-row"
          data-alert-id={alert.id}
          aria-selected={alert.id === cursorId}
          aria-checked={chosen.has(alert.id)}
          className={[alert.id === cursorId ? 'selected' : '', alert.id === openId ? 'open' : '', chosen.has(alert.id) ? 'chosen' : '']
            .filter(Boolean)
            .join(' ')}
          onClick={() => onOpen(alert.id)}
        >
          <input
            type="checkbox"
            className="desk-alert-choose"
            checked={chosen.has(alert.id)}
            aria-label={t('batch.choose', { name: `${nameOf(alert.category, alert.categoryName)} · ${alert.school.name}` })}
            onClick={(event) => choose(event, alert.id)}
            onChange={() => undefined}
          />
          {alert.snapshotId ? (
            <img
              className="desk-alert-thumb"
              src={`/api/attachments/${alert.snapshotId}/thumb`}
              alt={t('alerts.snapshot')}
              loading="lazy"
            />
          ) : (
            <span className="desk-alert-thumb desk-no-snapshot">{t('alerts.noSnapshot')}</span>
          )}
          <div className="desk-alert-text">
            <div>
              <strong>{nameOf(alert.category, alert.categoryName)}</strong> <SeverityBadge severity={alert.severity} />{' '}
              <AlertStatusBadge alert={alert} />
            </div>
            <div>
              {alert.school.name}
              {alert.camera && <span className="muted"> · {alert.camera.name}</span>}
            </div>
            <div className="muted">
              {alert.county.name} · {t('alerts.count', { count: alert.count })} · {formatShort(alert.firstSeenAt)}
              {alert.count > 1 && ` – ${formatShort(alert.lastSeenAt)}`}
            </div>
          </div>
        </li>
      ))}
    </ul>
  );
}
