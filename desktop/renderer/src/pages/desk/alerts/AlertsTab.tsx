// 预警研判: alerts by status with their counts (new first: the default), filtered by county, camera and
// category; …&alert=<id> opens one and scrolls the list to it. Many can be chosen (box, Shift-click, whole
// page, x, Shift+X, Shift+A) and confirmed or dismissed with one reason in one go, each with its own outcome. After a
// dispatch from the detail pane the new task opens in the task tab.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Alert, AlertPage } from '../../../api/types';
import { QueryState } from '../../../components/QueryState';
import { useLiveQuery } from '../../../hooks/use-live-query';
import { CameraFilter } from '../shared/CameraFilter';
import { describeError } from '../shared/describe-error';
import { OutcomeMessage, type Outcome } from '../shared/OutcomeMessage';
import { Pager } from '../shared/Pager';
import { CategoryFilter, CountyFilter } from '../shared/ScopeFilters';
import { useCategories } from '../../../hooks/use-categories';
import { useListCursor } from '../shared/use-list-cursor';
import { useSelection } from '../shared/use-selection';
import { useShortcuts } from '../shared/use-shortcuts';
import { useUrlState, type UrlChanges } from '../shared/use-url-state';
import { PAGE_SIZE, readAlertFilters, toListQuery } from './alert-filters';
import { AlertBatchBar } from './AlertBatchBar';
import { AlertDetailPane } from './AlertDetailPane';
import { AlertList } from './AlertList';
import { AlertStatusTabs } from './AlertStatusTabs';
import { BatchDismissDialog } from './BatchDismissDialog';
import { BatchOutcomes, type BatchRun } from './BatchOutcomes';
import { useBatchTriage } from './use-batch-triage';

export function AlertsTab({ shortcutsOn }: { shortcutsOn: boolean }) {
  const { t } = useTranslation('desk');
  const { nameOf } = useCategories();
  const { get, update } = useUrlState();
  const filters = readAlertFilters(get);
  const openId = get('alert');
  const list = useLiveQuery<AlertPage>('/api/alerts', toListQuery(filters), { refreshOn: ['alert.'] });
  const items = list.data?.items ?? [];
  const { cursorId, setCursorId, move } = useListCursor(items, openId);
  const selection = useSelection(items);
  const triage = useBatchTriage();
  const [dismissing, setDismissing] = useState<string[] | null>(null);
  const [run, setRun] = useState<BatchRun | null>(null);
  const [failure, setFailure] = useState<Outcome>(null);

  const filter = (changes: UrlChanges) => update({ ...changes, page: undefined });
  const open = (id: string) => {
    setCursorId(id);
    if (id !== openId) update({ alert: id }, { push: true });
  };
  /** The chosen alerts, or with none chosen the one under the cursor. */
  const targets = () => (selection.ids.length > 0 ? selection.ids : cursorId ? [cursorId] : []);
  const labelOf = (alert: Alert) =>
    [nameOf(alert.category, alert.categoryName), alert.school.name, alert.camera?.name].filter(Boolean).join(' · ');

  const send = (ids: string[], action: BatchRun['action'], reason?: string) => {
    if (ids.length === 0) return;
    const labels = new Map(items.filter((alert) => ids.includes(alert.id)).map((alert) => [alert.id, labelOf(alert)]));
    setRun(null);
    setFailure(null);
    triage.mutate(
      { ids, action, reason },
      {
        onSuccess: ({ results }) => {
          setDismissing(null);
          setRun({ action, results, labels });
          selection.remove(results.filter((result) => result.ok).map((result) => result.id));
        },
        onError: (error) => setFailure({ kind: 'error', text: describeError(t, error, 'alert') }),
      },
    );
  };
  const askDismiss = () => {
    const ids = targets();
    if (ids.length > 0) setDismissing(ids);
  };
  const escape = () => {
    // Esc over a photo opened from the detail closes the photo (its own key), not the selection or the detail.
    if (document.querySelector('[aria-modal="true"]')) return;
    if (selection.ids.length > 0) selection.clear();
    else if (openId) update({ alert: undefined }, { push: true });
  };

  useShortcuts(
    {
      j: () => move(1),
      k: () => move(-1),
      Enter: () => cursorId && open(cursorId),
      x: () => cursorId && selection.toggle(cursorId),
      'Shift+x': () => cursorId && selection.toggle(cursorId, true),
      'Shift+a': selection.toggleAll,
      'Shift+c': () => send(targets(), 'confirm'),
      'Shift+d': askDismiss,
      Escape: escape,
    },
    shortcutsOn && dismissing === null,
  );

  return (
    <div className="desk-split">
      <div className="desk-list-pane">
        <AlertStatusTabs filters={filters} onStatus={(status) => filter({ status: status === 'new' ? undefined : status })} />
        <div className="desk-filters" role="search" aria-label={t('filters.label')}>
          <CountyFilter value={filters.county} onChange={(county) => filter({ county, camera: undefined })} />
          <CameraFilter county={filters.county} school={filters.school} value={filters.camera} onChange={(camera) => filter({ camera })} />
          <CategoryFilter value={filters.category} onChange={(category) => filter({ category })} />
        </div>
        <AlertBatchBar
          chosen={selection.ids.length}
          allChosen={selection.allChosen}
          busy={triage.isPending}
          onToggleAll={selection.toggleAll}
          onConfirm={() => send(selection.ids, 'confirm')}
          onDismiss={askDismiss}
          onClear={selection.clear}
        />
        {run && <BatchOutcomes run={run} onClose={() => setRun(null)} />}
        <OutcomeMessage outcome={failure} testId="batch" className="desk-outcome" />
        <div className="desk-scroll">
          <QueryState query={list}>
            {(data) => (
              <AlertList
                items={data.items}
                cursorId={cursorId}
                openId={openId}
                chosen={selection.chosen}
                onOpen={open}
                onToggle={selection.toggle}
              />
            )}
          </QueryState>
        </div>
        {list.data && <Pager total={list.data.total} page={filters.page} pageSize={PAGE_SIZE} onPage={(next) => update({ page: next })} />}
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
      {dismissing && (
        <BatchDismissDialog
          count={dismissing.length}
          busy={triage.isPending}
          onSubmit={(reason) => send(dismissing, 'dismiss', reason)}
          onClose={() => setDismissing(null)}
        />
      )}
    </div>
  );
}
