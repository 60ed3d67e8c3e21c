// The ranking where a screen covers one county: ranking the county against itself says nothing, so its
// canteens are ranked instead, highest risk score first, each opening its card on the map.
import { useTranslation } from 'react-i18next';
import type { CanteenRisk } from '../../api/types';

export function CanteenRanking({ canteens, onOpen }: { canteens: readonly CanteenRisk[]; onOpen: (canteenId: string) => void }) {
  const { t } = useTranslation('bigscreen');
  const { t: common } = useTranslation();
  if (canteens.length === 0) return <p className="muted bs-empty">{t('canteenRanking.empty')}</p>;
  return (
    <ol className="bs-canteen-ranking" data-testid="canteen-ranking">
      {canteens.map((row, index) => (
        <li key={row.canteen.id}>
          <button type="button" className="bs-canteen-rank" data-canteen={row.canteen.id} onClick={() => onOpen(row.canteen.id)}>
            <span className="bs-rank-number">{index + 1}</span>
            <span className="bs-rank-name">
              <span>{row.school.name}</span>
              <span className="muted">{row.canteen.name}</span>
            </span>
            <span className={`bs-rank-grade grade-${row.grade}`}>{common(`grades.${row.grade}`)}</span>
            <span className="bs-rank-score">{t('card.score', { score: Math.round(row.score) })}</span>
          </button>
        </li>
      ))}
    </ol>
  );
}
