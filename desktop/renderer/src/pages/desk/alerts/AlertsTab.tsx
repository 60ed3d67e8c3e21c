// 告警研判: alerts waiting for a decision (new first: the default filter), with county and category filters;
// …&alert=<id> opens one and scrolls the list to it. After a dispatch the new task opens in the task tab.
import { useTranslation } from 'react-i18next';
import type { AlertPage } from '../../../api/types';
import { QueryState } from '../../../components/QueryState';
import { useLiveQuery } from '../../../hooks/use-live-query';
import { Pager } from '../shared/Pager';
import { CategoryFilter, CountyFilter } from '../shared/ScopeFilters';
import { useListCursor } from '../shared/use-list-cursor';
import { useShortcuts } from '../shared/use-shortcuts';
import { useUrlState, type UrlChanges } from '../shared/use-url-state';
import { AlertDetailPane } from './AlertDetailPane';
import { AlertList } from './AlertList';

const STATUSES = ['new', 'confirmed', 'dismissed', 'all'] as const;
type StatusTab = (typeof STATUSES)[number];
const PAGE_SIZE = 50;

export function AlertsTab({ shortcutsOn }: { shortcutsOn: boolean }) {
  const { t } = useTranslation('desk');
  const { get, update } = useUrlState();
  const statusParam = get('status');
  const status: StatusTab = STATUSES.includes(statusParam as StatusTab) ? (statusParam as StatusTab) : 'new';
  const page = Math.max(1, Number(get('page') ?? 1) || 1);
  const openId = get('alert');
  const list = useLiveQuery<AlertPage>(
    '/api/alerts',
    {
      status: status === 'all' ? undefined : status,
      county: get('county'),
      school: get('school'),
      category: get('category'),
      page,
      pageSize: PAGE_SIZE,
    },
    { refreshOn: ['alert.'] },
  );
  const items = list.data?.items ?? [];
  const { cursorId, setCursorId, move } = useListCursor(items, openId);

  const filter = (changes: UrlChanges) => update({ ...changes, page: undefined });
  const open = (id: string) => {
    setCursorId(id);
    if (id !== openId) update({ alert: id }, { push: true });
  };
  useShortcuts({ j: () => move(1), k: () => move(-1), Enter: () => cursorId && open(cursorId) }, shortcutsOn);

  return (
    <div className="desk-split">
      <div className="desk-list-pane">
        <div className="desk-state-tabs" role="group" aria-label={t('filters.status')}>
          {STATUSES.map((tab) => (
            <button
              key={tab}
              type="button"
              aria-pressed={status === tab}
              onClick={() => filter({ status: tab === 'new' ? undefined : tab })}
            >
              {tab === 'all' ? t('filters.allStatuses') : t(`common:alertStates.${tab}`)}
            </button>
          ))}
        </div>
        <div className="desk-filters" role="search" aria-label={t('filters.label')}>
          <CountyFilter value={get('county')} onChange={(county) => filter({ county })} />
          <CategoryFilter value={get('category')} onChange={(category) => filter({ category })} />
        </div>
        <div className="desk-scroll">
          <QueryState query={list}>
            {(data) => <AlertList items={data.items} cursorId={cursorId} openId={openId} onOpen={open} />}
          </QueryState>
        </div>
        {list.data && <Pager total={list.data.total} page={page} pageSize={PAGE_SIZE} onPage={(next) => update({ page: next })} />}
      </div>
      {openId ? (
        <AlertDetailPane
          alertId={openId}
          onClose={() => update({ alert: undefined }, { push: true })}
          onOpenTask={(taskId) =>
            update({ tab: 'tasks', task: taskId, state: undefined, overdue: undefined, page: undefined, status: undefined }, { push: true })
          }
        />
      ) : (
        <section className="desk-detail panel desk-placeholder">
          <p className="muted">{t('alerts.pickOne')}</p>
        </section>
      )}
    </div>
  );
}
