// 办理记录: every action on the task, oldest first, with who, when, what was said and the photos.
import { useTranslation } from 'react-i18next';
import type { TimelineEntry } from '../../api/types';
import { formatDateTime } from '../../format/time';
import { useActorName } from '../../i18n/actor-name';
import { AttachmentStrip } from './AttachmentStrip';

export function Timeline({ entries }: { entries: readonly TimelineEntry[] }) {
  const { t, i18n } = useTranslation('school');
  const actorName = useActorName();
  const actionLabel = (action: string) =>
    i18n.exists(`school:timelineActions.${action}`) ? t(`timelineActions.${action}` as 'timelineActions.dispatch') : action;
  return (
    <ol className="timeline" data-testid="timeline">
      {entries.map((entry) => (
        <li key={entry.id} className={`timeline-entry timeline-${entry.action}`}>
          <div className="timeline-head">
            <strong>{actionLabel(entry.action)}</strong>
            <span className="muted">{formatDateTime(entry.at)}</span>
          </div>
          <div className="muted">{actorName(entry.actor)}</div>
          {entry.note && <p className="timeline-note">{entry.note}</p>}
          <AttachmentStrip ids={entry.attachmentIds} label={actionLabel(entry.action)} />
        </li>
      ))}
    </ol>
  );
}
