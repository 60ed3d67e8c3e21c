// The open task: the issuer's instruction first, then what, to whom, where (school, canteen, camera), by when,
// the alert's evidence, its parent and forwarded children, the actions the server allows this operator, and
// its timeline. It refetches on every task event, so a change made elsewhere shows here.
import { useTranslation } from 'react-i18next';
import { TaskPlaceFacts } from '../../../components/TaskPlaceFacts';
import type { TaskDetail, TaskSummary } from '../../../api/types';
import { QueryState } from '../../../components/QueryState';
import { formatDateTime } from '../../../format/time';
import { useLiveQuery } from '../../../hooks/use-live-query';
import { useCategories } from '../../../hooks/use-categories';
import { TaskActions, type ActionRequest } from './TaskActions';
import { TaskComment } from './TaskComment';
import { TaskEvidence, TaskInstruction } from './TaskContext';
import { TaskTimeline } from './TaskTimeline';
import { taskPath } from './use-task-action';

export function TaskStateBadge({ task, testId }: { task: Pick<TaskSummary, 'state' | 'overdue'>; testId?: string }) {
  const { t } = useTranslation('desk');
  const tone = task.state === 'closed' ? 'ok' : task.state === 'cancelled' ? '' : task.state === 'returned' ? 'warn' : 'accent';
  return (
    <span className="desk-state-cell">
      <span className={`badge state-${task.state} ${tone}`} data-testid={testId}>
        {t(`common:taskStates.${task.state}`)}
      </span>
      {task.overdue && <span className="badge bad">{t('list.overdue')}</span>}
    </span>
  );
}

export function TaskDetailPane({
  taskId,
  request,
  onOpenTask,
  onClose,
}: {
  taskId: string;
  request: ActionRequest | null;
  onOpenTask: (id: string) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation('desk');
  const query = useLiveQuery<TaskDetail>(taskPath(taskId), undefined, { refreshOn: ['task.'] });
  return (
    <section className="desk-detail panel" aria-label={t('detail.label')} data-testid="task-detail" data-task-id={taskId}>
      <QueryState query={query}>
        {(task) => <TaskDetailBody task={task} request={request} onOpenTask={onOpenTask} onClose={onClose} />}
      </QueryState>
    </section>
  );
}

function TaskDetailBody({
  task,
  request,
  onOpenTask,
  onClose,
}: {
  task: TaskDetail;
  request: ActionRequest | null;
  onOpenTask: (id: string) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation('desk');
  const { nameOf } = useCategories();
  return (
    <>
      <header className="desk-detail-head">
        <h2 data-testid="task-title">{task.title}</h2>
        <button type="button" className="link" onClick={onClose} aria-label={t('detail.close')}>
          ✕
        </button>
      </header>
      <div className="desk-detail-state">
        <TaskStateBadge task={task} testId="task-state" />
        <span className="muted">
          {t('detail.code')} {task.code}
        </span>
        {task.returnCount > 0 && <span className="badge warn">{t('detail.returns', { count: task.returnCount })}</span>}
        {task.remindCount > 0 && <span className="badge">{t('detail.reminders', { count: task.remindCount })}</span>}
      </div>
      <TaskInstruction task={task} />
      <dl className="desk-facts">
        <dt>{t('detail.assignee')}</dt>
        <dd data-testid="task-assignee">{task.assignee.name}</dd>
        <dt>{t('detail.issuer')}</dt>
        <dd>{task.issuer.name}</dd>
        {task.school && task.school.name !== task.assignee.name && (
          <>
            <dt>{t('detail.school')}</dt>
            <dd>{task.school.name}</dd>
          </>
        )}
        <TaskPlaceFacts canteen={task.canteen} camera={task.camera} />
        {task.category && (
          <>
            <dt>{t('detail.category')}</dt>
            <dd>{nameOf(task.category)}</dd>
          </>
        )}
        <dt>{t('detail.deadline')}</dt>
        <dd className={task.overdue ? 'desk-overdue' : undefined} data-testid="task-deadline">
          {formatDateTime(task.deadline)}
          {task.overdue && ` · ${t('detail.overdueSince')}`}
        </dd>
        <dt>{t('detail.source')}</dt>
        <dd>{t(`sources.${task.source}`, { defaultValue: task.source })}</dd>
        <dt>{t('detail.createdAt')}</dt>
        <dd>{formatDateTime(task.createdAt)}</dd>
      </dl>
      {task.description !== task.instruction && (
        <>
          <h3>{t('detail.description')}</h3>
          <p className="desk-note">{task.description || t('detail.noDescription')}</p>
        </>
      )}
      {task.evidence && <TaskEvidence evidence={task.evidence} />}
      {task.parentId && (
        <p>
          <button type="button" className="link" onClick={() => onOpenTask(task.parentId!)}>
            {t('detail.openParent')}
          </button>
        </p>
      )}
      {task.children.length > 0 && <TaskChildren task={task} onOpenTask={onOpenTask} />}
      <TaskActions task={task} request={request} />
      <h3>{t('detail.timeline')}</h3>
      <TaskTimeline task={task} />
      {task.allowedActions.includes('comment') && <TaskComment taskId={task.id} />}
    </>
  );
}

function TaskChildren({ task, onOpenTask }: { task: TaskDetail; onOpenTask: (id: string) => void }) {
  const { t } = useTranslation('desk');
  return (
    <>
      <h3>{t('detail.children', { open: task.openChildren, count: task.children.length })}</h3>
      <table className="grid desk-children" data-testid="task-children">
        <tbody>
          {task.children.map((child) => (
            <tr key={child.id} data-task-id={child.id}>
              <td>
                <button type="button" className="link" onClick={() => onOpenTask(child.id)}>
                  {child.assignee.name}
                </button>
              </td>
              <td>
                <TaskStateBadge task={child} />
              </td>
              <td className={child.overdue ? 'desk-overdue' : undefined}>{formatDateTime(child.deadline)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
