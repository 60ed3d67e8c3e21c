// ECharts with only what the big screen draws (bar and line charts on a grid, tooltips, legends, on canvas),
// so the bundle carries no unused chart types, and the colours of the dark command-room theme.
import { BarChart, LineChart, type BarSeriesOption, type LineSeriesOption } from 'echarts/charts';
import {
  GridComponent,
  LegendComponent,
  TooltipComponent,
  type GridComponentOption,
  type LegendComponentOption,
  type TooltipComponentOption,
} from 'echarts/components';
import * as echarts from 'echarts/core';
import type { ComposeOption } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export { echarts };

export type ChartOption = ComposeOption<
  BarSeriesOption | LineSeriesOption | GridComponentOption | LegendComponentOption | TooltipComponentOption
>;

export const CHART = {
  text: '#e8eef8',
  muted: '#8ea3bf',
  line: '#24364f',
  accent: '#3fa9ff',
  ok: '#2ecc71',
  warn: '#f5b83d',
  bad: '#ff5a5f',
  font: "'Noto Sans SC', 'Microsoft YaHei', sans-serif",
  fontSize: 16,
};

/** Axis styling shared by every chart: readable labels, quiet lines. */
export const axisStyle = {
  axisLabel: { color: CHART.muted, fontSize: CHART.fontSize, fontFamily: CHART.font },
  axisLine: { lineStyle: { color: CHART.line } },
  splitLine: { lineStyle: { color: CHART.line } },
  axisTick: { show: false },
};

export const tooltipStyle: TooltipComponentOption = {
  backgroundColor: '#16243a',
  borderColor: CHART.line,
  textStyle: { color: CHART.text, fontSize: CHART.fontSize, fontFamily: CHART.font },
};
