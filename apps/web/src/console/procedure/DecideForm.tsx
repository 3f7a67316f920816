import type { TTimeRequest } from '@zhilv/contracts';
import { Button, Form, Input, Modal, message, Radio } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { decideTime, endSuspension } from './api';

/** 审批: the command center approves (the note is what the tourist reads) or refuses a department's request. */
export function DecideButton({ request, onDone }: { request: TTimeRequest; onDone: () => void }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm();
  return (
    <>
      <Button size="small" type="primary" onClick={() => setOpen(true)} data-testid={`decide-${request.id}`}>
        {t('procedure.decide')}
      </Button>
      <Modal
        open={open}
        title={t('procedure.decide')}
        onCancel={() => setOpen(false)}
        onOk={() => form.submit()}
        confirmLoading={busy}
        okButtonProps={{ 'data-testid': 'decide-ok' } as Record<string, string>}
        destroyOnHidden
      >
        <Form
          form={form}
          layout="vertical"
          initialValues={{ approve: true }}
          onFinish={async (v: { approve: boolean; note: string }) => {
            setBusy(true);
            try {
              await decideTime(request.workOrderId, v.approve, v.note);
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
          <Form.Item name="approve" label={t('procedure.decision')}>
            <Radio.Group
              data-testid="decide-approve"
              options={[
                { value: true, label: t('procedure.approve') },
                { value: false, label: t('procedure.refuse') },
              ]}
            />
          </Form.Item>
          <Form.Item
            name="note"
            label={t('procedure.decisionNote')}
            extra={t('procedure.decisionNoteHint')}
            rules={[{ required: true, whitespace: true }]}
          >
            <Input.TextArea rows={3} maxLength={2000} data-testid="decide-note" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

/** 恢复: the department ends its suspension when the testing or appraisal is done. */
export function EndSuspensionButton({ request, onDone }: { request: TTimeRequest; onDone: () => void }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm();
  return (
    <>
      <Button size="small" onClick={() => setOpen(true)} data-testid="end-suspension">
        {t('wo.actions.end_suspension')}
      </Button>
      <Modal
        open={open}
        title={t('wo.actions.end_suspension')}
        onCancel={() => setOpen(false)}
        onOk={() => form.submit()}
        confirmLoading={busy}
        destroyOnHidden
      >
        <Form
          form={form}
          layout="vertical"
          onFinish={async (v: { reason: string }) => {
            setBusy(true);
            try {
              await endSuspension(request.workOrderId, v.reason);
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
          <Form.Item name="reason" label={t('wo.note')} rules={[{ required: true, whitespace: true }]}>
            <Input.TextArea rows={3} maxLength={2000} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
