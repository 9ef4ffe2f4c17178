import { useEffect, useRef } from 'react';
import { LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

// Only the parts in use, so the chart chunk stays a fraction of the full library: what every chart
// needs here, each page registers its own chart type with echarts.use next to its option.
echarts.use([LegendComponent, TooltipComponent, CanvasRenderer]);

interface Props {
  option: echarts.EChartsCoreOption;
  height?: number;
  onClick?(params: echarts.ECElementEvent): void;
  testId?: string;
}

/** One ECharts instance per mount, resized with its container and replaced option by option. */
export function EChart({ option, height = 420, onClick, testId }: Props) {
  const container = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const click = useRef(onClick);

  useEffect(() => {
    click.current = onClick;
  }, [onClick]);

  useEffect(() => {
    const element = container.current;
    if (!element) return;
    const instance = echarts.init(element);
    instance.on('click', (params) => click.current?.(params));
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

  return <div ref={container} style={{ width: '100%', height }} data-testid={testId} />;
}
