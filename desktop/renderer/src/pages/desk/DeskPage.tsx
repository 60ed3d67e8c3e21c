// 调度台: the dispatch desk of a county operator with a hundred tasks and of the city duty room — the task
// inbox with its detail and actions, alert triage, a new task, and bulk notices — driven by the URL
// (#/desk?tab=tasks|alerts|create|bulk&…) and by the keyboard (? lists the keys).
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AlertsTab } from './alerts/AlertsTab';
import { BulkDispatchTab } from './create/BulkDispatchTab';
import { CreateTaskTab } from './create/CreateTaskTab';
import { ShortcutHelp } from './shared/ShortcutHelp';
import { useShortcuts } from './shared/use-shortcuts';
import { DESK_TABS, useUrlState, type DeskTab } from './shared/use-url-state';
import { TasksTab } from './tasks/TasksTab';
import './desk.css';

export function DeskPage() {
  const { t } = useTranslation('desk');
  const { tab, update } = useUrlState();
  const [help, setHelp] = useState(false);
  const searchRef = useRef<HTMLInputElement>(null);

  const goTo = (next: DeskTab) => update({ tab: next, page: undefined }, { push: true });
  const openTask = (id: string) =>
    update({ tab: 'tasks', task: id, state: undefined, overdue: undefined, page: undefined }, { push: true });

  useShortcuts({ '?': () => setHelp((shown) => !shown), '/': () => searchRef.current?.focus() }, !help);
  useShortcuts({ '?': () => setHelp(false), Escape: () => setHelp(false) }, help);

  return (
    <div className="desk">
      <header className="desk-head">
        <h1>{t('title')}</h1>
        <div className="desk-tabs" role="tablist" aria-label={t('tabs.label')}>
          {DESK_TABS.map((name) => (
            <button key={name} type="button" role="tab" aria-selected={tab === name} onClick={() => goTo(name)}>
              {t(`tabs.${name}`)}
            </button>
          ))}
        </div>
        <span className="desk-spacer" />
        <button type="button" className="link" onClick={() => setHelp(true)} aria-keyshortcuts="?">
          {t('shortcuts.button')} <kbd>?</kbd>
        </button>
      </header>
      <div className="desk-body" role="tabpanel" aria-label={t(`tabs.${tab}`)}>
        {tab === 'tasks' && <TasksTab searchRef={searchRef} shortcutsOn={!help} />}
        {tab === 'alerts' && <AlertsTab shortcutsOn={!help} />}
        {tab === 'create' && <CreateTaskTab onOpenTask={openTask} />}
        {tab === 'bulk' && (
          <BulkDispatchTab onShowSent={() => update({ tab: 'tasks', box: 'outbox', state: 'all', page: undefined }, { push: true })} />
        )}
      </div>
      {help && <ShortcutHelp onClose={() => setHelp(false)} />}
    </div>
  );
}
