// What the school is asked and why: the issuer's instruction (整改要求: the note given when the task was
// dispatched or forwarded to the school; a task without one asks what its description says), and the
// evidence of the alert it was made from — what was seen on which camera, how often, when, and its snapshot.
import { useTranslation } from 'react-i18next';
import type { TaskDetail } from '../../api/types';
import { formatDateTime } from '../../format/time';
import { useCategories } from '../../hooks/use-categories';
import { AttachmentStrip } from './AttachmentStrip';

export function Instruction({ task }: { task: TaskDetail }) {
  const { t } = useTranslation('school');
  return (
    <>
      <section className="task-section task-instruction" data-testid="task-instruction">
        <h3>{t('task.asked')}</h3>
        <p className="task-description">{task.instruction ?? (task.description || t('task.noDescription'))}</p>
      </section>
      {task.instruction && task.description && task.description !== task.instruction && (
        <section className="task-section">
          <h3>{t('context.about')}</h3>
          <p className="task-description">{task.description}</p>
        </section>
      )}
    </>
  );
}

export function Evidence({ task, evidence }: { task: TaskDetail; evidence: NonNullable<TaskDetail['evidence']> }) {
  const { t } = useTranslation('school');
  const { nameOf } = useCategories();
  const first = formatDateTime(evidence.firstSeenAt);
  const last = formatDateTime(evidence.lastSeenAt);
  return (
    <section className="task-section" data-testid="task-evidence">
      <h3>{t('context.evidence')}</h3>
      <p>{t('context.seen', { category: nameOf(evidence.category, evidence.categoryName), count: evidence.count })}</p>
      {task.camera && <p>{t('context.where', { canteen: task.canteen?.name ?? '—', camera: task.camera.name })}</p>}
      <p className="muted">{first === last ? first : t('context.between', { first, last })}</p>
      {evidence.snapshotId && <AttachmentStrip ids={[evidence.snapshotId]} label={t('context.snapshot')} />}
    </section>
  );
}
