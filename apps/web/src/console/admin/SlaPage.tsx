import { useQuery, useQueryClient } from '@tanstack/react-query';
import { CATEGORY_LABELS, KIND_LABELS } from '@zhilv/contracts';
import { Button, Card, DatePicker, InputNumber, message, Select, Space, Switch, Table, Tag } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../lib/api';
import { label } from '../../lib/format';

type TDuration = { amount: number; unit: 'minutes' | 'working_days' };
type TPolicy = {
  kind: keyof typeof KIND_LABELS;
  category: keyof typeof CATEGORY_LABELS | null;
  response: TDuration;
  resolution: TDuration;
  pauseOnMaterial: boolean;
};
type THoliday = { date: string; kind: 'holiday' | 'workday'; name: string };

/** Deadlines per kind (and category) and the holiday calendar behind working-day deadlines; both audited. */
export function SlaPage() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const policies = useQuery({
    queryKey: ['sla'],
    queryFn: () => api.get<{ items: TPolicy[] }>('/api/admin/sla-policies'),
  });
  const holidays = useQuery({
    queryKey: ['holidays'],
    queryFn: () => api.get<{ items: THoliday[] }>('/api/admin/holidays'),
  });
  const [rows, setRows] = useState<TPolicy[]>([]);
  const [days, setDays] = useState<THoliday[]>([]);
  useEffect(() => setRows(policies.data?.items ?? []), [policies.data]);
  useEffect(() => setDays(holidays.data?.items ?? []), [holidays.data]);
  const save = async (url: string, items: unknown[], key: string) => {
    try {
      await api.put(url, { items });
      message.success(t('admin.saved'));
      qc.invalidateQueries({ queryKey: [key] });
    } catch (e) {
      message.error(e instanceof Error ? e.message : String(e));
    }
  };
  const patch = (i: number, p: Partial<TPolicy>) => setRows((r) => r.map((x, j) => (j === i ? { ...x, ...p } : x)));
  const duration = (i: number, which: 'response' | 'resolution') => {
    const d = rows[i][which];
    return (
      <Space.Compact>
        <InputNumber
          min={1}
          max={100000}
          value={d.amount}
          onChange={(v) => patch(i, { [which]: { ...d, amount: Number(v) || 1 } })}
          style={{ width: 90 }}
        />
        <Select
          value={d.unit}
          style={{ width: 110 }}
          onChange={(unit) => patch(i, { [which]: { ...d, unit } })}
          options={[
            { value: 'minutes', label: t('admin.minutes') },
            { value: 'working_days', label: t('admin.working_days') },
          ]}
        />
      </Space.Compact>
    );
  };
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Card
        title={t('menu.sla')}
        extra={
          <Button type="primary" onClick={() => save('/api/admin/sla-policies', rows, 'sla')} data-testid="sla-save">
            {t('common.save')}
          </Button>
        }
      >
        <Table<TPolicy>
          rowKey={(r) => `${r.kind}/${r.category}`}
          dataSource={rows}
          pagination={false}
          size="small"
          columns={[
            { title: t('wo.kind'), dataIndex: 'kind', render: (k) => label(KIND_LABELS, k) },
            {
              title: t('admin.category'),
              dataIndex: 'category',
              render: (c) => (c ? label(CATEGORY_LABELS, c) : <Tag>{t('common.all')}</Tag>),
            },
            { title: t('admin.response'), render: (_, __, i) => duration(i, 'response') },
            { title: t('admin.resolution'), render: (_, __, i) => duration(i, 'resolution') },
            {
              title: t('admin.pauseOnMaterial'),
              render: (_, r, i) => (
                <Switch checked={r.pauseOnMaterial} onChange={(v) => patch(i, { pauseOnMaterial: v })} />
              ),
            },
          ]}
        />
      </Card>
      <Card
        title={t('menu.holidays')}
        extra={
          <Space>
            <DatePicker
              onChange={(d) =>
                d &&
                setDays((x) =>
                  [
                    ...x.filter((h) => h.date !== d.format('YYYY-MM-DD')),
                    { date: d.format('YYYY-MM-DD'), kind: 'holiday' as const, name: '' },
                  ].sort((a, b) => a.date.localeCompare(b.date)),
                )
              }
            />
            <Button type="primary" onClick={() => save('/api/admin/holidays', days, 'holidays')}>
              {t('common.save')}
            </Button>
          </Space>
        }
      >
        <Table<THoliday>
          rowKey="date"
          dataSource={days}
          size="small"
          pagination={{ pageSize: 10, showTotal: (n) => t('common.total', { n }) }}
          columns={[
            { title: t('admin.date'), dataIndex: 'date', render: (d) => `${d} ${dayjs(d).format('ddd')}` },
            {
              title: t('admin.holidayKind'),
              render: (_, h) => (
                <Select
                  value={h.kind}
                  style={{ width: 140 }}
                  onChange={(kind) => setDays((x) => x.map((y) => (y.date === h.date ? { ...y, kind } : y)))}
                  options={[
                    { value: 'holiday', label: t('admin.holiday') },
                    { value: 'workday', label: t('admin.workday') },
                  ]}
                />
              ),
            },
            {
              title: t('common.actions'),
              render: (_, h) => (
                <Button type="link" danger onClick={() => setDays((x) => x.filter((y) => y.date !== h.date))}>
                  ✕
                </Button>
              ),
            },
          ]}
        />
      </Card>
    </Space>
  );
}
