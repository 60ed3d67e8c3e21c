// Who did what to the task and when, oldest first, with the evidence photos of each step.
import { useTranslation } from 'react-i18next';
import type { TaskDetail, TimelineEntry } from '../../../api/types';
import { formatDateTime } from '../../../format/time';
import { useActorName } from '../../../i18n/actor-name';
import { PhotoThumb } from '../shared/Photo';

function forwardedSchools(entry: TimelineEntry, task: TaskDetail): string[] {
  const children = entry.details?.children;
  if (!Array.isArray(children)) return [];
  return (children as Array<{ school?: string }>).map(
    (child) => task.children.find((c) => c.assignee.code === child.school)?.assignee.name ?? child.school ?? '',
  );
}

export function TaskTimeline({ task }: { task: TaskDetail }) {
  const { t } = useTranslation('desk');
  const actorName = useActorName();
  if (task.timeline.length === 0) return <p className="muted">{t('timeline.empty')}</p>;
  let photoNumber = 0;
  return (
    <ol className="desk-timeline" data-testid="task-timeline">
      {task.timeline.map((entry) => {
        const schools = forwardedSchools(entry, task);
        const changed = entry.from && entry.to && entry.from !== entry.to;
        return (
          <li key={entry.id} data-action={entry.action}>
            <div className="desk-timeline-head">
              <time dateTime={entry.at}>{formatDateTime(entry.at)}</time>
              <strong>{t(`timeline.actions.${entry.action}`, { defaultValue: entry.action })}</strong>
              {/* A system actor's name already says it was automatic (系统（流程）). */}
              {entry.details?.automatic === true && entry.actor.kind !== 'system' && (
                <span className="muted">{t('timeline.automatic')}</span>
              )}
              <span className="muted">{actorName(entry.actor)}</span>
              {changed && (
                <span className="muted">
                  {t(`common:taskStates.${entry.from}`)} → {t(`common:taskStates.${entry.to}`)}
                </span>
              )}
            </div>
            {entry.note && <p className="desk-note">{entry.note}</p>}
            {schools.length > 0 && <p className="muted">{t('timeline.forwardedTo', { schools: schools.join('、') })}</p>}
            {entry.attachmentIds.length > 0 && (
              <div className="desk-photos">
                {entry.attachmentIds.map((id) => (
                  <PhotoThumb key={id} id={id} label={t('photo.evidence', { n: ++photoNumber })} />
                ))}
              </div>
            )}
          </li>
        );
      })}
    </ol>
  );
}
