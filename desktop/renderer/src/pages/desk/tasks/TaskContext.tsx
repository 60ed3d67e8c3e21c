// What a task carries from where it began: the issuer's instruction (整改要求: the note given when it was
// dispatched or forwarded), shown above everything else, and the alert it was made from — its snapshot,
// what was seen how often and when, with a way back to the alert itself.
import { useTranslation } from 'react-i18next';
import type { TaskDetail } from '../../../api/types';
import { formatDateTime } from '../../../format/time';
import { PhotoThumb } from '../shared/Photo';
import { useCategories } from '../../../hooks/use-categories';
import { useUrlState } from '../shared/use-url-state';

export function TaskInstruction({ task }: { task: TaskDetail }) {
  const { t } = useTranslation('desk');
  if (!task.instruction) return null;
  return (
    <section className="desk-instruction" data-testid="task-instruction" aria-labelledby="desk-instruction-title">
      <h3 id="desk-instruction-title">{t('context.instruction')}</h3>
      <p>{task.instruction}</p>
    </section>
  );
}

export function TaskEvidence({ evidence }: { evidence: NonNullable<TaskDetail['evidence']> }) {
  const { t } = useTranslation('desk');
  const { nameOf } = useCategories();
  const { update } = useUrlState();
  const openAlert = () =>
    update({ tab: 'alerts', alert: evidence.alertId, status: 'all', task: undefined, state: undefined, page: undefined }, { push: true });
  return (
    <section data-testid="task-evidence" aria-labelledby="desk-evidence-title">
      <h3 id="desk-evidence-title">{t('context.evidence')}</h3>
      <div className="desk-evidence">
        {evidence.snapshotId ? (
          <PhotoThumb id={evidence.snapshotId} label={t('context.snapshot')} size="large" />
        ) : (
          <p className="muted">{t('context.noSnapshot')}</p>
        )}
        <dl className="desk-facts">
          <dt>{t('detail.category')}</dt>
          <dd>{t('context.seen', { category: nameOf(evidence.category, evidence.categoryName), count: evidence.count })}</dd>
          <dt>{t('context.firstSeen')}</dt>
          <dd>{formatDateTime(evidence.firstSeenAt)}</dd>
          <dt>{t('context.lastSeen')}</dt>
          <dd>{formatDateTime(evidence.lastSeenAt)}</dd>
          <dd>
            <button type="button" className="link" onClick={openAlert} data-testid="task-open-alert">
              {t('context.openAlert')}
            </button>
          </dd>
        </dl>
      </div>
    </section>
  );
}
