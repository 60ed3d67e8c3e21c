// The alerts by status, each with its count for the chosen place, camera and category (GET
// /api/alerts/counts), kept current by alert events.
import { useTranslation } from 'react-i18next';
import type { AlertCounts } from '../../../api/types';
import { useLiveQuery } from '../../../hooks/use-live-query';
import { ALERT_STATUS_TABS, countOf, toCountsQuery, type AlertFilters, type AlertStatusTab } from './alert-filters';

export function AlertStatusTabs({ filters, onStatus }: { filters: AlertFilters; onStatus: (status: AlertStatusTab) => void }) {
  const { t } = useTranslation('desk');
  const counts = useLiveQuery<AlertCounts>('/api/alerts/counts', toCountsQuery(filters), { refreshOn: ['alert.'] });
  return (
    <div className="desk-state-tabs" role="group" aria-label={t('filters.status')}>
      {ALERT_STATUS_TABS.map((tab) => (
        <button key={tab} type="button" aria-pressed={filters.status === tab} onClick={() => onStatus(tab)} data-status={tab}>
          {tab === 'all' ? t('filters.allStatuses') : t(`common:alertStates.${tab}`)}{' '}
          <span className="desk-count" data-testid={`alert-count-${tab}`}>
            {countOf(counts.data, tab) ?? '…'}
          </span>
        </button>
      ))}
    </div>
  );
}
