// One city or county: its nine indicators on a radar, its counties or schools ranked (each figure opening its
// records), and its score over the last few periods of the same kind.
import { useQueries } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { AssessedUnit, AssessmentResult } from '../../api/types';
import type { AssessmentLevel } from './levels';
import { useLiveQuery } from '../../hooks/use-live-query';
import { EChart } from '../bigscreen/charts/EChart';
import { axisStyle, CHART, tooltipStyle, type ChartOption } from '../bigscreen/charts/echarts-setup';
import { indicatorLabel, INDICATOR_CODES, type IndicatorCode } from './indicators';
import { periodsEndingWith } from './periods';
import type { RadarOption } from './radar-setup';
import { UnitTable } from './UnitTable';
import './radar-setup';

const TREND_PERIODS = 4;

/** The units one level down: a city's counties, a county's schools. */
const CHILD = { city: 'county', county: 'school' } as const;

export function UnitDetail({
  period,
  unit: node,
  level,
  onFigure,
}: {
  period: string;
  unit: AssessedUnit;
  level: 'city' | 'county';
  onFigure: (unit: AssessedUnit, indicator: IndicatorCode, level: AssessmentLevel) => void;
}) {
  const { t, i18n } = useTranslation('assessment');
  const child = CHILD[level];
  const children = useLiveQuery<AssessmentResult>('/api/assessment', { period, [level]: node.code });
  const trendIds = useMemo(() => periodsEndingWith(period, TREND_PERIODS), [period]);
  const trend = useQueries({
    queries: trendIds.map((id) => ({
      queryKey: ['/api/assessment', { period: id }],
      queryFn: () => api.get<AssessmentResult>('/api/assessment', { period: id }),
    })),
  });
  // useQueries gives a new array each render: key the chart on the scores' text.
  const trendKey = JSON.stringify(trend.map((result) => result.data?.units.find((unit) => unit.code === node.code)?.score ?? null));

  const radar = useMemo(
    () =>
      ({
        tooltip: { ...tooltipStyle },
        radar: {
          indicator: INDICATOR_CODES.map((code) => ({ name: indicatorLabel(code, i18n.language), max: 100 })),
          axisName: { color: CHART.muted, fontSize: 14, fontFamily: CHART.font },
          splitLine: { lineStyle: { color: CHART.line } },
          splitArea: { show: false },
          axisLine: { lineStyle: { color: CHART.line } },
        },
        series: [
          {
            type: 'radar',
            name: node.name,
            data: [
              {
                name: node.name,
                value: INDICATOR_CODES.map((code) => {
                  const rate = node.indicators.find((figure) => figure.code === code)?.rate;
                  return rate === null || rate === undefined ? 0 : Math.round(rate * 1000) / 10;
                }),
                areaStyle: { color: 'rgba(63, 169, 255, 0.25)' },
                lineStyle: { color: CHART.accent },
                itemStyle: { color: CHART.accent },
              },
            ],
          },
        ],
      }) satisfies RadarOption,
    [node, i18n.language],
  );

  const trendOption = useMemo<ChartOption>(
    () => ({
      grid: { left: 8, right: 24, top: 24, bottom: 4, outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' },
      tooltip: { ...tooltipStyle, trigger: 'axis' },
      xAxis: { type: 'category', data: trendIds, ...axisStyle },
      yAxis: { type: 'value', min: 0, max: 100, ...axisStyle },
      series: [
        {
          type: 'line',
          name: t('score'),
          data: (JSON.parse(trendKey) as (number | null)[]).map((score) => (score === null ? null : Math.round(score * 10) / 10)),
          itemStyle: { color: CHART.ok },
          label: { show: true, color: CHART.text, fontSize: 14 },
          connectNulls: true,
        },
      ],
    }),
    [trendIds, trendKey, t],
  );

  return (
    <section
      className="as-detail"
      data-testid={`${level}-detail`}
      data-unit={node.code}
      data-county={level === 'county' ? node.code : undefined}
    >
      <div className="as-detail-charts">
        <div className="as-panel">
          <h2>{t('radar', { name: node.name })}</h2>
          <div className="as-chart">
            <EChart option={radar as ChartOption} label={t('radar', { name: node.name })} testId="chart-radar" />
          </div>
        </div>
        <div className="as-panel">
          <h2>{t('trend', { name: node.name })}</h2>
          <div className="as-chart">
            <EChart option={trendOption} label={t('trend', { name: node.name })} testId="chart-trend" />
          </div>
        </div>
      </div>
      <div className="as-panel">
        <h2>{t(child === 'school' ? 'schools' : 'counties', { name: node.name })}</h2>
        {children.isPending && <p>{t('loading')}</p>}
        {children.error && <p className="as-error">{t('failed', { message: children.error.message })}</p>}
        {children.data && (
          <UnitTable
            units={children.data.units}
            level={child}
            onFigure={(unit, indicator) => onFigure(unit, indicator, child)}
            testId={`${child}-table`}
          />
        )}
      </div>
    </section>
  );
}
