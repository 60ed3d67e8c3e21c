// The inbox by state, each with its count (GET /api/tasks/counts for the chosen box), and the overdue count.
import { useTranslation } from 'react-i18next';
import type { TaskCounts } from '../../../api/types';
import { useLiveQuery } from '../../../hooks/use-live-query';
import { countOf, STATE_TABS, type Box, type StateTab } from './task-filters';

export function StateTabs({
  box,
  state,
  overdue,
  onState,
  onOverdue,
}: {
  box: Box;
  state: StateTab;
  overdue: boolean;
  onState: (state: StateTab) => void;
  onOverdue: (overdue: boolean) => void;
}) {
  const { t } = useTranslation('desk');
  const counts = useLiveQuery<TaskCounts>('/api/tasks/counts', { box }, { refreshOn: ['task.'] });
  const label = (tab: StateTab) => (tab === 'open' || tab === 'all' ? t(`states.${tab}`) : t(`common:taskStates.${tab}`));
  return (
    <div className="desk-state-tabs" role="group" aria-label={t('list.state')}>
      {STATE_TABS.map((tab) => (
        <button key={tab} type="button" aria-pressed={state === tab} onClick={() => onState(tab)} data-state={tab}>
          {label(tab)}{' '}
          <span className="desk-count" data-testid={`desk-count-${tab}`}>
            {countOf(counts.data, tab) ?? '…'}
          </span>
        </button>
      ))}
      <button
        type="button"
        className="desk-overdue-toggle"
        title={t('filters.overdueOnly')}
        aria-pressed={overdue}
        onClick={() => onOverdue(!overdue)}
        data-state="overdue"
      >
        {t('states.overdue')}{' '}
        <span className="desk-count" data-testid="desk-count-overdue">
          {counts.data?.overdue ?? '…'}
        </span>
      </button>
    </div>
  );
}
