import { useQuery } from '@tanstack/react-query';
import type { THolderStatsItem } from '@zhilv/contracts';
import { Card, Table } from 'antd';
import { useTranslation } from 'react-i18next';
import { getHolderStats } from './api';

/**
 * Lateness charged to whoever held the order at the time (the command center's dispatches, each department's
 * acceptances and resolution breaches), with the returns, transfers, extensions and suspensions.
 */
export function HolderStats({ from, to }: { from: string; to: string }) {
  const { t } = useTranslation();
  const q = useQuery({ queryKey: ['holder-stats', from, to], queryFn: () => getHolderStats({ from, to }) });
  return (
    <Card title={t('procedure.holderStats')} size="small" style={{ marginTop: 16 }} data-testid="holder-stats">
      <Table<THolderStatsItem>
        rowKey={(r) => `${r.holder}:${r.departmentId ?? ''}`}
        size="small"
        loading={q.isLoading}
        dataSource={q.data?.items ?? []}
        scroll={{ x: 'max-content' }}
        pagination={false}
        columns={[
          { title: t('procedure.holder'), dataIndex: 'label', fixed: 'left' },
          { title: t('procedure.stretchCount'), dataIndex: 'stretches' },
          { title: t('procedure.respondedLate'), dataIndex: 'respondedLate' },
          { title: t('procedure.resolutionBreached'), dataIndex: 'resolutionBreached' },
          { title: t('procedure.returned'), dataIndex: 'returned' },
          { title: t('procedure.transferred'), dataIndex: 'transferred' },
          { title: t('procedure.extensions'), dataIndex: 'extensions' },
          { title: t('procedure.suspensions'), dataIndex: 'suspensions' },
          { title: t('procedure.suspendedHours'), dataIndex: 'suspendedHours' },
        ]}
      />
    </Card>
  );
}
