import { useQuery } from '@tanstack/react-query';
import type { TDispute, TDisputeReviewRequest } from '@zhilv/contracts';
import { Button, Form, Input, Modal, message, Radio, Select, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fmtTime, isEn } from '../../lib/format';
import { getDepartments } from '../work-orders/api';
import { reviewDispute } from './api';

export const DISPUTE_COLORS: Record<TDispute['status'], string> = {
  pending: 'gold',
  upheld: 'blue',
  accepted: 'green',
};

/** The dispute's status, and where an accepted one sent the order. */
export function DisputeStatus({ d }: { d: TDispute }) {
  const { t } = useTranslation();
  return (
    <Space wrap size={4}>
      <Tag color={DISPUTE_COLORS[d.status]} data-testid="dispute-status">
        {t(`woProcedure.disputeStatus.${d.status}`)}
      </Tag>
      {d.redispatchedToName && <span>→ {d.redispatchedToName}</span>}
    </Space>
  );
}

/**
 * 派单异议审核: the command center upholds the dispatch (the order stays with the department, its clock running on)
 * or accepts the dispute and re-dispatches the order, the tourist told of the new department.
 */
export function ReviewDisputeButton({ dispute, onDone }: { dispute: TDispute; onDone: () => void }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm();
  const depts = useQuery({ queryKey: ['departments'], queryFn: getDepartments, enabled: open });
  const options = (depts.data ?? [])
    .filter((d) => d.active !== false && d.id !== dispute.departmentId)
    .map((d) => ({ value: d.id, label: isEn() ? d.nameEn : d.name }));
  return (
    <>
      <Button size="small" type="primary" onClick={() => setOpen(true)} data-testid={`review-dispute-${dispute.id}`}>
        {t('woProcedure.review')}
      </Button>
      <Modal
        open={open}
        title={t('woProcedure.review')}
        onCancel={() => setOpen(false)}
        onOk={() => form.submit()}
        confirmLoading={busy}
        okButtonProps={{ 'data-testid': 'review-dispute-ok' } as Record<string, string>}
        destroyOnHidden
      >
        <Typography.Paragraph>
          {dispute.departmentName} · {fmtTime(dispute.requestedAt)}
          <br />
          {dispute.reason}
        </Typography.Paragraph>
        <Form
          form={form}
          layout="vertical"
          initialValues={{ decision: 'uphold', coDepartmentIds: [] }}
          onFinish={async (v: TDisputeReviewRequest) => {
            setBusy(true);
            try {
              await reviewDispute(dispute.workOrderId, v);
              message.success(t('wo.done'));
              setOpen(false);
              onDone();
            } catch (e) {
              message.error(e instanceof Error ? e.message : String(e));
            } finally {
              setBusy(false);
            }
          }}
        >
          <Form.Item name="decision" label={t('procedure.decision')}>
            <Radio.Group
              data-testid="review-dispute-decision"
              options={[
                { value: 'uphold', label: t('woProcedure.uphold') },
                { value: 'redispatch', label: t('woProcedure.redispatch') },
              ]}
            />
          </Form.Item>
          <Form.Item noStyle shouldUpdate={(a, b) => a.decision !== b.decision}>
            {({ getFieldValue }) =>
              getFieldValue('decision') === 'redispatch' ? (
                <>
                  <Form.Item
                    name="departmentId"
                    label={t('wo.department')}
                    rules={[{ required: true }]}
                    extra={t('woProcedure.redispatchHint')}
                  >
                    <Select options={options} showSearch optionFilterProp="label" data-testid="review-dispute-dept" />
                  </Form.Item>
                  <Form.Item name="coDepartmentIds" label={t('wo.coDepartments')}>
                    <Select mode="multiple" options={options} optionFilterProp="label" />
                  </Form.Item>
                </>
              ) : (
                <Typography.Paragraph type="secondary">{t('woProcedure.upholdHint')}</Typography.Paragraph>
              )
            }
          </Form.Item>
          <Form.Item name="note" label={t('procedure.decisionNote')} rules={[{ required: true, whitespace: true }]}>
            <Input.TextArea rows={3} maxLength={2000} data-testid="review-dispute-note" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
