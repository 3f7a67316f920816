import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { TReturnPledgeView } from '@zhilv/contracts';
import { Alert, Button, Card, message, Popconfirm, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../lib/api';
import { fmtTime } from '../../lib/format';

/** 无理由退货承诺 on the business's own console: the pledge's words, whether (and when) it signed, sign or withdraw. */
export function PledgeCard() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const q = useQuery({ queryKey: ['return-pledge'], queryFn: () => api.get<TReturnPledgeView>('/api/returns/pledge') });
  const act = async (go: () => Promise<TReturnPledgeView>) => {
    try {
      qc.setQueryData(['return-pledge'], await go());
    } catch (e) {
      message.error(e instanceof Error ? e.message : String(e));
    }
  };
  if (!q.data) return <Card loading size="small" />;
  const signed = q.data.signedAt;
  return (
    <Card size="small" title={t('returnsLocal.pledgeTitle')} style={{ marginBottom: 16 }} data-testid="return-pledge">
      <p style={{ marginTop: 0 }}>{t('returnsLocal.pledgeText')}</p>
      {signed ? (
        <Space wrap>
          <Alert type="success" showIcon message={t('returnsLocal.pledgeSigned', { at: fmtTime(signed) })} />
          <Popconfirm
            title={t('returnsLocal.withdrawConfirm')}
            onConfirm={() => act(() => api.del<TReturnPledgeView>('/api/returns/pledge'))}
          >
            <Button danger size="small">
              {t('returnsLocal.withdraw')}
            </Button>
          </Popconfirm>
        </Space>
      ) : (
        <Space direction="vertical">
          <Alert type="warning" showIcon message={t('returnsLocal.pledgeNone')} />
          <Button
            type="primary"
            onClick={() => act(() => api.post<TReturnPledgeView>('/api/returns/pledge'))}
            data-testid="return-pledge-sign"
          >
            {t('returnsLocal.sign')}
          </Button>
        </Space>
      )}
    </Card>
  );
}
