// One task in the list: a big touch target with its title, state, issuer, where in the kitchen (canteen and
// camera, for a task made from an alert) and deadline, coloured when it is overdue or due within a day.
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { TaskSummary } from '../../api/types';
import { formatShort } from '../../format/time';
import { urgencyOf, urgencyText } from './deadline';

export function StateBadge({ state }: { state: TaskSummary['state'] }) {
  const { t } = useTranslation();
  const tone = state === 'returned' ? 'bad' : state === 'submitted' ? 'warn' : state === 'closed' ? 'ok' : '';
  return (
    <span className={`badge ${tone}`} data-testid="task-state" data-state={state}>
      {t(`taskStates.${state}`)}
    </span>
  );
}

export function TaskCard({ task, now }: { task: TaskSummary; now: number }) {
  const { t } = useTranslation('school');
  const urgency = urgencyOf(task, now);
  const pressing = urgencyText(task, now, t);
  return (
    <li>
      <Link
        to={`/school?task=${task.id}`}
        className={`task-card urgency-${urgency}`}
        data-testid="task-card"
        data-task-id={task.id}
        data-urgency={urgency}
      >
        <span className="task-card-top">
          <span className="task-card-title">{task.title}</span>
          <StateBadge state={task.state} />
        </span>
        <span className="task-card-meta muted">{t('list.issuer', { name: task.issuer.name })}</span>
        {task.camera && (
          <span className="task-card-meta muted" data-testid="task-card-place">
            {t('context.where', { canteen: task.canteen?.name ?? '—', camera: task.camera.name })}
          </span>
        )}
        <span className="task-card-meta">
          <span className="muted">{t('list.deadline', { time: formatShort(task.deadline) })}</span>
          {pressing && <span className={`urgency-text urgency-text-${urgency}`}>{pressing}</span>}
        </span>
        {(task.returnCount > 0 || task.remindCount > 0) && (
          <span className="task-card-meta muted">
            {task.returnCount > 0 && <span>{t('list.returned', { count: task.returnCount })}</span>}
            {task.remindCount > 0 && <span>{t('list.reminded', { count: task.remindCount })}</span>}
          </span>
        )}
      </Link>
    </li>
  );
}
