// The radar chart the county view draws, registered on the big screen's ECharts core (the shared setup
// carries only bars and lines).
import { RadarChart, type RadarSeriesOption } from 'echarts/charts';
import { RadarComponent, type RadarComponentOption } from 'echarts/components';
import type { ComposeOption } from 'echarts/core';
import { echarts } from '../bigscreen/charts/echarts-setup';

echarts.use([RadarChart, RadarComponent]);

export type RadarOption = ComposeOption<RadarSeriesOption | RadarComponentOption>;
