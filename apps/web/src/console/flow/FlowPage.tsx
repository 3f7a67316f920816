import { useQuery, useQueryClient } from '@tanstack/react-query';
import { OCCUPANCY_LEVEL_LABELS, type TOccupancy, type TSpotSettings } from '@zhilv/contracts';
import { Badge, Button, Card, DatePicker, Empty, Progress, Select, Space, Table, Tag } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, currentLang, qs } from '../../lib/api';
import { useMe } from '../../lib/auth';
import { fmtTime, inZone, isEn, label } from '../../lib/format';
import { useLiveInvalidate } from '../../lib/sse';
import { GovernmentReportsCard } from '../visitors/GovernmentReportsCard';

type TSpot = TSpotSettings & { occupancy: TOccupancy };
type TReportRow = {
  spotId: string;
  spotName: string;
  spotNameEn: string | null;
  day: string;
  instantCapacity: number;
  booked: number;
  checkedIn: number;
  entered: number;
  noShow: number | null;
  peakOccupancy: number;
};

/** The same colours as the gate page: green, gold, orange, red. */
const LEVEL_COLOR: Record<TOccupancy['level'], string> = {
  comfortable: 'green',
  busy: 'gold',
  crowded: 'orange',
  paused: 'red',
};
const SPOTS_KEY = ['flow', 'spots'];
const spotName = (s: { name?: string; spotName?: string; nameEn?: string | null; spotNameEn?: string | null }) =>
  (isEn() && (s.nameEn ?? s.spotNameEn)) || s.name || s.spotName || '—';

function LevelTag({ o }: { o: TOccupancy }) {
  return <Tag color={LEVEL_COLOR[o.level]}>{label(OCCUPANCY_LEVEL_LABELS, o.level)}</Tag>;
}

/** Live occupancy of every reservable spot: the list once, then each occupancy event patches its row in place. */
function LiveSpots() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const spots = useQuery({ queryKey: SPOTS_KEY, queryFn: () => api.get<TSpot[]>('/api/reservations/spots') });
  useLiveInvalidate('/api/reservations/occupancy/stream', 'occupancy', [], (data) => {
    const o = data as TOccupancy;
    if (!o?.spotId) return;
    qc.setQueryData<TSpot[]>(SPOTS_KEY, (old) => old?.map((s) => (s.spotId === o.spotId ? { ...s, occupancy: o } : s)));
  });
  const rows = (spots.data ?? []).filter((s) => s.reservable);
  return (
    <Card
      title={t('flow.title')}
      extra={<Badge status="processing" text={t('flow.live')} data-testid="flow-live" />}
      style={{ marginBottom: 16 }}
    >
      <Table<TSpot>
        rowKey="spotId"
        loading={spots.isLoading}
        dataSource={rows}
        pagination={false}
        size="middle"
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: <Empty description={t('flow.noSpots')} /> }}
        data-testid="flow-spots"
        columns={[
          { title: t('flow.spot'), key: 'name', render: (_, s) => spotName(s) },
          {
            title: t('flow.occupancy'),
            key: 'occupancy',
            align: 'right',
            render: (_, s) => (
              <span style={{ whiteSpace: 'nowrap' }}>
                <b data-testid="flow-occupancy" data-spot={s.spotId}>
                  {s.occupancy.occupancy}
                </b>{' '}
                <span style={{ color: '#5f6368' }}>/ {s.occupancy.instantCapacity}</span>
              </span>
            ),
          },
          {
            title: t('flow.load'),
            key: 'load',
            width: 240,
            render: (_, s) => {
              const pct = Math.round(s.occupancy.ratio * 1000) / 10;
              const color = LEVEL_COLOR[s.occupancy.level];
              return (
                <Progress
                  aria-label={`${spotName(s)} ${pct}%`}
                  percent={Math.min(100, pct)}
                  format={() => `${pct}%`}
                  strokeColor={color === 'green' ? undefined : color}
                  style={{ minWidth: 200, margin: 0 }}
                />
              );
            },
          },
          {
            title: t('flow.level'),
            key: 'level',
            render: (_, s) => (
              <Space size={4}>
                <LevelTag o={s.occupancy} />
                {s.occupancy.salesPaused && <Tag>{t('flow.salesPaused')}</Tag>}
              </Space>
            ),
          },
          { title: t('flow.hours'), key: 'hours', render: (_, s) => `${s.opensAt}–${s.closesAt}` },
          { title: t('flow.updatedAt'), key: 'updatedAt', render: (_, s) => fmtTime(s.occupancy.updatedAt) },
        ]}
      />
    </Card>
  );
}

