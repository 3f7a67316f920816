import { ScatterChart } from 'echarts/charts';
import { GridComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import type { TBizHit } from '../lib/businesses';

echarts.use([ScatterChart, GridComponent, TooltipComponent, CanvasRenderer]);

type TProps = {
  centre: { lng: number; lat: number };
  items: TBizHit[];
  nameOf: (b: TBizHit) => string;
  onPick: (b: TBizHit) => void;
};

/**
 * A plain scatter of nearby businesses on longitude/latitude axes (no tile server is reachable).
 * Loaded in its own chunk: only a tourist who opens the map downloads echarts.
 */
export function BusinessMap({ centre, items, nameOf, onPick }: TProps) {
  const el = useRef<HTMLDivElement>(null);
  const pick = useRef(onPick);
  pick.current = onPick;
  useEffect(() => {
    if (!el.current) return;
    const chart = echarts.init(el.current, undefined, { renderer: 'canvas' });
    const resize = () => chart.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.dispose();
    };
  }, []);
  useEffect(() => {
    if (!el.current) return;
    const chart = echarts.getInstanceByDom(el.current);
    if (!chart) return;
    const pts = items.filter((b) => b.lng !== null && b.lat !== null);
    chart.setOption(
      {
        grid: { left: 8, right: 8, top: 8, bottom: 8, containLabel: false },
        tooltip: { trigger: 'item', confine: true, formatter: (p: { name: string }) => p.name },
        xAxis: {
          type: 'value',
          scale: true,
          axisLabel: { show: false },
          splitLine: { lineStyle: { color: '#eef1f5' } },
        },
        yAxis: {
          type: 'value',
          scale: true,
          axisLabel: { show: false },
          splitLine: { lineStyle: { color: '#eef1f5' } },
        },
        series: [
          {
            type: 'scatter',
            symbolSize: 16,
            itemStyle: { color: '#12a2a8', borderColor: '#fff', borderWidth: 2 },
            emphasis: { scale: 1.5 },
            label: { show: pts.length <= 12, position: 'right', fontSize: 10, color: '#555', formatter: '{b}' },
            data: pts.map((b) => ({ name: nameOf(b), value: [b.lng, b.lat], id: b.id })),
          },
          {
            type: 'scatter',
            symbol: 'path://M4,0 L6,0 L6,4 L10,4 L10,6 L6,6 L6,10 L4,10 L4,6 L0,6 L0,4 L4,4 Z',
            symbolSize: 18,
            silent: true,
            itemStyle: { color: '#1d5fd1' },
            data: [{ name: '', value: [centre.lng, centre.lat] }],
          },
        ],
      },
      true,
    );
    chart.off('click');
    chart.on('click', (p) => {
      const id = (p.data as { id?: string } | undefined)?.id;
      const b = id ? pts.find((x) => x.id === id) : undefined;
      if (b) pick.current(b);
    });
  }, [items, centre, nameOf]);
  return <div ref={el} className="zlp-map" data-testid="business-map" />;
}
