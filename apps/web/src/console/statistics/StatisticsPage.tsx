import { useQuery } from '@tanstack/react-query';
import { Button, Card, DatePicker, Segmented, Space, Table, Tabs, Tag } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { ChartFigure } from '../../components/ChartFigure';
import { api, currentLang, qs } from '../../lib/api';
import { fmtPct } from '../../lib/format';
import { HolderStats } from '../procedure/HolderStats';
import { OverdueList } from './OverdueList';

const Chart = lazy(() => import('./StatisticsChart'));

export type TStatsRow = {
  key: string | null;
  label: string;
  volume: number;
  respondedInTimeRate: number | null;
  resolvedInTimeRate: number | null;
  satisfactionRate: number | null;
  reopenRate: number | null;
  overdueNow: number;
};

export function StatisticsPage() {
  const { t } = useTranslation();
  const [search, setSearch] = useSearchParams();
  const tab = search.get('tab') === 'overdue' ? 'overdue' : 'table';
  const [groupBy, setGroupBy] = useState('department');
  const [range, setRange] = useState<[Dayjs, Dayjs]>([
    dayjs().subtract(90, 'day').startOf('day'),
    dayjs().add(1, 'day').startOf('day'),
  ]);
  const params = { groupBy, from: range[0].toISOString(), to: range[1].toISOString() };
  const stats = useQuery({
    queryKey: ['stats', params],
    queryFn: () => api.get<{ items: TStatsRow[] }>(`/api/statistics/work-orders${qs(params)}`),
  });
  const rows = stats.data?.items ?? [];
  return (
    <Card title={t('stats.title')}>
      <Space wrap style={{ marginBottom: 16 }}>
        <Segmented
          value={groupBy}
          onChange={(v) => setGroupBy(String(v))}
          options={[
            { value: 'department', label: t('stats.byDepartment') },
            { value: 'category', label: t('stats.byCategory') },
            { value: 'region', label: t('stats.byRegion') },
            { value: 'month', label: t('stats.byMonth') },
          ]}
        />
        <DatePicker.RangePicker
          value={range}
          onChange={(v) => v?.[0] && v[1] && setRange([v[0], v[1]])}
          allowClear={false}
        />
        <Button
          type="primary"
          href={`/api/statistics/work-orders/export${qs({ ...params, lang: currentLang() })}`}
          data-testid="stats-export"
        >
          {t('common.export')}
        </Button>
      </Space>
      <Tabs
        activeKey={tab}
        onChange={(k) => setSearch(k === 'table' ? {} : { tab: k }, { replace: true })}
        items={[
          {
            key: 'table',
            label: t('stats.title'),
            children: (
              <>
                <ChartFigure summary={t('charts.statistics', { n: rows.length })}>
                  <Suspense fallback={null}>
                    <Chart rows={rows} />
                  </Suspense>
                </ChartFigure>
                <Table<TStatsRow>
                  data-testid="stats-table"
                  rowKey={(r) => String(r.key)}
                  loading={stats.isLoading}
                  dataSource={rows}
                  pagination={false}
                  size="small"
                  scroll={{ x: 'max-content' }}
                  columns={[
                    { title: t('stats.groupBy'), dataIndex: 'label' },
                    { title: t('stats.volume'), dataIndex: 'volume', sorter: (a, b) => a.volume - b.volume },
                    { title: t('stats.respondedInTime'), dataIndex: 'respondedInTimeRate', render: fmtPct },
                    { title: t('stats.resolvedInTime'), dataIndex: 'resolvedInTimeRate', render: fmtPct },
                    { title: t('stats.satisfaction'), dataIndex: 'satisfactionRate', render: fmtPct },
                    { title: t('stats.reopenRate'), dataIndex: 'reopenRate', render: fmtPct },
                    {
                      title: t('stats.overdueNow'),
                      dataIndex: 'overdueNow',
                      render: (v: number) => (v ? <Tag color="red">{v}</Tag> : 0),
                    },
                  ]}
                />
                <HolderStats from={params.from} to={params.to} />
              </>
            ),
          },
          {
            key: 'overdue',
            label: t('stats.overdueList'),
            children: <OverdueList />,
          },
        ]}
      />
    </Card>
  );
}
