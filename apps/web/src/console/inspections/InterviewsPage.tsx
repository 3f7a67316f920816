import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { TInterviewView } from '@zhilv/contracts';
import { Button, Card, DatePicker, Form, Input, List, Modal, message, Space } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { BusinessSelect } from '../../components/BusinessSelect';
import { ResponsiveTable } from '../../components/ResponsiveTable';
import { api } from '../../lib/api';
import { useMe } from '../../lib/auth';
import { showOnField } from '../../lib/form-errors';
import { fmtTime, nameIn } from '../../lib/format';

type TPage = { items: TInterviewView[]; total: number };
type TForm = {
  businessId: string;
  incident: string;
  heldAt: Dayjs;
  participants: { name: string; organisation: string }[];
  minutes: string;
  commitments: { text: string; dueOn: Dayjs }[];
  followUpOn?: Dayjs;
};

/** 约谈 after serious incidents: who took part, the minutes, the business's commitments and the follow-up day. */
export function InterviewsPage() {
  const { t } = useTranslation();
  const me = useMe();
  const qc = useQueryClient();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<TForm>();
  const [page, setPage] = useState(1);
  const q = useQuery({
    queryKey: ['console', 'interviews', page],
    queryFn: () => api.get<TPage>(`/api/interviews?page=${page}&pageSize=20`),
  });
  const mayRecord = ['department_staff', 'department_head', 'leader'].includes(me.data?.role ?? '');
  const save = async () => {
    const v = await form.validateFields();
    setBusy(true);
    try {
      await api.post('/api/interviews', {
        businessId: v.businessId,
        incident: v.incident,
        heldAt: v.heldAt.toISOString(),
        participants: v.participants ?? [],
        minutes: v.minutes,
        commitments: (v.commitments ?? []).map((c) => ({ text: c.text, dueOn: c.dueOn.format('YYYY-MM-DD') })),
        followUpOn: v.followUpOn ? v.followUpOn.format('YYYY-MM-DD') : null,
      });
      message.success(t('inspections.done'));
      setOpen(false);
      form.resetFields();
      await qc.invalidateQueries({ queryKey: ['console', 'interviews'] });
    } catch (e) {
      if (!showOnField(form, e)) message.error(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card
      title={t('inspections.interviewsTitle')}
      extra={
        mayRecord && (
          <Button type="primary" onClick={() => setOpen(true)}>
            {t('inspections.newInterview')}
          </Button>
        )
      }
    >
      <ResponsiveTable<TInterviewView>
        rowKey="id"
        loading={q.isLoading}
        dataSource={q.data?.items ?? []}
        pagination={{ current: page, pageSize: 20, total: q.data?.total ?? 0, onChange: setPage }}
        expandable={{
          expandedRowRender: (r) => (
            <Space direction="vertical">
              <div>{r.minutes}</div>
              <div>{r.participants.map((p) => `${p.name}（${p.organisation}）`).join('、')}</div>
              <List
                size="small"
                header={t('inspections.commitments')}
                dataSource={r.commitments}
                renderItem={(c) => (
                  <List.Item>
                    {c.text} · {c.dueOn}
                  </List.Item>
                )}
              />
            </Space>
          ),
        }}
        columns={[
          { title: t('inspections.business'), key: 'b', render: (_, r) => nameIn(r.business.name, r.business.nameEn) },
          { title: t('inspections.incident'), dataIndex: 'incident' },
          { title: t('inspections.heldAt'), key: 'h', render: (_, r) => fmtTime(r.heldAt) },
          { title: t('inspections.followUpOn'), key: 'f', render: (_, r) => r.followUpOn ?? '—' },
        ]}
      />
      <Modal
        open={open}
        width={720}
        title={t('inspections.newInterview')}
        onCancel={() => setOpen(false)}
        onOk={save}
        confirmLoading={busy}
        destroyOnHidden
      >
        <Form
          form={form}
          layout="vertical"
          initialValues={{ participants: [{ name: '', organisation: '' }], commitments: [] }}
        >
          <Form.Item name="businessId" label={t('inspections.business')} rules={[{ required: true }]}>
            <BusinessSelect />
          </Form.Item>
          <Form.Item name="incident" label={t('inspections.incident')} rules={[{ required: true }]}>
            <Input maxLength={1000} />
          </Form.Item>
          <Form.Item name="heldAt" label={t('inspections.heldAt')} rules={[{ required: true }]}>
            <DatePicker showTime />
          </Form.Item>
          <Form.List name="participants">
            {(fields, { add, remove }) => (
              <Space direction="vertical" style={{ width: '100%' }}>
                {t('inspections.participants')}
                {fields.map((f) => (
                  <Space key={f.key} wrap>
                    <Form.Item name={[f.name, 'name']} rules={[{ required: true }]} noStyle>
                      <Input placeholder={t('inspections.participantName')} style={{ width: 160 }} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'organisation']} noStyle>
                      <Input placeholder={t('inspections.organisation')} style={{ width: 220 }} />
                    </Form.Item>
                    <Button size="small" onClick={() => remove(f.name)}>
                      {t('inspections.remove')}
                    </Button>
                  </Space>
                ))}
                <Button size="small" onClick={() => add({ name: '', organisation: '' })}>
                  {t('inspections.addParticipant')}
                </Button>
              </Space>
            )}
          </Form.List>
          <Form.Item
            name="minutes"
            label={t('inspections.minutes')}
            rules={[{ required: true }]}
            style={{ marginTop: 12 }}
          >
            <Input.TextArea rows={4} maxLength={10000} />
          </Form.Item>
          <Form.List name="commitments">
            {(fields, { add, remove }) => (
              <Space direction="vertical" style={{ width: '100%' }}>
                {t('inspections.commitments')}
                {fields.map((f) => (
                  <Space key={f.key} wrap>
                    <Form.Item name={[f.name, 'text']} rules={[{ required: true }]} noStyle>
                      <Input placeholder={t('inspections.commitment')} style={{ width: 280 }} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'dueOn']} rules={[{ required: true }]} noStyle>
                      <DatePicker />
                    </Form.Item>
                    <Button size="small" onClick={() => remove(f.name)}>
                      {t('inspections.remove')}
                    </Button>
                  </Space>
                ))}
                <Button size="small" onClick={() => add({ text: '' })}>
                  {t('inspections.addCommitment')}
                </Button>
              </Space>
            )}
          </Form.List>
          <Form.Item name="followUpOn" label={t('inspections.followUpOn')} style={{ marginTop: 12 }}>
            <DatePicker />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
