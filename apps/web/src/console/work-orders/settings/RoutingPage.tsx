import { useQuery, useQueryClient } from '@tanstack/react-query';
import { CATEGORY_LABELS, type TCategoryId } from '@zhilv/contracts';
import { Card, InputNumber, message, Select, Switch, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../../lib/api';
import { isEn, label } from '../../../lib/format';
import { formatPct, GateTable, rowFor, useGate } from './ClassifierGate';

type TRoute = { category: TCategoryId; departmentId: string | null; autoDispatch: boolean; threshold: number };

/** Category → department routing, and auto-dispatch per category above a confidence threshold (off by default). */
export function RoutingPage() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const q = useQuery({
    queryKey: ['routing'],
    queryFn: () => api.get<{ items: TRoute[] }>('/api/admin/category-routing'),
  });
  const depts = useQuery({
    queryKey: ['departments'],
    queryFn: () => api.get<{ id: string; name: string; nameEn: string }[]>('/api/departments'),
  });
  const gate = useGate();
  const save = async (r: TRoute) => {
    try {
      await api.put('/api/admin/category-routing', {
        items: [
          { category: r.category, departmentId: r.departmentId, autoDispatch: r.autoDispatch, threshold: r.threshold },
        ],
      });
      message.success(t('admin.saved'));
      qc.invalidateQueries({ queryKey: ['routing'] });
    } catch (e) {
      message.error(e instanceof Error ? e.message : String(e));
    }
  };
  return (
    <Card title={t('menu.routing')}>
      <Table
        rowKey="category"
        dataSource={q.data?.items ?? []}
        pagination={false}
        size="small"
        scroll={{ x: 760 }}
        expandable={{
          // Per category: what each threshold value would auto-dispatch and how often that was right.
          expandedRowRender: (r) =>
            gate.data ? <GateTable rows={gate.data.perCategory[r.category]?.rows ?? []} current={r.threshold} /> : null,
        }}
        columns={[
          { title: t('admin.category'), dataIndex: 'category', render: (c) => label(CATEGORY_LABELS, c) },
          {
            title: t('admin.routedTo'),
            render: (_, r) => (
              <Select
                style={{ width: 220 }}
                aria-label={`${label(CATEGORY_LABELS, r.category)} · ${t('admin.routedTo')}`}
                value={r.departmentId ?? undefined}
                onChange={(v) => save({ ...r, departmentId: v })}
                options={(depts.data ?? []).map((d) => ({ value: d.id, label: isEn() ? d.nameEn : d.name }))}
              />
            ),
          },
          {
            title: t('admin.autoDispatch'),
            render: (_, r) => (
              <Switch
                checked={r.autoDispatch}
                aria-label={`${label(CATEGORY_LABELS, r.category)} · ${t('admin.autoDispatch')}`}
                onChange={(v) => save({ ...r, autoDispatch: v })}
              />
            ),
          },
          {
            title: t('admin.threshold'),
            render: (_, r) => (
              <InputNumber
                min={0}
                max={1}
                step={0.05}
                aria-label={`${label(CATEGORY_LABELS, r.category)} · ${t('admin.threshold')}`}
                value={r.threshold}
                onBlur={(e) => save({ ...r, threshold: Number(e.target.value) })}
              />
            ),
          },
          {
            title: t('classifier.wouldDispatch'),
            render: (_, r) => {
              const row = rowFor(gate.data?.perCategory[r.category]?.rows, r.threshold);
              return row
                ? t('classifier.shareAccuracy', { share: formatPct(row.share), accuracy: formatPct(row.accuracy) })
                : '—';
            },
          },
        ]}
      />
      {gate.data && (
        <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>
          {t('classifier.gateNote', { n: gate.data.n })}
        </Typography.Paragraph>
      )}
    </Card>
  );
}
