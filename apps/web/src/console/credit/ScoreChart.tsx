import type { TScorePoint } from '@zhilv/contracts';
import { LineChart } from 'echarts/charts';
import { GridComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

echarts.use([LineChart, GridComponent, TooltipComponent, MarkLineComponent, CanvasRenderer]);

/** The score over time as steps (it changes only when an event starts, ends or is repaired), grade in the tooltip. */
export function ScoreChart({ history, thresholds }: { history: TScorePoint[]; thresholds: [number, number, number] }) {
  const el = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!el.current) return;
    const chart = echarts.init(el.current, undefined, { renderer: 'canvas' });
    chart.setOption({
      grid: { left: 36, right: 16, top: 16, bottom: 28 },
      tooltip: {
        trigger: 'axis',
        formatter: (ps: { value: [string, number, string] }[]) => {
          const [at, score, grade] = ps[0].value;
          return `${at.slice(0, 10)}<br/>${score} · ${grade}`;
        },
      },
      xAxis: { type: 'time' },
      yAxis: { type: 'value', scale: true },
      series: [
        {
          type: 'line',
          step: 'end',
          symbolSize: 6,
          data: history.map((p) => [p.at, p.score, p.grade]),
          markLine: {
            silent: true,
            symbol: 'none',
            lineStyle: { type: 'dashed', color: '#bbb' },
            label: { formatter: '{b}', position: 'insideEndTop' },
            data: (['A', 'B', 'C'] as const).map((g, i) => ({ name: g, yAxis: thresholds[i] })),
          },
        },
      ],
    });
    const resize = () => chart.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.dispose();
    };
  }, [history, thresholds]);
  return <div ref={el} style={{ width: '100%', height: 220 }} data-testid="score-chart" />;
}
