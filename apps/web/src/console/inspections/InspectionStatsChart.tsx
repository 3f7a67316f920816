import type { TStatsRow } from '@zhilv/contracts';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import ReactEChartsCore from 'echarts-for-react/esm/core';
import { useTranslation } from 'react-i18next';
import { nameIn } from '../../lib/format';

echarts.use([BarChart, LineChart, GridComponent, TooltipComponent, LegendComponent, CanvasRenderer]);

/** Inspections and hazards as bars, coverage as a line on a percent axis. */
export default function InspectionStatsChart({ rows }: { rows: TStatsRow[] }) {
  const { t } = useTranslation();
  const option = {
    // Drawn at once: a report read (and printed) as it is, not grown into.
    animation: false,
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 48, right: 48, top: 40, bottom: 80 },
    xAxis: {
      type: 'category',
      data: rows.map((r) => nameIn(r.name, r.nameEn)),
      axisLabel: { rotate: 30, interval: 0 },
    },
    yAxis: [
      { type: 'value', name: t('inspections.count') },
      { type: 'value', name: '%', max: 100 },
    ],
    series: [
      {
        name: t('inspections.statInspections'),
        type: 'bar',
        data: rows.map((r) => r.inspections),
        itemStyle: { color: '#1d5fd1' },
      },
      {
        name: t('inspections.statHazards'),
        type: 'bar',
        data: rows.map((r) => r.hazardsFound),
        itemStyle: { color: '#d4380d' },
      },
      {
        name: t('inspections.coverage'),
        type: 'line',
        yAxisIndex: 1,
        data: rows.map((r) => Math.round(r.coverage * 1000) / 10),
      },
    ],
  };
  return <ReactEChartsCore echarts={echarts} option={option} style={{ height: 320 }} notMerge />;
}
