import { useQuery, useQueryClient } from '@tanstack/react-query';
import { DISPUTE_STATUSES, type TDispute } from '@zhilv/contracts';
import { Card, Segmented } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ResponsiveTable } from '../../components/ResponsiveTable';
import { useMe } from '../../lib/auth';
import { fmtTime } from '../../lib/format';
import { getDisputes } from './api';
import { DisputeStatus, ReviewDisputeButton } from './DisputeReview';

/**
 * 派单异议审核: the command center's queue of dispatches its departments dispute (a department reads its own). A
 * pending one is reviewed here; each row links to its order.
 */
export function DisputesPage() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const me = useMe();
  const [status, setStatus] = useState<string>('pending');
  const q = useQuery({
    queryKey: ['disputes', status],
    queryFn: () => getDisputes(status === 'all' ? undefined : status),
  });
  return (
    <Card title={t('woProcedure.disputesTitle')}>
      <Segmented
        value={status}
        onChange={(v) => setStatus(String(v))}
        options={[...DISPUTE_STATUSES, 'all' as const].map((s) => ({
          value: s,
          label: s === 'all' ? t('procedure.all') : t(`woProcedure.disputeStatus.${s}`),
        }))}
        style={{ marginBottom: 16 }}
        data-testid="dispute-filter"
      />
      <ResponsiveTable<TDispute>
        rowKey="id"
        size="small"
        loading={q.isLoading}
        dataSource={q.data?.items ?? []}
        scroll={{ x: 'max-content' }}
        pagination={{ pageSize: 20 }}
        columns={[
          {
            title: t('wo.trackingNo'),
            dataIndex: 'trackingNo',
            render: (v, r) => <Link to={`/console/work-orders/${r.workOrderId}`}>{v}</Link>,
          },
          { title: t('wo.department'), dataIndex: 'departmentName' },
          { title: t('wo.reason'), dataIndex: 'reason', ellipsis: true },
          { title: t('procedure.requestedAt'), dataIndex: 'requestedAt', render: fmtTime },
          {
            title: t('procedure.decision'),
            key: 'status',
            render: (_, r) =>
              r.status === 'pending' && me.data?.role === 'dispatcher' ? (
                <ReviewDisputeButton dispute={r} onDone={() => qc.invalidateQueries({ queryKey: ['disputes'] })} />
              ) : (
                <DisputeStatus d={r} />
              ),
          },
        ]}
      />
    </Card>
  );
}
