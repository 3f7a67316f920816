import { useQuery } from '@tanstack/react-query';
import type { TStatsRow } from '@zhilv/contracts';
import { Button, Card, Col, message, Row, Segmented, Select, Space, Statistic } from 'antd';
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ChartFigure } from '../../components/ChartFigure';
import { ResponsiveTable } from '../../components/ResponsiveTable';
import { api, qs } from '../../lib/api';
import { fmtPct, nameIn } from '../../lib/format';
import { download } from './parts';

const Chart = lazy(() => import('./InspectionStatsChart'));

type TStats = {
  by: string;
  year: number;
  quarter: number | null;
  rows: TStatsRow[];
  totals: {
    inspections: number;
    hazardsFound: number;
    hazardsClosedOnTime: number;
    hazardsOverdue: number;
    nightWeekendShare: number;
  };
};

/** 检查统计: per county, grid or department — inspections, coverage, hazards found / on time / overdue, 白+黑 5+2. */
export function InspectionStatsPage() {
  const { t } = useTranslation();
  const [by, setBy] = useState<'county' | 'grid' | 'department'>('county');
  const year = new Date().getFullYear();
  const [quarter, setQuarter] = useState<number | undefined>();
  const filter = { by, year, quarter };
  const q = useQuery({
    queryKey: ['console', 'inspections', 'stats', filter],
    queryFn: () => api.get<TStats>(`/api/inspections/stats${qs(filter)}`),
  });
  const s = q.data;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Card
        title={t('inspections.statsTitle')}
        extra={
          <Button
            onClick={() =>
              download(`/api/inspections/stats/export${qs(filter)}`, 'inspections.xlsx').catch((e) =>
                message.error(e.message),
              )
            }
          >
            {t('inspections.export')}
          </Button>
        }
      >
        <Space wrap style={{ marginBottom: 12 }}>
          <Segmented
            value={by}
            onChange={(v) => setBy(v as typeof by)}
            options={[
              { value: 'county', label: t('inspections.byCounty') },
              { value: 'grid', label: t('inspections.byGrid') },
              { value: 'department', label: t('inspections.byDepartment') },
            ]}
          />
          <Select<number>
            allowClear
            style={{ width: 140 }}
            placeholder={t('inspections.wholeYear', { year })}
            aria-label={t('inspections.wholeYear', { year })}
            value={quarter}
            onChange={setQuarter}
            options={[1, 2, 3, 4].map((n) => ({ value: n, label: `${year} Q${n}` }))}
          />
        </Space>
        <Row gutter={[12, 12]}>
          <Col xs={12} md={6}>
            <Statistic title={t('inspections.statInspections')} value={s?.totals.inspections ?? 0} />
          </Col>
          <Col xs={12} md={6}>
            <Statistic title={t('inspections.statHazards')} value={s?.totals.hazardsFound ?? 0} />
          </Col>
          <Col xs={12} md={6}>
            <Statistic title={t('inspections.closedOnTime')} value={s?.totals.hazardsClosedOnTime ?? 0} />
          </Col>
          <Col xs={12} md={6}>
            <Statistic title={t('inspections.nightWeekendShare')} value={fmtPct(s?.totals.nightWeekendShare)} />
          </Col>
        </Row>
      </Card>
      <Card size="small">
        {s && (
          <ChartFigure summary={t('charts.inspections', { n: Math.min(30, s.rows.length) })}>
            <Suspense fallback={null}>
              <Chart rows={s.rows.slice(0, 30)} />
            </Suspense>
          </ChartFigure>
        )}
      </Card>
      <Card size="small">
        <ResponsiveTable<TStatsRow>
          rowKey="key"
          loading={q.isLoading}
          dataSource={s?.rows ?? []}
          data-testid="insp-stats-table"
          pagination={{ pageSize: 50 }}
          columns={[
            { title: t('inspections.name'), key: 'n', render: (_, r) => nameIn(r.name, r.nameEn) },
            { title: t('inspections.statInspections'), dataIndex: 'inspections' },
            {
              title: t('inspections.coverage'),
              key: 'c',
              render: (_, r) => (by === 'department' ? '—' : fmtPct(r.coverage)),
            },
            { title: t('inspections.night'), dataIndex: 'night' },
            { title: t('inspections.weekend'), dataIndex: 'weekend' },
            { title: t('inspections.statHazards'), dataIndex: 'hazardsFound' },
            { title: t('inspections.closedOnTime'), dataIndex: 'hazardsClosedOnTime' },
            { title: t('inspections.overdue'), dataIndex: 'hazardsOverdue' },
          ]}
        />
      </Card>
    </Space>
  );
}
