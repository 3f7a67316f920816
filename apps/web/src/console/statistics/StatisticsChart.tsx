import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import ReactEChartsCore from 'echarts-for-react/esm/core';
import { useTranslation } from 'react-i18next';
import type { TStatsRow } from './StatisticsPage';

echarts.use([BarChart, LineChart, GridComponent, TooltipComponent, LegendComponent, CanvasRenderer]);

/** Volume as bars, in-time and satisfaction rates as lines on a percent axis. */
export default function StatisticsChart({ rows }: { rows: TStatsRow[] }) {
  const { t } = useTranslation();
  const pct = (x: number | null) => (x === null ? null : Math.round(x * 1000) / 10);
  const option = {
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 48, right: 48, top: 40, bottom: 80 },
    xAxis: { type: 'category', data: rows.map((r) => r.label), axisLabel: { rotate: 30, interval: 0 } },
    yAxis: [
      { type: 'value', name: t('stats.volume') },
      { type: 'value', name: '%', max: 100 },
    ],
    series: [
      { name: t('stats.volume'), type: 'bar', data: rows.map((r) => r.volume), itemStyle: { color: '#1d5fd1' } },
      {
        name: t('stats.resolvedInTime'),
        type: 'line',
        yAxisIndex: 1,
        data: rows.map((r) => pct(r.resolvedInTimeRate)),
      },
      { name: t('stats.satisfaction'), type: 'line', yAxisIndex: 1, data: rows.map((r) => pct(r.satisfactionRate)) },
    ],
  };
  return <ReactEChartsCore echarts={echarts} option={option} style={{ height: 320 }} notMerge />;
}
