// One ECharts canvas that follows its panel's size and takes new options as the data changes.
import { useEffect, useRef } from 'react';
import { CHART, echarts, type ChartOption } from './echarts-setup';

const CHART_FONT = `${CHART.fontSize}px ${CHART.font}`;

export interface ChartClick {
  name: string;
  dataIndex: number;
  seriesIndex?: number;
}

export function EChart({
  option,
  label,
  onClick,
  testId,
}: {
  option: ChartOption;
  label: string;
  onClick?: (click: ChartClick) => void;
  testId?: string;
}) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<ReturnType<typeof echarts.init> | null>(null);

  useEffect(() => {
    const element = box.current!;
    const instance = echarts.init(element, undefined, { renderer: 'canvas' });
    chart.current = instance;
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(element);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    const instance = chart.current;
    if (!instance) return;
    instance.setOption(option, { replaceMerge: ['series', 'xAxis', 'yAxis'] });
    // Text drawn on a canvas does not make the browser fetch the font subsets of its characters (the Chinese
    // font comes in slices by character range): ask for them, and draw again once they are there.
    const text = JSON.stringify(option);
    if (document.fonts.check(CHART_FONT, text)) return;
    let current = true;
    document.fonts.load(CHART_FONT, text).then(
      () => current && !instance.isDisposed() && instance.setOption(option, { notMerge: true }),
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [option]);

  useEffect(() => {
    const instance = chart.current;
    if (!instance || !onClick) return;
    const handler = (params: { name: string; dataIndex: number; seriesIndex?: number }) => onClick(params);
    instance.on('click', handler);
    return () => {
      if (!instance.isDisposed()) instance.off('click', handler);
    };
  }, [onClick]);

  return <div ref={box} className="bs-chart" role="img" aria-label={label} data-testid={testId} />;
}
