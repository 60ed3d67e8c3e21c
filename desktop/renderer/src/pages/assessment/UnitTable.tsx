// Every indicator of each city, county or school: rate, score, rank and the change from the last period. Each
// rate opens the records behind it.
import { useTranslation } from 'react-i18next';
import type { AssessedUnit } from '../../api/types';
import { formatPercent } from '../../format/time';
import type { AssessmentLevel } from './levels';
import { formatCounts, formatScore, INDICATOR_CODES, indicatorLabel, type IndicatorCode } from './indicators';

function Change({ delta }: { delta: number | null }) {
  if (delta === null) return <span className="as-muted">—</span>;
  if (delta === 0) return <span className="as-muted">0.0</span>;
  return <span className={delta > 0 ? 'as-up' : 'as-down'}>{`${delta > 0 ? '▲' : '▼'} ${Math.abs(delta).toFixed(1)}`}</span>;
}

export function UnitTable({
  units,
  level,
  selected,
  onSelect,
  onFigure,
  testId,
}: {
  units: readonly AssessedUnit[];
  level: AssessmentLevel;
  selected?: string | undefined;
  onSelect?: (unit: AssessedUnit) => void;
  onFigure: (unit: AssessedUnit, indicator: IndicatorCode) => void;
  testId: string;
}) {
  const { t, i18n } = useTranslation('assessment');
  const ranked = [...units].sort((a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity) || a.code.localeCompare(b.code));
  return (
    <div className="as-table-wrap">
      <table className="as-table" data-testid={testId}>
        <thead>
          <tr>
            <th>{t('rank')}</th>
            <th>{t(level)}</th>
            <th>{t('score')}</th>
            <th>{t('change')}</th>
            {INDICATOR_CODES.map((code) => (
              <th key={code}>{indicatorLabel(code, i18n.language)}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {ranked.map((unit) => (
            <tr key={unit.code} data-unit={unit.code} aria-selected={selected === unit.code}>
              <td data-testid="unit-rank">{unit.rank ?? '—'}</td>
              <td>
                {onSelect ? (
                  <button type="button" className="as-link" onClick={() => onSelect(unit)}>
                    {unit.name}
                  </button>
                ) : (
                  unit.name
                )}
              </td>
              <td data-testid="unit-score">{formatScore(unit.score)}</td>
              <td>
                <Change delta={unit.scoreDelta} />
              </td>
              {unit.indicators.map((figure) => (
                <td key={figure.code} data-indicator={figure.code}>
                  <button
                    type="button"
                    className="as-link as-figure"
                    title={`${formatCounts(figure.code, figure.numerator, figure.denominator, (value) => t('hours', { value }))} · ${t('points')} ${figure.points.toFixed(1)}`}
                    onClick={() => onFigure(unit, figure.code)}
                  >
                    {formatPercent(figure.rate)}
                  </button>
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
