import { useQuery, useQueryClient } from '@tanstack/react-query';
import { CATEGORY_LABELS, KIND_LABELS } from '@zhilv/contracts';
import { Button, Card, InputNumber, message, Select, Space, Switch, Table, Tag } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../lib/api';
import { label } from '../../../lib/format';
import { HolidayCalendar } from './HolidayCalendar';

type TDuration = { amount: number; unit: 'minutes' | 'working_days' };
type TPolicy = {
  kind: keyof typeof KIND_LABELS;
  category: keyof typeof CATEGORY_LABELS | null;
  response: TDuration;
  resolution: TDuration;
  pauseOnMaterial: boolean;
};

/** Deadlines per kind (and category) and the holiday calendar behind working-day deadlines; both audited. */
export function SlaPage() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const policies = useQuery({
    queryKey: ['sla'],
    queryFn: () => api.get<{ items: TPolicy[] }>('/api/admin/sla-policies'),
  });
  const [rows, setRows] = useState<TPolicy[]>([]);
  useEffect(() => setRows(policies.data?.items ?? []), [policies.data]);
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
  /** A row's name for its controls (a table cell has no label): "投诉 · 购物 · 响应". */
  const rowName = (r: TPolicy) =>
    `${label(KIND_LABELS, r.kind)} · ${r.category ? label(CATEGORY_LABELS, r.category) : t('common.all')}`;
  const duration = (i: number, which: 'response' | 'resolution') => {
    const d = rows[i][which];
    const name = `${rowName(rows[i])} · ${t(`admin.${which}`)}`;
    return (
      <Space.Compact>
        <InputNumber
          min={1}
          max={100000}
          value={d.amount}
          aria-label={name}
          onChange={(v) => patch(i, { [which]: { ...d, amount: Number(v) || 1 } })}
          style={{ width: 90 }}
        />
        <Select
          value={d.unit}
          aria-label={`${name} · ${t('admin.timeUnit')}`}
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
                <Switch
                  checked={r.pauseOnMaterial}
                  aria-label={`${rowName(r)} · ${t('admin.pauseOnMaterial')}`}
                  onChange={(v) => patch(i, { pauseOnMaterial: v })}
                />
              ),
            },
          ]}
        />
      </Card>
      <HolidayCalendar />
    </Space>
  );
}
