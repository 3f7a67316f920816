import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Form, Input, InputNumber, message } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../lib/api';
import { fmtTime } from '../../lib/format';
import { yuan } from './parts';

type TOfOrder = { payout: { id: string; amountFen: number; note: string; at: string } | null; mayPay: boolean };

/**
 * 先行赔付 on an ordinary complaint, on its work order's page: the command center decides and pays from the fund
 * (its ledger and the audit log record it); leaders see what was paid. Shown only to those two roles.
 */
export function FundPayoutCard({ workOrderId, onPaid }: { workOrderId: string; onPaid: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const q = useQuery({
    queryKey: ['fund-order', workOrderId],
    queryFn: () => api.get<TOfOrder>(`/api/compensation-fund/work-orders/${workOrderId}`),
  });
  const [form] = Form.useForm<{ amount: number; note: string }>();
  if (!q.data || (!q.data.payout && !q.data.mayPay)) return null;
  const p = q.data.payout;
  return (
    <Card size="small" title={t('returnsLocal.payTitle')} data-testid="fund-payout">
      {p ? (
        <p style={{ margin: 0 }}>
          {t('returnsLocal.paid', { amount: yuan(p.amountFen), at: fmtTime(p.at) })} · {p.note}
        </p>
      ) : (
        <Form
          form={form}
          layout="vertical"
          style={{ maxWidth: 420 }}
          onFinish={async (v) => {
            try {
              await api.post('/api/compensation-fund/payouts', {
                workOrderId,
                amountFen: Math.round(v.amount * 100),
                note: v.note.trim(),
              });
              message.success(t('returnsLocal.paidDone'));
              await qc.invalidateQueries({ queryKey: ['fund-order', workOrderId] });
              onPaid();
            } catch (e) {
              message.error(e instanceof Error ? e.message : String(e));
            }
          }}
        >
          <p style={{ color: '#666', marginTop: 0 }}>{t('returnsLocal.payHint')}</p>
          <Form.Item
            name="amount"
            label={t('returnsLocal.payAmount')}
            rules={[{ required: true, message: t('returnsLocal.required') }]}
          >
            <InputNumber min={0.01} max={100000} step={1} precision={2} prefix="¥" style={{ width: 200 }} />
          </Form.Item>
          <Form.Item
            name="note"
            label={t('returnsLocal.payNote')}
            rules={[{ required: true, min: 2, whitespace: true, message: t('returnsLocal.required') }]}
          >
            <Input.TextArea rows={3} maxLength={1000} />
          </Form.Item>
          <Button type="primary" htmlType="submit" data-testid="fund-pay">
            {t('returnsLocal.pay')}
          </Button>
        </Form>
      )}
    </Card>
  );
}
