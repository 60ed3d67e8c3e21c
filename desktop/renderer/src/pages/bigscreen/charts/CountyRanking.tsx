// Counties ranked on one measure at a time (patrol pass rate, cameras online, overdue tasks, alerts today);
// a bar leads to that county's tasks at the desk.
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DashboardCounty } from '../../../api/types';
import { formatPercent } from '../../../format/time';
import { drill } from '../drill';
import { EChart, type ChartClick } from './EChart';
import { axisStyle, CHART, tooltipStyle, type ChartOption } from './echarts-setup';

const METRICS = ['passRate', 'onlineRate', 'overdueTasks', 'alertsToday'] as const;
type Metric = (typeof METRICS)[number];

/** The least height of one county's bar and name (its label is 15 px). */
const ROW_PX = 24;

/** The measure's value, whether higher is better, and its bar colour. */
const measure: Record<
  Metric,
  { value: (county: DashboardCounty) => number | null; percent: boolean; higherIsBetter: boolean; color: string }
> = {
  passRate: { value: (c) => c.patrol30Days.passRate, percent: true, higherIsBetter: true, color: CHART.ok },
  onlineRate: { value: (c) => c.cameras.onlineRate, percent: true, higherIsBetter: true, color: CHART.accent },
  overdueTasks: { value: (c) => c.overdueTasks, percent: false, higherIsBetter: false, color: CHART.bad },
  alertsToday: { value: (c) => c.alertsToday, percent: false, higherIsBetter: false, color: CHART.warn },
};

/** `onOpen`: what a bar leads to instead of the county's tasks (a province's cities drill into the city). */
export function CountyRanking({
  counties,
  title,
  onOpen,
}: {
  counties: readonly DashboardCounty[];
  title: string;
  onOpen?: (code: string) => void;
}) {
  const { t } = useTranslation('bigscreen');
  const [metric, setMetric] = useState<Metric>('passRate');
  const spec = measure[metric];
  // Best at the top: ECharts draws a category axis bottom-up, so the worst comes first in the data.
  const ranked = useMemo(() => {
    const score = (county: DashboardCounty) => spec.value(county) ?? (spec.higherIsBetter ? -1 : Infinity);
    return [...counties].sort((a, b) => (spec.higherIsBetter ? score(a) - score(b) : score(b) - score(a)) || b.code.localeCompare(a.code));
  }, [counties, spec]);
  const option = useMemo<ChartOption>(() => {
    // A bar's value as the label and the tooltip write it: a rate as every other rate on the screen.
    const written = (value: unknown) => (typeof value !== 'number' ? '—' : spec.percent ? formatPercent(value / 100) : String(value));
    return {
      grid: { left: 8, right: 56, top: 4, bottom: 4, outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' },
      tooltip: { ...tooltipStyle, trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: written },
      xAxis: { type: 'value', show: false, max: spec.percent ? 100 : undefined },
      yAxis: {
        type: 'category',
        data: ranked.map((c) => c.name),
        ...axisStyle,
        axisLabel: { ...axisStyle.axisLabel, color: CHART.text, interval: 0 },
      },
      series: [
        {
          type: 'bar',
          name: t(`ranking.${metric}`),
          // Percentages are drawn on a 0–100 axis.
          data: ranked.map((c) => {
            const value = spec.value(c);
            return value === null ? null : spec.percent ? value * 100 : value;
          }),
          itemStyle: { color: spec.color, borderRadius: [0, 3, 3, 0] },
          barWidth: '60%',
          label: {
            show: true,
            position: 'right',
            color: CHART.text,
            fontSize: 15,
            formatter: (params: { value?: unknown }) => written(params.value),
          },
        },
      ],
    };
  }, [ranked, spec, metric, t]);
  const onClick = (click: ChartClick) => {
    const county = ranked[click.dataIndex];
    if (!county) return;
    if (onOpen) onOpen(county.code);
    else location.hash = drill.countyTasks(county.code);
  };
  return (
    <div className="bs-ranking">
      <div className="bs-segmented" role="group" aria-label={title}>
        {METRICS.map((option) => (
          <button key={option} type="button" aria-pressed={metric === option} onClick={() => setMetric(option)}>
            {t(`ranking.${option}`)}
          </button>
        ))}
      </div>
      {/* Each county keeps a readable row; a short screen scrolls the ranking rather than crowding the names. */}
      <div className="bs-ranking-bars">
        <div className="bs-ranking-track" style={{ minHeight: `${ranked.length * ROW_PX}px` }}>
          <EChart option={option} label={`${title}：${t(`ranking.${metric}`)}`} onClick={onClick} testId="chart-ranking" />
        </div>
      </div>
      <ol className="bs-visually-hidden">
        {[...ranked].reverse().map((county) => (
          <li key={county.code}>
            {onOpen ? (
              <button type="button" onClick={() => onOpen(county.code)}>
                {county.name}
              </button>
            ) : (
              <a href={drill.countyTasks(county.code)}>{county.name}</a>
            )}
          </li>
        ))}
      </ol>
    </div>
  );
}
