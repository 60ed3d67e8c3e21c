// 综合评价 (#/assessment?period=2026-Q3&county=): the counties of the user's scope ranked for a month, quarter
// or year (for a province user its cities, #/assessment?city=), every indicator per unit, one unit's radar,
// counties or schools and trend, the records behind every figure, and the bulletins. The server scopes every
// figure: a county user sees its own county only, a city user its own city.
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import type { AssessedUnit, AssessmentResult } from '../../api/types';
import { isCommand, useSession } from '../../auth/session';
import { useLiveQuery } from '../../hooks/use-live-query';
import { BulletinsPanel } from './BulletinsPanel';
import type { IndicatorCode } from './indicators';
import type { AssessmentLevel } from './levels';
import { isPeriodId, kindOf, lastCompletePeriod, periodChoices, type PeriodKind } from './periods';
import { RecordsDrawer, type RecordsTarget } from './RecordsDrawer';
import { ScoreRanking } from './ScoreRanking';
import { UnitDetail } from './UnitDetail';
import { UnitTable } from './UnitTable';
import './assessment.css';

const CHOICES = { month: 12, quarter: 8, year: 4 } as const;

export function AssessmentPage() {
  const { t } = useTranslation('assessment');
  const { user } = useSession();
  const [params, setParams] = useSearchParams();
  const wanted = params.get('period');
  const period = wanted && isPeriodId(wanted) ? wanted : lastCompletePeriod('quarter');
  const [target, setTarget] = useState<RecordsTarget | null>(null);

  const result = useLiveQuery<AssessmentResult>('/api/assessment', { period });
  const units = useMemo(() => result.data?.units ?? [], [result.data]);
  // The units ranked at the top: a province's cities, else counties (a county user's one).
  const level = result.data?.level === 'city' ? 'city' : 'county';
  const selectedCode = params.get(level) ?? '';
  const update = (next: { period?: string; unit?: string }) => {
    const query = new URLSearchParams({ period: next.period ?? period, [level]: next.unit ?? selectedCode });
    setParams(query);
  };
  // A county user's scope holds one county: open it straight away.
  const selected = units.find((unit) => unit.code === selectedCode) ?? (units.length === 1 ? units[0] : undefined);
  const kind = kindOf(period);
  const choices = periodChoices(kind, CHOICES[kind]);
  if (!choices.includes(period)) choices.unshift(period);

  const openFigure = (unit: AssessedUnit, indicator: IndicatorCode, of: AssessmentLevel) =>
    setTarget({ indicator, [of]: unit.code, name: unit.name });

  return (
    <div className="as-page" data-testid="assessment-page">
      <header className="as-head">
        <h1>{t('title')}</h1>
        <div className="as-toolbar" role="group" aria-label={t('period')}>
          <div className="as-segmented">
            {(['month', 'quarter', 'year'] as const satisfies readonly PeriodKind[]).map((option) => (
              <button
                key={option}
                type="button"
                aria-pressed={kind === option}
                onClick={() => update({ period: lastCompletePeriod(option) })}
              >
                {t(`kind.${option}`)}
              </button>
            ))}
          </div>
          <label>
            {t('period')}
            <select value={period} onChange={(event) => update({ period: event.target.value })}>
              {choices.map((id) => (
                <option key={id} value={id}>
                  {id}
                </option>
              ))}
            </select>
          </label>
          {result.data && <span className="as-muted">{`${result.data.period.from} ~ ${result.data.period.to}`}</span>}
        </div>
      </header>
      {result.isPending && <p>{t('loading')}</p>}
      {result.error && <p className="as-error">{t('failed', { message: result.error.message })}</p>}
      {result.data && (
        <div className="as-grid">
          <section className="as-panel">
            <h2>{t(level === 'city' ? 'rankingCities' : 'ranking')}</h2>
            <ScoreRanking units={units} onSelect={(unit) => update({ unit: unit.code })} />
          </section>
          <section className="as-panel as-wide">
            <h2>{t('table')}</h2>
            <UnitTable
              units={units}
              level={level}
              selected={selected?.code}
              onSelect={(unit) => update({ unit: unit.code })}
              onFigure={(unit, indicator) => openFigure(unit, indicator, level)}
              testId={`${level}-table`}
            />
            <p className="as-muted" data-testid="assessment-rules">
              {t('rules', { hours: result.data.alertHandlingHours })}
            </p>
          </section>
          {selected && (
            <div className="as-full">
              <UnitDetail period={period} unit={selected} level={level} onFigure={openFigure} />
            </div>
          )}
          <div className="as-full">
            <BulletinsPanel period={period} units={units} pick={isCommand(user?.role) ? level : null} />
          </div>
        </div>
      )}
      {target && <RecordsDrawer period={period} target={target} onClose={() => setTarget(null)} />}
    </div>
  );
}
