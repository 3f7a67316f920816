import { useQuery } from '@tanstack/react-query';
import { ROLE_LABELS, type TFundLedger, type TFundLedgerEntry, type TRole } from '@zhilv/contracts';
import { Card, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ResponsiveTable } from '../../components/ResponsiveTable';
import { api } from '../../lib/api';
import { fmtTime, label } from '../../lib/format';
import { yuan } from './parts';

/** 先行赔付基金台账 (command center, leaders): every payout, from a return request or an ordinary complaint. */
export function FundLedgerPage() {
  const { t } = useTranslation();
  const q = useQuery({
    queryKey: ['fund-ledger'],
    queryFn: () => api.get<TFundLedger>('/api/compensation-fund/ledger?limit=500'),
  });
  return (
    <Card
      title={t('returnsLocal.fundTitle')}
      extra={q.data && t('returnsLocal.fundTotal', { amount: yuan(q.data.totalFen) })}
    >
      <p style={{ color: '#666', marginTop: 0 }}>{t('returnsLocal.fundHint')}</p>
      <ResponsiveTable<TFundLedgerEntry>
        rowKey="id"
        loading={q.isLoading}
        dataSource={q.data?.items ?? []}
        pagination={{ pageSize: 20 }}
        size="middle"
        data-testid="fund-ledger"
        columns={[
          { title: t('returnsLocal.at'), key: 'at', render: (_, e) => fmtTime(e.at) },
          {
            title: t('returnsLocal.workOrder'),
            key: 'wo',
            render: (_, e) => (
              <span>
                <Link to={`/console/work-orders/${e.workOrderId}`}>{e.workOrderTrackingNo ?? e.workOrderId}</Link>
                <div>
                  <Tag color={e.returnRequestId ? 'cyan' : 'blue'}>
                    {e.returnRequestId ? t('returnsLocal.fromReturn') : t('returnsLocal.ordinary')}
                  </Tag>
                </div>
              </span>
            ),
          },
          { title: t('returnsLocal.business'), key: 'b', render: (_, e) => e.businessName ?? '—' },
          { title: t('returnsLocal.amount'), key: 'amount', align: 'right', render: (_, e) => yuan(e.amountFen) },
          {
            title: t('returnsLocal.decidedBy'),
            key: 'by',
            render: (_, e) => label(ROLE_LABELS, e.decidedRole as TRole),
          },
          { title: t('returnsLocal.note'), key: 'note', dataIndex: 'note' },
        ]}
      />
    </Card>
  );
}
