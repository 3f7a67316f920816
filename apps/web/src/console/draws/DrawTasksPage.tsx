import { useQuery, useQueryClient } from '@tanstack/react-query';
import { DRAW_RESULT_LABELS, DRAW_RESULTS, type TDrawTaskView, type TRelationView } from '@zhilv/contracts';
import { Button, Card, DatePicker, Form, Input, List, Modal, message, Select, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { BusinessSelect } from '../../components/BusinessSelect';
import { api } from '../../lib/api';
import { fmtTime, label } from '../../lib/format';
import { TaskTable } from './DrawPlanPage';
import { fail } from './parts';

type TResultForm = { result: string; problems?: string; handling?: string; inspectedAt: Dayjs };

/** 我的抽查任务 (phone first): the inspector records what they found; declares relations to avoid. */
export function DrawTasksPage() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [recording, setRecording] = useState<{ task: TDrawTaskView; key: string } | null>(null);
  const [declaring, setDeclaring] = useState(false);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<TResultForm>();
  const [relForm] = Form.useForm<{ businessId: string; reason: string }>();
  const q = useQuery({
    queryKey: ['console', 'draw-tasks'],
    queryFn: () => api.get<{ items: TDrawTaskView[] }>('/api/draws/tasks?pageSize=200'),
  });
  const rel = useQuery({
    queryKey: ['console', 'draw-relations'],
    queryFn: () => api.get<TRelationView[]>('/api/draws/relations'),
  });

  const record = async () => {
    if (!recording) return;
    const v = await form.validateFields();
    setBusy(true);
    try {
      await api.post(
        `/api/draws/tasks/${recording.task.id}/result`,
        {
          result: v.result,
          problems: v.problems?.trim() ?? '',
          handling: v.handling?.trim() ?? '',
          inspectedAt: v.inspectedAt.toISOString(),
        },
        // One key per attempt at this form: a resend after a lost answer records it once.
        { idempotencyKey: recording.key },
      );
      message.success(t('draws.task.recorded'));
      setRecording(null);
      form.resetFields();
      await qc.invalidateQueries({ queryKey: ['console', 'draw-tasks'] });
    } catch (e) {
      fail(e);
    } finally {
      setBusy(false);
    }
  };

  const declare = async () => {
    const v = await relForm.validateFields();
    setBusy(true);
    try {
      await api.post('/api/draws/relations', { businessId: v.businessId, reason: v.reason.trim() });
      setDeclaring(false);
      relForm.resetFields();
      await qc.invalidateQueries({ queryKey: ['console', 'draw-relations'] });
    } catch (e) {
      fail(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Card title={t('draws.task.mine')}>
        <p style={{ color: '#666', marginTop: 0 }}>{t('draws.task.intro')}</p>
        <TaskTable
          tasks={q.data?.items ?? []}
          actions={(r) =>
            r.mayRecord ? (
              <Button
                type="primary"
                size="small"
                data-testid="record-result"
                onClick={() => {
                  form.setFieldsValue({ inspectedAt: dayjs(), result: undefined, problems: '', handling: '' });
                  setRecording({ task: r, key: crypto.randomUUID() });
                }}
              >
                {t('draws.task.record')}
              </Button>
            ) : null
          }
        />
      </Card>
      <Card
        title={t('draws.relations.title')}
        size="small"
        extra={
          <Button size="small" onClick={() => setDeclaring(true)}>
            {t('draws.relations.declare')}
          </Button>
        }
      >
        <List
          size="small"
          dataSource={rel.data ?? []}
          locale={{ emptyText: t('draws.relations.none') }}
          renderItem={(r) => (
            <List.Item>
              {r.businessName} — {r.reason}
              <span style={{ color: 'rgba(0, 0, 0, 0.62)', marginLeft: 8 }}>{fmtTime(r.declaredAt)}</span>
            </List.Item>
          )}
        />
      </Card>
      <Modal
        open={!!recording}
        title={recording ? `${t('draws.task.record')}：${recording.task.businessName}` : ''}
        onCancel={() => setRecording(null)}
        onOk={() => void record()}
        confirmLoading={busy}
        okText={t('common.submit')}
      >
        <Form form={form} layout="vertical">
          <Form.Item name="result" label={t('draws.task.result')} rules={[{ required: true }]}>
            <Select
              data-testid="result-select"
              options={DRAW_RESULTS.map((r) => ({ value: r, label: label(DRAW_RESULT_LABELS, r) }))}
            />
          </Form.Item>
          <Form.Item name="problems" label={t('draws.task.problems')} rules={[{ max: 2000 }]}>
            <Input.TextArea rows={3} data-testid="problems" />
          </Form.Item>
          <Form.Item name="handling" label={t('draws.task.handling')} rules={[{ max: 2000 }]}>
            <Input.TextArea rows={2} data-testid="handling" />
          </Form.Item>
          <Form.Item name="inspectedAt" label={t('draws.task.inspectedAt')} rules={[{ required: true }]}>
            <DatePicker showTime style={{ width: '100%' }} />
          </Form.Item>
        </Form>
      </Modal>
      <Modal
        open={declaring}
        title={t('draws.relations.declare')}
        onCancel={() => setDeclaring(false)}
        onOk={() => void declare()}
        confirmLoading={busy}
      >
        <p style={{ color: '#666' }}>{t('draws.relations.hint')}</p>
        <Form form={relForm} layout="vertical">
          <Form.Item name="businessId" label={t('draws.task.business')} rules={[{ required: true }]}>
            <BusinessSelect />
          </Form.Item>
          <Form.Item
            name="reason"
            label={t('draws.relations.reason')}
            rules={[{ required: true, whitespace: true, max: 200 }]}
          >
            <Input />
          </Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}