/** 客流日报: per spot per day, filtered by a day range (default the last 7 days) and a spot, with its Excel export. */
function DailyReport() {
  const { t } = useTranslation();
  const today = inZone(new Date()).startOf('day');
  const [range, setRange] = useState<[Dayjs, Dayjs]>([
    dayjs(today.format('YYYY-MM-DD')).subtract(6, 'day'),
    dayjs(today.format('YYYY-MM-DD')),
  ]);
  const [spotId, setSpotId] = useState<string | undefined>();
  const spots = useQuery({ queryKey: SPOTS_KEY, queryFn: () => api.get<TSpot[]>('/api/reservations/spots') });
  const params = { from: range[0].format('YYYY-MM-DD'), to: range[1].format('YYYY-MM-DD'), spotId };
  const report = useQuery({
    queryKey: ['flow', 'daily', params],
    queryFn: () => api.get<{ items: TReportRow[] }>(`/api/reservations/reports/daily${qs(params)}`),
  });
  return (
    <Card title={t('flow.report')}>
      <Space wrap style={{ marginBottom: 16 }}>
        <DatePicker.RangePicker
          value={range}
          onChange={(v) => v?.[0] && v[1] && setRange([v[0], v[1]])}
          allowClear={false}
          disabledDate={(d) => d.isAfter(dayjs().add(1, 'year'))}
        />
        <Select
          allowClear
          style={{ minWidth: 200 }}
          placeholder={t('flow.allSpots')}
          aria-label={t('flow.allSpots')}
          value={spotId}
          onChange={(v) => setSpotId(v)}
          options={(spots.data ?? []).filter((s) => s.reservable).map((s) => ({ value: s.spotId, label: spotName(s) }))}
        />
        <Button
          type="primary"
          href={`/api/reservations/reports/daily/export${qs({ ...params, lang: currentLang() })}`}
          data-testid="flow-export"
        >
          {t('common.export')}
        </Button>
      </Space>
      <Table<TReportRow>
        rowKey={(r) => `${r.spotId}-${r.day}`}
        loading={report.isLoading}
        dataSource={report.data?.items ?? []}
        size="small"
        scroll={{ x: 'max-content' }}
        pagination={{ defaultPageSize: 20, showSizeChanger: true, showTotal: (n) => t('common.total', { n }) }}
        data-testid="flow-report"
        columns={[
          { title: t('flow.day'), dataIndex: 'day' },
          { title: t('flow.spot'), key: 'spot', render: (_, r) => spotName(r) },
          { title: t('flow.booked'), dataIndex: 'booked', align: 'right' },
          { title: t('flow.checkedIn'), dataIndex: 'checkedIn', align: 'right' },
          { title: t('flow.entered'), dataIndex: 'entered', align: 'right' },
          {
            title: t('flow.noShow'),
            dataIndex: 'noShow',
            align: 'right',
            render: (v: number | null) =>
              v === null ? <span style={{ color: '#5f6368' }}>{t('flow.noShowPending')}</span> : v,
          },
          {
            title: t('flow.peak'),
            dataIndex: 'peakOccupancy',
            align: 'right',
            render: (v: number, r) => (
              <span>
                {v} <span style={{ color: '#5f6368' }}>/ {r.instantCapacity}</span>
              </span>
            ),
          },
        ]}
      />
      {report.isError && <div style={{ color: '#cf1322' }}>{String(report.error)}</div>}
    </Card>
  );
}

export function FlowPage() {
  const me = useMe().data;
  return (
    <>
      <LiveSpots />
      <GovernmentReportsCard canRecord={me?.role === 'dispatcher'} />
      <DailyReport />
    </>
  );
}
