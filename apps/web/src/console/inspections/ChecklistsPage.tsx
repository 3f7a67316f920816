import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  BUSINESS_KIND_LABELS,
  BUSINESS_KINDS,
  CHECKLIST_TOPIC_LABELS,
  CHECKLIST_TOPICS,
  SEVERITIES,
  SEVERITY_LABELS,
  type TChecklistInput,
  type TChecklistView,
  type TRectificationDays,
} from '@zhilv/contracts';
import { Button, Card, Checkbox, Form, Input, InputNumber, Modal, message, Select, Space, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ResponsiveTable } from '../../components/ResponsiveTable';
import { api } from '../../lib/api';
import { showOnField } from '../../lib/form-errors';
import { fmtTime, label, nameIn } from '../../lib/format';

/**
 * 检查事项清单 (admin): each save is a new version under the same code; inspections keep the version they used.
 */
export function ChecklistsPage() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [editing, setEditing] = useState<Partial<TChecklistInput> | null>(null);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<TChecklistInput>();
  const q = useQuery({
    queryKey: ['console', 'checklists'],
    queryFn: () => api.get<TChecklistView[]>('/api/checklists?includeOld=true'),
  });
  const open = (c?: TChecklistView) => {
    const v = c
      ? { code: c.code, name: c.name, nameEn: c.nameEn, topic: c.topic, businessKind: c.businessKind, items: c.items }
      : {
          items: [{ key: '', text: '', textEn: '', severity: 'general' as const, photoRequired: true, legalBasis: '' }],
        };
    setEditing(v);
    form.setFieldsValue(v as TChecklistInput);
  };
  const save = async () => {
    const v = await form.validateFields();
    setBusy(true);
    try {
      await api.post('/api/checklists', { ...v, businessKind: v.businessKind ?? null });
      message.success(t('inspections.done'));
      setEditing(null);
      await qc.invalidateQueries({ queryKey: ['console', 'checklists'] });
    } catch (e) {
      if (!showOnField(form, e)) message.error(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <RectificationDaysCard />
      <Card
        title={t('inspections.checklistsTitle')}
        extra={
          <Button type="primary" onClick={() => open()}>
            {t('inspections.newChecklist')}
          </Button>
        }
      >
        <ResponsiveTable<TChecklistView>
          rowKey="id"
          loading={q.isLoading}
          dataSource={q.data ?? []}
          columns={[
            { title: t('inspections.code'), dataIndex: 'code' },
            {
              title: t('inspections.name'),
              key: 'n',
              render: (_, c) => (
                <span>
                  {nameIn(c.name, c.nameEn)} <Tag>v{c.version}</Tag>
                  {!c.active && <Tag>{t('inspections.retired')}</Tag>}
                </span>
              ),
            },
            { title: t('inspections.topic'), key: 't', render: (_, c) => label(CHECKLIST_TOPIC_LABELS, c.topic) },
            {
              title: t('inspections.businessKind'),
              key: 'k',
              render: (_, c) =>
                c.businessKind ? label(BUSINESS_KIND_LABELS, c.businessKind) : t('inspections.anyKind'),
            },
            { title: t('inspections.itemsN'), key: 'i', render: (_, c) => c.items.length },
            { title: t('inspections.createdAt'), key: 'c', render: (_, c) => fmtTime(c.createdAt) },
            {
              title: '',
              key: 'a',
              render: (_, c) =>
                c.active && (
                  <Button size="small" onClick={() => open(c)}>
                    {t('inspections.revise')}
                  </Button>
                ),
            },
          ]}
        />
        <Modal
          open={!!editing}
          width={760}
          title={editing?.code ? t('inspections.revise') : t('inspections.newChecklist')}
          onCancel={() => setEditing(null)}
          onOk={save}
          confirmLoading={busy}
          destroyOnHidden
        >
          <Form form={form} layout="vertical">
            <Form.Item
              name="code"
              label={t('inspections.code')}
              rules={[{ required: true, pattern: /^[a-z0-9_]{2,40}$/ }]}
            >
              <Input disabled={!!editing?.code} />
            </Form.Item>
            <Form.Item name="name" label={t('inspections.name')} rules={[{ required: true }]}>
              <Input maxLength={100} />
            </Form.Item>
            <Form.Item name="nameEn" label={t('inspections.nameEn')}>
              <Input maxLength={100} />
            </Form.Item>
            <Space wrap>
              <Form.Item name="topic" label={t('inspections.topic')} rules={[{ required: true }]}>
                <Select
                  style={{ width: 200 }}
                  options={CHECKLIST_TOPICS.map((x) => ({ value: x, label: label(CHECKLIST_TOPIC_LABELS, x) }))}
                />
              </Form.Item>
              <Form.Item name="businessKind" label={t('inspections.businessKind')}>
                <Select
                  allowClear
                  style={{ width: 200 }}
                  placeholder={t('inspections.anyKind')}
                  options={BUSINESS_KINDS.map((x) => ({ value: x, label: label(BUSINESS_KIND_LABELS, x) }))}
                />
              </Form.Item>
            </Space>
            <Form.List name="items">
              {(fields, { add, remove }) => (
                <Space direction="vertical" style={{ width: '100%' }}>
                  {fields.map((f) => (
                    <Card key={f.key} size="small">
                      <Space wrap align="start">
                        <Form.Item
                          name={[f.name, 'key']}
                          label={t('inspections.itemKey')}
                          rules={[{ required: true, pattern: /^[a-z0-9_]{1,40}$/ }]}
                        >
                          <Input style={{ width: 140 }} />
                        </Form.Item>
                        <Form.Item
                          name={[f.name, 'severity']}
                          label={t('inspections.severity')}
                          rules={[{ required: true }]}
                        >
                          <Select
                            style={{ width: 130 }}
                            options={SEVERITIES.map((s) => ({ value: s, label: label(SEVERITY_LABELS, s) }))}
                          />
                        </Form.Item>
                        <Form.Item name={[f.name, 'photoRequired']} valuePropName="checked" label=" ">
                          <Checkbox>{t('inspections.photoRequired')}</Checkbox>
                        </Form.Item>
                        <Button danger size="small" onClick={() => remove(f.name)} style={{ marginTop: 30 }}>
                          {t('inspections.remove')}
                        </Button>
                      </Space>
                      <Form.Item name={[f.name, 'text']} label={t('inspections.item')} rules={[{ required: true }]}>
                        <Input maxLength={300} />
                      </Form.Item>
                      <Form.Item name={[f.name, 'textEn']} label={t('inspections.itemEn')}>
                        <Input maxLength={300} />
                      </Form.Item>
                      <Form.Item name={[f.name, 'legalBasis']} label={t('inspections.legalBasis')}>
                        <Input maxLength={300} />
                      </Form.Item>
                    </Card>
                  ))}
                  <Button
                    onClick={() =>
                      add({ key: '', text: '', textEn: '', severity: 'general', photoRequired: true, legalBasis: '' })
                    }
                  >
                    {t('inspections.addItem')}
                  </Button>
                </Space>
              )}
            </Form.List>
          </Form>
        </Modal>
      </Card>
    </Space>
  );
}

/** 整改期限 by severity (days from the order): the admin's setting, read when each hazard is issued. */
function RectificationDaysCard() {
  const { t } = useTranslation();
  const [form] = Form.useForm<TRectificationDays>();
  const q = useQuery({
    queryKey: ['console', 'rectification-days'],
    queryFn: () => api.get<TRectificationDays>('/api/rectification-days'),
  });
  const save = async () => {
    try {
      await api.put('/api/rectification-days', await form.validateFields());
      message.success(t('inspections.done'));
    } catch (e) {
      if (!showOnField(form, e)) message.error(e instanceof Error ? e.message : String(e));
    }
  };
  if (!q.data) return <Card loading size="small" />;
  return (
    <Card size="small" title={t('inspections.daysTitle')}>
      <Form form={form} layout="inline" initialValues={q.data} onFinish={save}>
        {SEVERITIES.map((s) => (
          <Form.Item key={s} name={s} label={label(SEVERITY_LABELS, s)} rules={[{ required: true }]}>
            <InputNumber min={1} max={90} addonAfter={t('inspections.days')} style={{ width: 130 }} />
          </Form.Item>
        ))}
        <Button htmlType="submit">{t('inspections.save')}</Button>
      </Form>
    </Card>
  );
}
