import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { TTimeRequest } from '@zhilv/contracts';
import { Card, Segmented, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useMe } from '../../lib/auth';
import { fmtTime } from '../../lib/format';
import { getTimeRequests } from './api';
import { DecideButton } from './DecideForm';
import { requestWhat } from './ProcedurePanel';

/**
 * 延期/挂起审批: the command center's desk of departments' requests for more time (a department reads its own).
 * Each row links to its order; a pending one is decided here.
 */
export function TimeRequestsPage() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const me = useMe();
  const [status, setStatus] = useState<string>('pending');
  const q = useQuery({
    queryKey: ['time-requests', status],
    queryFn: () => getTimeRequests(status === 'all' ? undefined : status),
  });
  return (
    <Card title={t('procedure.deskTitle')}>
      <Segmented
        value={status}
        onChange={(v) => setStatus(String(v))}
        options={['pending', 'approved', 'refused', 'ended', 'all'].map((s) => ({
          value: s,
          label: s === 'all' ? t('procedure.all') : t(`procedure.status.${s}`),
        }))}
        style={{ marginBottom: 16 }}
      />
      <Table<TTimeRequest>
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
          { title: t('procedure.what'), key: 'what', render: (_, r) => requestWhat(t, r) },
          { title: t('wo.department'), dataIndex: 'departmentName' },
          { title: t('wo.reason'), dataIndex: 'reason', ellipsis: true },
          { title: t('procedure.requestedAt'), dataIndex: 'requestedAt', render: fmtTime },
          {
            title: t('procedure.decision'),
            key: 'status',
            render: (_, r) =>
              r.status === 'pending' && me.data?.role === 'dispatcher' ? (
                <DecideButton request={r} onDone={() => qc.invalidateQueries({ queryKey: ['time-requests'] })} />
              ) : (
                <Tag>{t(`procedure.status.${r.status}`)}</Tag>
              ),
          },
        ]}
      />
    </Card>
  );
}
