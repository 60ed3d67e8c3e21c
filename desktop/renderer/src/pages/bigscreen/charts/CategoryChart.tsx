// Alerts by category, today beside the last 30 days; a bar leads to the desk's alerts of that category.
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { DashboardSummary } from '../../../api/types';
import { drill } from '../drill';
import { useCategoryName } from '../use-category-names';
import { EChart, type ChartClick } from './EChart';
import { axisStyle, CHART, tooltipStyle, type ChartOption } from './echarts-setup';

const SHOWN = 8;

export function CategoryChart({ categories }: { categories: DashboardSummary['categories'] }) {
  const { t } = useTranslation('bigscreen');
  const nameOf = useCategoryName();
  // The categories of the last 30 days (today's are among them), most first, the top few.
  const codes = useMemo(() => categories.last30Days.slice(0, SHOWN).map((row) => row.code), [categories]);
  const option = useMemo<ChartOption>(() => {
    const today = new Map(categories.today.map((row) => [row.code, row.count]));
    const month = new Map(categories.last30Days.map((row) => [row.code, row.count]));
    const shown = [...codes].reverse();
    return {
      grid: { left: 8, right: 36, top: 32, bottom: 4, outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' },
      legend: { top: 0, right: 0, textStyle: { color: CHART.muted, fontSize: CHART.fontSize, fontFamily: CHART.font }, itemWidth: 14 },
      tooltip: { ...tooltipStyle, trigger: 'axis', axisPointer: { type: 'shadow' } },
      xAxis: { type: 'value', minInterval: 1, ...axisStyle },
      yAxis: {
        type: 'category',
        data: shown.map(nameOf),
        ...axisStyle,
        axisLabel: { ...axisStyle.axisLabel, color: CHART.text, interval: 0 },
      },
      series: [
        {
          name: t('panels.last30Days'),
          type: 'bar',
          data: shown.map((code) => month.get(code) ?? 0),
          itemStyle: { color: '#2c5d8f', borderRadius: [0, 3, 3, 0] },
          barGap: '-100%',
          barWidth: '62%',
          label: { show: true, position: 'right', color: CHART.muted, fontSize: 14 },
        },
        {
          name: t('panels.today'),
          type: 'bar',
          data: shown.map((code) => today.get(code) ?? 0),
          itemStyle: { color: CHART.warn, borderRadius: [0, 3, 3, 0] },
          barWidth: '62%',
        },
      ],
    };
  }, [categories, codes, nameOf, t]);
  const onClick = (click: ChartClick) => {
    const code = [...codes].reverse()[click.dataIndex];
    if (code) location.hash = drill.alerts({ category: code });
  };
  if (codes.length === 0) return <p className="muted bs-empty">{t('feed.empty')}</p>;
  return <EChart option={option} label={t('panels.categories')} onClick={onClick} testId="chart-categories" />;
}
