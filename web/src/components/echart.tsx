import { init, use, type ECElementEvent, type ECharts, type EChartsCoreOption } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef, type CSSProperties } from 'react';

// Every chart draws on canvas. The chart types and components are registered by the modules that
// use them (`use([BarChart, …])` from 'echarts/core'), so a page carries only the ECharts it draws.
use([CanvasRenderer]);

export type { ECElementEvent, EChartsCoreOption };

export interface EChartProps {
  option: EChartsCoreOption;
  /** ECharts' own parameters of a click on a chart element (series, data index, data item, data type…) */
  onClick?: (params: ECElementEvent) => void;
  height?: number | string;
  /** merged over the host's width 100 % and height */
  style?: CSSProperties;
  testId?: string;
  /** replace the previous option instead of merging into it (the default: `option` is the whole chart) */
  notMerge?: boolean;
}

/**
 * The one React host of an ECharts instance: created on mount, given `option` whenever it changes,
 * resized with its box, disposed on unmount. The latest `onClick` is called with the raw event.
 */
export function EChart({ option, onClick, height = 320, style, testId, notMerge = true }: EChartProps) {
  const ref = useRef<HTMLDivElement>(null);
  const chart = useRef<ECharts | null>(null);
  const click = useRef(onClick);
  click.current = onClick;

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const c = init(el);
    chart.current = c;
    c.on('click', (params) => click.current?.(params));
    const ro = new ResizeObserver(() => c.resize());
    ro.observe(el);
    return () => {
      ro.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(option, notMerge);
  }, [option, notMerge]);

  return <div ref={ref} style={{ width: '100%', height, cursor: onClick ? 'pointer' : undefined, ...style }} data-testid={testId} />;
}
