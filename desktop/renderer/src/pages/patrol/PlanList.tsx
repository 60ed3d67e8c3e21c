// Today's plan: the canteens to look at in order of priority, each with its risk grade, its last look and
// its state (to patrol, passed, failed), and the day's progress.
import { useTranslation } from 'react-i18next';
import type { PatrolPlan } from '../../api/types';
import { formatDate } from '../../format/time';
import { readReasons } from './plan-reasons';

interface Props {
  plan: PatrolPlan;
  selected: string | undefined;
  onSelect: (canteenId: string) => void;
}

export function PlanList({ plan, selected, onSelect }: Props) {
  const { t } = useTranslation('patrol');
  const { t: tc } = useTranslation();
  const share = plan.total > 0 ? plan.done / plan.total : 0;
  // A province's plan spans its cities: each canteen says which.
  const manyCities = new Set(plan.items.map((item) => item.city.code)).size > 1;
  return (
    <aside className="patrol-plan" aria-label={t('plan.title')}>
      <h2>{t('plan.title')}</h2>
      <p className="muted">{t('plan.date', { date: formatDate(`${plan.plan.date}T12:00:00+08:00`) })}</p>
      <div className="patrol-progress" data-testid="patrol-progress" data-done={plan.done} data-total={plan.total}>
        <span>{t('plan.progress', { done: plan.done, total: plan.total })}</span>
        <div className="patrol-progress-bar" role="progressbar" aria-valuemin={0} aria-valuemax={plan.total} aria-valuenow={plan.done}>
          <div style={{ width: `${share * 100}%` }} />
        </div>
      </div>
      {plan.items.length === 0 && <p className="muted">{t('plan.empty')}</p>}
      <ol className="plan-items">
        {plan.items.map((item) => {
          const reasons = readReasons(item.reasons);
          const state = item.status === 'done' ? (item.result ?? 'passed') : 'pending';
          return (
            <li
              key={item.id}
              data-testid="plan-item"
              data-canteen={item.canteen.id}
              data-status={item.status}
              data-result={item.result ?? undefined}
              className={item.canteen.id === selected ? 'selected' : undefined}
            >
              <button
                type="button"
                aria-current={item.canteen.id === selected ? 'true' : undefined}
                onClick={() => onSelect(item.canteen.id)}
              >
                <span className="plan-item-head">
                  <span className="plan-item-position">{item.position + 1}</span>
                  <span className="plan-item-name">
                    {item.school.name}
                    {item.canteen.name}
                  </span>
                  {item.risk ? (
                    <span className={`badge grade-${item.risk.grade}`} data-testid="plan-grade" data-grade={item.risk.grade}>
                      {tc(`grades.${item.risk.grade}`)}
                    </span>
                  ) : (
                    <span className="badge" data-testid="plan-grade">
                      {t('plan.ungraded')}
                    </span>
                  )}
                </span>
                <span className="plan-item-meta">
                  <span>{manyCities ? `${item.city.name} · ${item.county.name}` : item.county.name}</span>
                  <span>
                    {reasons.daysSinceLast === null
                      ? t('plan.never')
                      : reasons.daysSinceLast === 0
                        ? t('plan.lastToday')
                        : t('plan.daysSince', { count: reasons.daysSinceLast })}
                  </span>
                  {reasons.licenceExpired && <span className="bad">{t('plan.licenceExpired')}</span>}
                  {reasons.noLiveVideo && <span className="warn">{t('plan.noLiveVideo')}</span>}
                  {reasons.overdueTasks > 0 && <span className="warn">{t('plan.overdueTasks', { count: reasons.overdueTasks })}</span>}
                  <span className={`badge ${state === 'passed' ? 'ok' : state === 'failed' ? 'bad' : ''}`}>{t(`plan.${state}`)}</span>
                </span>
              </button>
            </li>
          );
        })}
      </ol>
    </aside>
  );
}
