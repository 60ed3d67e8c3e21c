// One task on the phone: where (canteen, camera) and by when, the reason it came back if it did, what is
// asked (the issuer's 整改要求) and why (the alert's evidence and snapshot, the notice's files), what the
// school may do now (签收, 提交整改, 留言) and the timeline.
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TaskPlaceFacts } from '../../components/TaskPlaceFacts';
import { Link } from 'react-router';
import { ApiError, api } from '../../api/client';
import type { TaskDetail } from '../../api/types';
import { formatDateTime } from '../../format/time';
import { useLiveQuery } from '../../hooks/use-live-query';
import { AttachmentStrip } from './AttachmentStrip';
import { CommentForm } from './CommentForm';
import { urgencyOf, urgencyText } from './deadline';
import { RectifyForm } from './RectifyForm';
import { StateBadge } from './TaskCard';
import { Evidence, Instruction } from './TaskContext';
import { Timeline } from './Timeline';
import { actionErrorText } from './upload-errors';
import { useNow } from './use-now';

function AcceptButton({ task, onDone, onRefused }: { task: TaskDetail; onDone: (task: TaskDetail) => void; onRefused: () => void }) {
  const { t } = useTranslation('school');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const accept = async () => {
    setBusy(true);
    setError(null);
    try {
      onDone(await api.post<TaskDetail>(`/api/tasks/${task.id}/actions`, { action: 'accept', version: task.version }));
    } catch (failure) {
      setError(actionErrorText(failure, t));
      onRefused();
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="panel school-form">
      {error && (
        <p className="school-alert" role="alert">
          {error}
        </p>
      )}
      <button type="button" className="primary big" disabled={busy} onClick={() => void accept()}>
        {busy ? t('actions.accepting') : t('actions.accept')}
      </button>
    </div>
  );
}

function TaskBody({ task, onChanged, onRefused }: { task: TaskDetail; onChanged: (task: TaskDetail) => void; onRefused: () => void }) {
  const { t } = useTranslation('school');
  const now = useNow();
  const urgency = urgencyOf(task, now);
  const pressing = urgencyText(task, now, t);
  // The alert's snapshot, shown with its evidence, is not repeated among the notice's files.
  const notice = task.timeline
    .filter((entry) => entry.action === 'dispatch')
    .flatMap((entry) => entry.attachmentIds)
    .filter((id) => id !== task.evidence?.snapshotId);
  const lastReturn = task.state === 'returned' ? task.timeline.filter((entry) => entry.action === 'return').at(-1) : undefined;
  const can = (action: TaskDetail['allowedActions'][number]) => task.allowedActions.includes(action);

  return (
    <article className="task-view" data-testid="task-view" data-task-id={task.id} data-state={task.state}>
      <header className="task-view-head">
        <h1>{task.title}</h1>
        <StateBadge state={task.state} />
        <div className="muted">{t('task.code', { code: task.code })}</div>
      </header>

      <dl className="task-facts">
        <dt>{t('task.issuer')}</dt>
        <dd>{task.issuer.name}</dd>
        <dt>{t('task.deadline')}</dt>
        <dd className={`urgency-${urgency}`}>
          {formatDateTime(task.deadline)}
          {pressing && <span className={`urgency-text urgency-text-${urgency}`}> {pressing}</span>}
        </dd>
        <TaskPlaceFacts canteen={task.canteen} camera={task.camera} />
      </dl>

      {lastReturn?.note && (
        <section className="task-section return-reason" data-testid="return-reason">
          <h3>{t('task.returnReason')}</h3>
          <p>{lastReturn.note}</p>
        </section>
      )}

      <Instruction task={task} />

      {task.evidence && <Evidence task={task} evidence={task.evidence} />}

      <section className="task-section">
        <h3>{t('task.evidence')}</h3>
        {notice.length > 0 ? <AttachmentStrip ids={notice} label={t('task.evidence')} /> : <p className="muted">{t('task.noEvidence')}</p>}
      </section>

      {can('accept') && <AcceptButton task={task} onDone={onChanged} onRefused={onRefused} />}
      {can('submit') && <RectifyForm task={task} onDone={onChanged} onRefused={onRefused} />}
      {task.state === 'submitted' && (
        <p className="panel school-waiting" role="status">
          {t('task.waiting')}
        </p>
      )}
      {task.state === 'closed' && <p className="panel school-ok">{t('task.closed')}</p>}
      {task.state === 'cancelled' && <p className="panel muted">{t('task.cancelled')}</p>}

      <section className="task-section">
        <h3>{t('task.timeline')}</h3>
        <Timeline entries={task.timeline} />
      </section>

      {can('comment') && <CommentForm task={task} onDone={onChanged} />}
    </article>
  );
}

export function TaskView({ taskId }: { taskId: string }) {
  const { t } = useTranslation('school');
  const client = useQueryClient();
  const path = `/api/tasks/${taskId}`;
  const query = useLiveQuery<TaskDetail>(path, undefined, { refreshOn: ['task.'] });

  const onChanged = (task: TaskDetail) => {
    client.setQueryData([path, {}], task);
    void client.invalidateQueries({ queryKey: ['/api/tasks'] });
  };
  const onRefused = () => void query.refetch();

  return (
    <div className="task-view-page">
      <Link to="/school" className="back-link">
        ← {t('task.back')}
      </Link>
      {query.isPending && <p className="muted">{t('common:state.loading')}</p>}
      {query.isError &&
        (query.error instanceof ApiError && query.error.status === 404 ? (
          <p className="school-alert" role="alert">
            {t('task.notFound')}
          </p>
        ) : (
          <p className="school-alert" role="alert">
            {t('common:state.error', { message: query.error.message })}
          </p>
        ))}
      {query.data && <TaskBody task={query.data} onChanged={onChanged} onRefused={onRefused} />}
    </div>
  );
}
