// The counties' scores as horizontal bars, best at the top; a bar opens that county.
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { AssessedUnit } from '../../api/types';
import { EChart, type ChartClick } from '../bigscreen/charts/EChart';
import { axisStyle, CHART, tooltipStyle, type ChartOption } from '../bigscreen/charts/echarts-setup';

export function ScoreRanking({ units, onSelect }: { units: readonly AssessedUnit[]; onSelect: (unit: AssessedUnit) => void }) {
  const { t } = useTranslation('assessment');
  // ECharts draws a category axis bottom-up, so the worst comes first in the data.
  const ranked = useMemo(() => [...units].sort((a, b) => (a.score ?? -1) - (b.score ?? -1) || b.code.localeCompare(a.code)), [units]);
  const option = useMemo<ChartOption>(
    () => ({
      grid: { left: 8, right: 56, top: 4, bottom: 4, outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' },
      tooltip: { ...tooltipStyle, trigger: 'axis', axisPointer: { type: 'shadow' } },
      xAxis: { type: 'value', show: false, max: 100 },
      yAxis: {
        type: 'category',
        data: ranked.map((unit) => unit.name),
        ...axisStyle,
        axisLabel: { ...axisStyle.axisLabel, color: CHART.text, interval: 0 },
      },
      series: [
        {
          type: 'bar',
          name: t('score'),
          data: ranked.map((unit) => (unit.score === null ? null : Math.round(unit.score * 10) / 10)),
          itemStyle: { color: CHART.accent, borderRadius: [0, 3, 3, 0] },
          barWidth: '60%',
          barMaxWidth: 28,
          label: {
            show: true,
            position: 'right',
            color: CHART.text,
            fontSize: 15,
            formatter: (params: { value?: unknown }) => (typeof params.value === 'number' ? params.value.toFixed(1) : '—'),
          },
        },
      ],
    }),
    [ranked, t],
  );
  const onClick = (click: ChartClick) => {
    const unit = ranked[click.dataIndex];
    if (unit) onSelect(unit);
  };
  return (
    <div className="as-chart as-chart-tall">
      <EChart option={option} label={t('ranking')} onClick={onClick} testId="chart-score-ranking" />
    </div>
  );
}
