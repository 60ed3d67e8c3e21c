// The inbox by state, each with its count (GET /api/tasks/counts for the chosen box), and the overdue count.
// The states fall in the two phases of a task: 挂账督办 (on the books and supervised until closed: all open
// tasks, then each open state) and 销号整改 (rectified and closed off).
import { useTranslation } from 'react-i18next';
import type { TaskCounts } from '../../../api/types';
import { useLiveQuery } from '../../../hooks/use-live-query';
import { countOf, OPEN_STATES, type Box, type StateTab } from './task-filters';

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
  const label = (tab: StateTab) =>
    tab === 'open' || tab === 'closed' ? t(`phases.${tab}`) : tab === 'all' ? t('states.all') : t(`common:taskStates.${tab}`);
  const button = (tab: StateTab) => (
    <button
      key={tab}
      type="button"
      aria-pressed={state === tab}
      onClick={() => onState(tab)}
      data-state={tab}
      title={tab === 'open' || tab === 'closed' ? t(`phases.${tab}Hint`) : undefined}
    >
      {label(tab)}{' '}
      <span className="desk-count" data-testid={`desk-count-${tab}`}>
        {countOf(counts.data, tab) ?? '…'}
      </span>
    </button>
  );
  return (
    <div className="desk-state-tabs" role="group" aria-label={t('list.state')}>
      <span className="desk-phase" role="group" aria-label={t('phases.open')} data-testid="phase-open">
        {button('open')}
        {OPEN_STATES.map(button)}
      </span>
      <span className="desk-phase" role="group" aria-label={t('phases.closed')} data-testid="phase-closed">
        {button('closed')}
      </span>
      {button('cancelled')}
      {button('all')}
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
