import { useQuery } from '@tanstack/react-query';
import type { TCategoryId } from '@zhilv/contracts';
import { Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../../lib/api';

type TRow = { threshold: number; share: number; accuracy: number | null; n: number };
export type TGate = {
  source: string;
  n: number;
  overall: TRow[];
  perCategory: Record<TCategoryId, { n: number; rows: TRow[] }>;
};

const pct = (x: number | null) => (x == null ? '—' : `${(x * 100).toFixed(1)}%`);

export function useGate() {
  return useQuery({ queryKey: ['classifier-gate'], queryFn: () => api.get<TGate>('/api/admin/classifier/gate') });
}

/** The row of the table for the threshold the admin set (the nearest value at or below it). */
export function rowFor(rows: TRow[] | undefined, threshold: number): TRow | undefined {
  if (!rows?.length) return undefined;
  return [...rows].reverse().find((r) => r.threshold <= threshold + 1e-9) ?? rows[0];
}

/**
 * For one category: each threshold value with the share of that category's orders it would auto-dispatch and
 * how many of those the classifier had right, as measured when the model was built; the admin's value marked.
 */
export function GateTable({ rows, current }: { rows: TRow[]; current: number }) {
  const { t } = useTranslation();
  const mine = rowFor(rows, current)?.threshold;
  return (
    <Table
      rowKey="threshold"
      size="small"
      pagination={false}
      dataSource={rows}
      scroll={{ x: 360 }}
      columns={[
        {
          title: t('classifier.threshold'),
          dataIndex: 'threshold',
          render: (v: number) => (v === mine ? <Tag color="blue">≥ {v.toFixed(2)}</Tag> : `≥ ${v.toFixed(2)}`),
        },
        { title: t('classifier.share'), dataIndex: 'share', render: pct },
        {
          title: t('classifier.accuracy'),
          dataIndex: 'accuracy',
          render: (v: number | null) => (
            <Typography.Text type={v != null && v < 0.97 ? 'warning' : undefined}>{pct(v)}</Typography.Text>
          ),
        },
        { title: t('classifier.n'), dataIndex: 'n' },
      ]}
    />
  );
}

export const formatPct = pct;
