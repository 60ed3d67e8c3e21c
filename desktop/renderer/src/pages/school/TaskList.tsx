// The school's tasks on one phone screen in their two phases: 挂账督办 (on the books: what it owes on top,
// then what awaits review) and 销号整改 (the history of closed tasks).
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { TaskSummary } from '../../api/types';
import { QueryState } from '../../components/QueryState';
import { TaskCard } from './TaskCard';
import { useHistoryTasks, useOpenTasks, useReviewTasks } from './use-school-tasks';
import { useNow } from './use-now';

const HISTORY_STEP = 20;

function Section({ id, title, count, children }: { id: string; title: string; count?: number; children: ReactNode }) {
  return (
    <section className="task-group" aria-labelledby={`${id}-heading`} data-testid={`${id}-tasks`}>
      <h3 id={`${id}-heading`}>
        {title}
        {count !== undefined && <span className="task-group-count"> {count}</span>}
      </h3>
      {children}
    </section>
  );
}

function Phase({ id, title, children }: { id: 'open' | 'closed'; title: string; children: ReactNode }) {
  return (
    <section className="task-phase" aria-labelledby={`phase-${id}-heading`} data-testid={`phase-${id}`}>
      <h2 id={`phase-${id}-heading`}>{title}</h2>
      {children}
    </section>
  );
}

function Cards({ tasks, now, empty }: { tasks: readonly TaskSummary[]; now: number; empty: string }) {
  if (tasks.length === 0) return <p className="muted">{empty}</p>;
  return (
    <ul className="task-cards">
      {tasks.map((task) => (
        <TaskCard key={task.id} task={task} now={now} />
      ))}
    </ul>
  );
}

export function TaskList() {
  const { t } = useTranslation('school');
  const now = useNow();
  const open = useOpenTasks();
  const review = useReviewTasks();
  const history = useHistoryTasks();
  const [shown, setShown] = useState(HISTORY_STEP);

  return (
    <div className="task-list">
      <Phase id="open" title={t('phases.open')}>
        <Section id="open" title={t('sections.open')} count={open.query.data ? open.items.length : undefined}>
          <QueryState query={open.query}>{() => <Cards tasks={open.items} now={now} empty={t('list.none')} />}</QueryState>
        </Section>
        <Section id="review" title={t('sections.review')} count={review.query.data ? review.items.length : undefined}>
          <QueryState query={review.query}>{() => <Cards tasks={review.items} now={now} empty={t('list.noneReview')} />}</QueryState>
        </Section>
      </Phase>
      <Phase id="closed" title={t('phases.closed')}>
        <Section id="history" title={t('sections.history')} count={history.query.data ? history.total : undefined}>
          <QueryState query={history.query}>
            {() => (
              <>
                <Cards tasks={history.items.slice(0, shown)} now={now} empty={t('list.noneHistory')} />
                {history.items.length > shown && (
                  <button type="button" className="big" onClick={() => setShown((n) => n + HISTORY_STEP)}>
                    {t('list.more', { total: history.items.length })}
                  </button>
                )}
              </>
            )}
          </QueryState>
        </Section>
      </Phase>
    </div>
  );
}
