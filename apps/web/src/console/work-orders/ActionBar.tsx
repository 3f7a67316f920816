import { useQuery } from '@tanstack/react-query';
import {
  CATEGORY_IDS,
  CATEGORY_LABELS,
  FINDING_LABELS,
  FINDINGS,
  FOLLOW_UP_RESULT_LABELS,
  FOLLOW_UP_RESULTS,
  MAX_EXTENSION_DAYS,
  REFUSAL_GROUND_LABELS,
  REFUSAL_GROUNDS,
  type TWorkOrderDetail,
} from '@zhilv/contracts';
import { Button, Form, Input, InputNumber, Modal, message, Radio, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isEn, label } from '../../lib/format';
import { actOn, getDepartments } from './api';

/** What each action asks for before it is sent. */
const FORMS: Record<string, 'none' | 'reason' | 'text' | 'dispatch' | 'transfer' | 'time' | 'followup' | 'refuse'> = {
  dispatch: 'dispatch',
  accept: 'none',
  return: 'reason',
  transfer: 'transfer',
  request_material: 'text',
  involve_business: 'text',
  business_reply: 'text',
  reply: 'text',
  resolve: 'text',
  urge: 'reason',
  // 不予受理: a ground from the national rules, and the dispatcher's words (required for `other`)
  unfounded: 'refuse',
  // 延期 / 挂起: asked here; decided and ended on the order's procedure panel (ProcedurePanel)
  request_time: 'time',
  // 回访 of an order without a portal tourist: the call-back's result and what was said
  follow_up: 'followup',
  // 派单异议: the department says the dispatch was wrong; reviewed on the procedure panel and the disputes queue
  dispute: 'reason',
};

