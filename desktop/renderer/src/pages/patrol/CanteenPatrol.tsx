// A canteen under patrol: its cameras live beside the checklist, the snapshots taken, and the submission;
// once submitted, the result and the way to the next canteen.
import { useTranslation } from 'react-i18next';
import type { Checklist, PatrolPlan } from '../../api/types';
import { CanteenCameras } from './CanteenCameras';
import { ChecklistForm } from './ChecklistForm';
import { readReasons } from './plan-reasons';
import { PatrolResult } from './PatrolResult';
import { PatrolSnapshots } from './PatrolSnapshots';
import { SubmitBar } from './SubmitBar';
import { usePatrolForm } from './use-patrol-form';

type PlanItem = PatrolPlan['items'][number];

interface Props {
  canteenId: string;
  item: PlanItem | undefined;
  checklist: Checklist;
  next: { id: string; name: string } | null;
  onNext: (canteenId: string) => void;
}

export function CanteenPatrol({ canteenId, item, checklist, next, onNext }: Props) {
  const { t } = useTranslation('patrol');
  const { t: tc } = useTranslation();
  const form = usePatrolForm(canteenId, checklist);
  const reasons = item ? readReasons(item.reasons) : null;
  return (
    <div className="patrol-canteen">
      <header className="patrol-canteen-head">
        <h2 data-testid="patrol-canteen">{item ? `${item.school.name}${item.canteen.name}` : t('canteen.notInPlan')}</h2>
        {item && <span className="muted">{item.county.name}</span>}
        {item?.risk && <span className={`badge grade-${item.risk.grade}`}>{tc(`grades.${item.risk.grade}`)}</span>}
        {item?.risk && <span className="muted">{t('plan.risk', { score: Math.round(item.risk.score) })}</span>}
        {item && !item.risk && <span className="badge">{t('plan.ungraded')}</span>}
        {reasons?.due && <span className="badge warn">{t('plan.due')}</span>}
        {reasons && reasons.recentAlerts > 0 && <span className="muted">{t('plan.recentAlerts', { count: reasons.recentAlerts })}</span>}
      </header>
      <div className="patrol-workspace">
        <div className="patrol-left">
          <CanteenCameras canteenId={canteenId} onCaptured={(shot, camera) => form.addSnapshot(shot, camera.name)} />
          <PatrolSnapshots form={form} />
        </div>
        <div className="patrol-right">
          {form.record ? (
            <PatrolResult record={form.record} next={next} onNext={onNext} />
          ) : (
            <>
              <ChecklistForm checklist={checklist} form={form} />
              <SubmitBar form={form} />
            </>
          )}
        </div>
      </div>
    </div>
  );
}
