// The last 30 days: alerts raised against tasks dispatched and closed, one point per Shanghai day.
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { DashboardTrend } from '../../../api/types';
import { drill } from '../drill';
import { EChart } from './EChart';
import { axisStyle, CHART, tooltipStyle, type ChartOption } from './echarts-setup';

export function TrendChart({ trend }: { trend: DashboardTrend }) {
  const { t } = useTranslation('bigscreen');
  const option = useMemo<ChartOption>(() => {
    const days = trend.days.map((row) => row.day.slice(5));
    const line = (name: string, color: string, values: number[], area = false): ChartOption['series'] => ({
      name,
      type: 'line',
      data: values,
      smooth: true,
      symbol: 'circle',
      symbolSize: 5,
      lineStyle: { color, width: 3 },
      itemStyle: { color },
      ...(area ? { areaStyle: { color, opacity: 0.15 } } : {}),
    });
    return {
      grid: { left: 8, right: 12, top: 36, bottom: 4, outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' },
      legend: { top: 0, textStyle: { color: CHART.muted, fontSize: CHART.fontSize, fontFamily: CHART.font }, itemWidth: 18 },
      tooltip: { ...tooltipStyle, trigger: 'axis' },
      xAxis: { type: 'category', data: days, boundaryGap: false, ...axisStyle },
      yAxis: { type: 'value', minInterval: 1, ...axisStyle },
      series: [
        line(
          t('panels.alertsRaised'),
          CHART.warn,
          trend.days.map((row) => row.alertsRaised),
          true,
        ),
        line(
          t('panels.tasksDispatched'),
          CHART.accent,
          trend.days.map((row) => row.tasksDispatched),
        ),
        line(
          t('panels.tasksClosed'),
          CHART.ok,
          trend.days.map((row) => row.tasksClosed),
        ),
      ] as ChartOption['series'],
    };
  }, [trend, t]);
  return <EChart option={option} label={t('panels.trend')} onClick={() => (location.hash = drill.alerts())} testId="chart-trend" />;
}
