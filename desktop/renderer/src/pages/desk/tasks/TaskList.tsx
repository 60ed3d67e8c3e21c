// The rows of the inbox: overdue first, then by deadline (the server's order). The row under the keyboard
// cursor is aria-selected; the open one is marked too. Clicking a row opens it.
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { TaskSummary } from '../../../api/types';
import { formatShort } from '../../../format/time';
import { TaskStateBadge } from './TaskDetailPane';

export function TaskList({
  items,
  cursorId,
  openId,
  onOpen,
}: {
  items: TaskSummary[];
  cursorId: string | undefined;
  openId: string | undefined;
  onOpen: (id: string) => void;
}) {
  const { t } = useTranslation('desk');
  const body = useRef<HTMLTableSectionElement>(null);
  useEffect(() => {
    if (!cursorId) return;
    body.current?.querySelector(`[data-task-id="${cursorId}"]`)?.scrollIntoView({ block: 'nearest' });
  }, [cursorId]);
  if (items.length === 0) return <p className="muted desk-empty">{t('list.empty')}</p>;
  return (
    <table className="grid desk-list" aria-label={t('list.tasks')}>
      <thead>
        <tr>
          <th>{t('list.state')}</th>
          <th>{t('list.title')}</th>
          <th>{t('list.target')}</th>
          <th>{t('list.deadline')}</th>
          <th>{t('list.issuer')}</th>
        </tr>
      </thead>
      <tbody ref={body}>
        {items.map((task) => (
          <tr
            key={task.id}
            data-testid="task-row"
            data-task-id={task.id}
            aria-selected={task.id === cursorId}
            className={[task.id === cursorId ? 'selected' : '', task.id === openId ? 'open' : '', task.overdue ? 'overdue' : '']
              .filter(Boolean)
              .join(' ')}
            onClick={() => onOpen(task.id)}
          >
            <td>
              <TaskStateBadge task={task} />
            </td>
            <td>
              <div className="desk-row-title">{task.title}</div>
              <div className="muted desk-row-code">{task.code}</div>
            </td>
            <td>
              {task.assignee.name}
              {task.school && task.school.name !== task.assignee.name && <div className="muted">{task.school.name}</div>}
            </td>
            <td className={task.overdue ? 'desk-overdue' : undefined}>
              <time dateTime={task.deadline}>{formatShort(task.deadline)}</time>
            </td>
            <td>{task.issuer.name}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