export function ActionBar({ order, onDone }: { order: TWorkOrderDetail; onDone: (o: TWorkOrderDetail) => void }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm();
  const depts = useQuery({ queryKey: ['departments'], queryFn: getDepartments });
  // an inactive department takes no new work: it is not offered for dispatch or transfer
  const deptOptions = (depts.data ?? [])
    .filter((d) => d.active !== false)
    .map((d) => ({ value: d.id, label: isEn() ? d.nameEn : d.name }));
  const proposed = depts.data?.find((d) => d.code === order.classification?.department);
  const actions = order.allowedActions.filter((a) => a in FORMS);

  const send = async (action: string, body: object) => {
    setBusy(true);
    try {
      const o = await actOn(order.id, action, body);
      message.success(t('wo.done'));
      setOpen(null);
      form.resetFields();
      onDone(o);
    } catch (e) {
      message.error(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  const start = (a: string) => {
    if (FORMS[a] === 'none') return send(a, {});
    // Resolving usually repeats the answer just given to the tourist: offer it, to edit or keep.
    const lastReply = a === 'resolve' ? order.timeline.findLast((e) => e.action === 'reply' && e.note) : undefined;
    form.setFieldsValue(
      a === 'dispatch'
        ? { departmentId: proposed?.id, category: order.category ?? undefined, coDepartmentIds: [] }
        : a === 'resolve'
          ? { text: lastReply?.note ?? '' }
          : {},
    );
    setOpen(a);
  };
  const kind = open ? FORMS[open] : 'none';
  return (
    <>
      <Space wrap>
        {actions.map((a) => (
          <Button
            key={a}
            type={['dispatch', 'accept', 'resolve'].includes(a) ? 'primary' : 'default'}
            danger={a === 'unfounded'}
            onClick={() => start(a)}
            data-testid={`action-${a}`}
          >
            {t(`wo.actions.${a}`)}
          </Button>
        ))}
      </Space>
      <Modal
        open={!!open}
        title={open ? t(`wo.actions.${open}`) : ''}
        onCancel={() => setOpen(null)}
        onOk={() => form.submit()}
        confirmLoading={busy}
        okButtonProps={{ 'data-testid': 'modal-ok' } as Record<string, string>}
        destroyOnHidden
      >
        <Form
          form={form}
          layout="vertical"
          onFinish={(v) =>
            open &&
            send(open, open === 'request_time' && v.kind === 'suspension' ? { kind: v.kind, reason: v.reason } : v)
          }
        >
          {(kind === 'dispatch' || kind === 'transfer') && (
            <Form.Item
              name="departmentId"
              label={t('wo.department')}
              rules={[{ required: true }]}
              extra={
                kind === 'dispatch' && proposed
                  ? `${t('wo.proposedDept')}: ${isEn() ? proposed.nameEn : proposed.name}`
                  : undefined
              }
            >
              <Select options={deptOptions} showSearch optionFilterProp="label" data-testid="dept-select" />
            </Form.Item>
          )}
          {kind === 'dispatch' && (
            <>
              <Form.Item name="coDepartmentIds" label={t('wo.coDepartments')}>
                <Select mode="multiple" options={deptOptions} optionFilterProp="label" />
              </Form.Item>
              <Form.Item name="category" label={t('wo.category')}>
                <Select options={CATEGORY_IDS.map((c) => ({ value: c, label: label(CATEGORY_LABELS, c) }))} />
              </Form.Item>
              <Form.Item name="note" label={t('wo.note')} initialValue="">
                <Input.TextArea rows={2} maxLength={2000} />
              </Form.Item>
            </>
          )}
          {(kind === 'reason' || kind === 'transfer') && (
            <Form.Item name="reason" label={t('wo.reason')} rules={[{ required: true, whitespace: true }]}>
              <Input.TextArea rows={3} maxLength={2000} data-testid="reason-input" />
            </Form.Item>
          )}
          {kind === 'time' && (
            <>
              <Form.Item name="kind" label={t('procedure.what')} initialValue="extension">
                <Radio.Group
                  data-testid="time-kind"
                  options={[
                    { value: 'extension', label: t('procedure.extension') },
                    { value: 'suspension', label: t('procedure.suspension') },
                  ]}
                />
              </Form.Item>
              <Form.Item noStyle shouldUpdate={(a, b) => a.kind !== b.kind}>
                {({ getFieldValue }) =>
                  getFieldValue('kind') === 'extension' ? (
                    <Form.Item
                      name="days"
                      label={t('procedure.days')}
                      initialValue={2}
                      rules={[{ required: true }]}
                      extra={t('procedure.daysHint', { n: MAX_EXTENSION_DAYS })}
                    >
                      <InputNumber min={1} max={MAX_EXTENSION_DAYS} precision={0} data-testid="time-days" />
                    </Form.Item>
                  ) : (
                    <Typography.Paragraph type="secondary">{t('procedure.suspensionHint')}</Typography.Paragraph>
                  )
                }
              </Form.Item>
              <Form.Item name="reason" label={t('wo.reason')} rules={[{ required: true, whitespace: true }]}>
                <Input.TextArea rows={3} maxLength={2000} data-testid="time-reason" />
              </Form.Item>
            </>
          )}
          {kind === 'followup' && (
            <>
              <Form.Item
                name="result"
                label={t('procedure.followUpResult')}
                rules={[{ required: true }]}
                extra={t('procedure.followUpHint')}
              >
                <Radio.Group
                  data-testid="follow-up-result"
                  options={FOLLOW_UP_RESULTS.map((r) => ({ value: r, label: label(FOLLOW_UP_RESULT_LABELS, r) }))}
                />
              </Form.Item>
              <Form.Item name="note" label={t('procedure.followUpNote')} rules={[{ required: true, whitespace: true }]}>
                <Input.TextArea rows={3} maxLength={2000} data-testid="follow-up-note" />
              </Form.Item>
            </>
          )}
          {kind === 'refuse' && (
            <>
              <Form.Item
                name="ground"
                label={t('woProcedure.refusalGround')}
                rules={[{ required: true }]}
                extra={t('woProcedure.refusalHint')}
              >
                <Select
                  data-testid="refusal-ground"
                  options={REFUSAL_GROUNDS.map((g) => ({ value: g, label: label(REFUSAL_GROUND_LABELS, g) }))}
                />
              </Form.Item>
              <Form.Item noStyle shouldUpdate={(a, b) => a.ground !== b.ground}>
                {({ getFieldValue }) => (
                  <Form.Item
                    name="reason"
                    label={t('woProcedure.refusalNote')}
                    initialValue=""
                    rules={[{ required: getFieldValue('ground') === 'other', whitespace: true }]}
                  >
                    <Input.TextArea rows={3} maxLength={2000} data-testid="refusal-note" />
                  </Form.Item>
                )}
              </Form.Item>
            </>
          )}
          {kind === 'text' && (
            <Form.Item name="text" label={t('wo.answer')} rules={[{ required: true, whitespace: true }]}>
              <Input.TextArea rows={4} maxLength={2000} data-testid="text-input" />
            </Form.Item>
          )}
          {/* 办结 records what the department found: 属实, or 不属实 (no credit event for the business) */}
          {open === 'resolve' && (
            <Form.Item
              name="finding"
              label={t('woProcedure.finding')}
              initialValue="founded"
              extra={t('woProcedure.findingHint')}
            >
              <Radio.Group
                data-testid="finding-input"
                options={FINDINGS.map((f) => ({ value: f, label: label(FINDING_LABELS, f) }))}
              />
            </Form.Item>
          )}
          {/* An answer to the tourist: the business concerned reads it only when the department says so. */}
          {(open === 'reply' || open === 'resolve') && order.businessId && (
            <Form.Item
              name="audience"
              label={t('woAudience.label')}
              initialValue="tourist"
              extra={t('woAudience.hint')}
            >
              <Radio.Group
                data-testid="audience-input"
                options={[
                  { value: 'tourist', label: t('woAudience.tourist') },
                  { value: 'all', label: t('woAudience.all') },
                ]}
              />
            </Form.Item>
          )}
        </Form>
      </Modal>
    </>
  );
}
