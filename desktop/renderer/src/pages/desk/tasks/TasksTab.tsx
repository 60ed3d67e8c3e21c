// 任务办理: the inbox by state with filters on the left, the open task on the right. The URL holds the
// filters and the open task (…&task=<id>); j/k move the cursor, Enter opens, a/r/f/m start an action.
import { useState, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import type { TaskPage } from '../../../api/types';
import { QueryState } from '../../../components/QueryState';
import { useLiveQuery } from '../../../hooks/use-live-query';
import { Pager } from '../shared/Pager';
import { useListCursor } from '../shared/use-list-cursor';
import { useShortcuts } from '../shared/use-shortcuts';
import { useUrlState, type UrlChanges } from '../shared/use-url-state';
import { StateTabs } from './StateTabs';
import type { ActionRequest } from './TaskActions';
import { TaskDetailPane } from './TaskDetailPane';
import { TaskFilterBar } from './TaskFilterBar';
import { TaskList } from './TaskList';
import { PAGE_SIZE, readTaskFilters, toListQuery } from './task-filters';

export function TasksTab({ searchRef, shortcutsOn }: { searchRef: RefObject<HTMLInputElement | null>; shortcutsOn: boolean }) {
  const { t } = useTranslation('desk');
  const { get, update } = useUrlState();
  const filters = readTaskFilters(get);
  const openId = get('task');
  const list = useLiveQuery<TaskPage>('/api/tasks', toListQuery(filters), { refreshOn: ['task.'] });
  const items = list.data?.items ?? [];
  const { cursorId, setCursorId, move } = useListCursor(items, openId);
  const [request, setRequest] = useState<ActionRequest | null>(null);

  const filter = (changes: UrlChanges) => update({ ...changes, page: undefined });
  const open = (id: string) => {
    setCursorId(id);
    setRequest(null);
    if (id !== openId) update({ task: id }, { push: true });
  };
  const ask = (action: ActionRequest['action']) => {
    if (!openId && cursorId) open(cursorId);
    if (openId || cursorId) setRequest({ action, nonce: Date.now() });
  };

  useShortcuts(
    {
      j: () => move(1),
      k: () => move(-1),
      Enter: () => cursorId && open(cursorId),
      a: () => ask('approve'),
      r: () => ask('return'),
      f: () => ask('forward'),
      m: () => ask('remind'),
    },
    shortcutsOn,
  );

  return (
    <div className="desk-split">
      <div className="desk-list-pane">
        <StateTabs
          box={filters.box}
          state={filters.state}
          overdue={filters.overdue}
          onState={(state) => filter({ state: state === 'open' ? undefined : state })}
          onOverdue={(overdue) => filter({ overdue: overdue ? '1' : undefined })}
        />
        <TaskFilterBar filters={filters} searchRef={searchRef} onChange={filter} />
        <div className="desk-scroll">
          <QueryState query={list}>
            {(page) => <TaskList items={page.items} cursorId={cursorId} openId={openId} onOpen={open} />}
          </QueryState>
        </div>
        {list.data && <Pager total={list.data.total} page={filters.page} pageSize={PAGE_SIZE} onPage={(page) => update({ page })} />}
      </div>
      {openId ? (
        <TaskDetailPane taskId={openId} request={request} onOpenTask={open} onClose={() => update({ task: undefined }, { push: true })} />
      ) : (
        <section className="desk-detail panel desk-placeholder">
          <p className="muted">{t('list.pickOne')}</p>
        </section>
      )}
    </div>
  );
}
