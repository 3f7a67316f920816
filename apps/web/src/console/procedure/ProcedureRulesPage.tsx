import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { TProcedureRules } from '@zhilv/contracts';
import { Alert, Button, Card, Form, InputNumber, message } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../lib/api';

/**
 * The procedure's local rules (本地规定): the window in which a department may return an order after its dispatch,
 * the most returns per order, and the days a tourist may rate before the order closes as not rated (未评价关闭).
 * None is national law; the page says so.
 */
export function ProcedureRulesPage() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const q = useQuery({
    queryKey: ['procedure-rules'],
    queryFn: () => api.get<TProcedureRules>('/api/admin/procedure-rules'),
  });
  const [form] = Form.useForm<TProcedureRules>();
  if (!q.data) return <Card loading />;
  return (
    <Card title={t('procedure.rulesTitle')}>
      <Alert type="info" showIcon message={t('procedure.rulesLocal')} style={{ marginBottom: 16 }} />
      <Form
        form={form}
        layout="vertical"
        initialValues={q.data}
        style={{ maxWidth: 420 }}
        onFinish={async (v) => {
          try {
            qc.setQueryData(['procedure-rules'], await api.put<TProcedureRules>('/api/admin/procedure-rules', v));
            message.success(t('wo.done'));
          } catch (e) {
            message.error(e instanceof Error ? e.message : String(e));
          }
        }}
      >
        <Form.Item
          name="returnWindowHours"
          label={t('procedure.returnWindowHours')}
          extra={t('procedure.localRule')}
          rules={[{ required: true }]}
        >
          <InputNumber min={1} max={720} precision={0} addonAfter={t('procedure.hours')} data-testid="return-window" />
        </Form.Item>
        <Form.Item
          name="maxReturns"
          label={t('procedure.maxReturns')}
          extra={t('procedure.localRule')}
          rules={[{ required: true }]}
        >
          <InputNumber min={0} max={10} precision={0} data-testid="max-returns" />
        </Form.Item>
        {/* 未评价关闭: a local rule too, not a national one */}
        <Form.Item
          name="autoCloseDays"
          label={t('woProcedure.autoCloseDays')}
          extra={`${t('procedure.localRule')} · ${t('woProcedure.autoCloseHint')}`}
          rules={[{ required: true }]}
        >
          <InputNumber
            min={1}
            max={90}
            precision={0}
            addonAfter={t('woProcedure.days')}
            data-testid="auto-close-days"
          />
        </Form.Item>
        <Button type="primary" htmlType="submit" data-testid="rules-save">
          {t('common.save')}
        </Button>
      </Form>
    </Card>
  );
}
