import { useEffect, useRef } from 'react';
import { BarChart as Bars } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

// Only the parts in use, so the chart chunk stays a fraction of the full library.
echarts.use([Bars, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

/** One ECharts instance per mount, resized with its container and replaced option by option. */
export function BarChart({ option, height = 360 }: { option: echarts.EChartsCoreOption; height?: number }) {
  const container = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);

  useEffect(() => {
    const element = container.current;
    if (!element) return;
    const instance = echarts.init(element);
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
    chart.current?.setOption(option, { notMerge: true });
  }, [option]);

  return <div ref={container} style={{ width: '100%', height }} data-testid="ledger-chart" />;
}
