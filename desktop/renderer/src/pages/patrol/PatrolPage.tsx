// The patrol console: today's plan on the side; a chosen canteen (#/patrol?canteen=<id>) with its cameras
// live beside the remote-patrol checklist; answer, capture, submit, and on to the next canteen.
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import type { Checklist, PatrolPlan } from '../../api/types';
import { QueryState } from '../../components/QueryState';
import { useLiveQuery } from '../../hooks/use-live-query';
import { CanteenPatrol } from './CanteenPatrol';
import { PlanList } from './PlanList';
import './patrol.css';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The remote-patrol checklist in force (the inspection form is for on-site visits). */
const patrolChecklist = (items: Checklist[]) =>
  items.find((list) => list.active && list.kind === 'remote_patrol') ?? items.find((list) => list.active);

export function PatrolPage() {
  const { t } = useTranslation('patrol');
  const [params, setParams] = useSearchParams();
  const wanted = params.get('canteen');
  const canteenId = wanted && UUID.test(wanted) ? wanted : undefined;
  const plan = useLiveQuery<PatrolPlan>('/api/patrol/plan', undefined, { refreshOn: ['patrol.'] });
  const checklists = useLiveQuery<{ items: Checklist[] }>('/api/checklists');
  const choose = (id: string) => setParams({ canteen: id });

  return (
    <div className="patrol-page">
      <QueryState query={plan}>{(data) => <PlanList plan={data} selected={canteenId} onSelect={choose} />}</QueryState>
      <div className="patrol-main">
        <h1 className="patrol-title">{t('title')}</h1>
        {!canteenId ? (
          <p className="muted patrol-choose">{t('canteen.choose')}</p>
        ) : (
          <QueryState query={checklists}>
            {(lists) => {
              const checklist = patrolChecklist(lists.items);
              if (!checklist) return <p className="error">{t('checklist.none')}</p>;
              const items = plan.data?.items ?? [];
              const item = items.find((entry) => entry.canteen.id === canteenId);
              const at = item ? items.indexOf(item) : -1;
              const following = [...items.slice(at + 1), ...items.slice(0, Math.max(0, at))].find(
                (entry) => entry.status === 'pending' && entry.canteen.id !== canteenId,
              );
              return (
                <CanteenPatrol
                  // A new canteen is a new patrol: fresh answers, snapshots and idempotency key.
                  key={canteenId}
                  canteenId={canteenId}
                  item={item}
                  checklist={checklist}
                  next={following ? { id: following.canteen.id, name: `${following.school.name}${following.canteen.name}` } : null}
                  onNext={choose}
                />
              );
            }}
          </QueryState>
        )}
      </div>
    </div>
  );
}
