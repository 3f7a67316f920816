import { useMutation, useQueryClient } from '@tanstack/react-query';
import { CREDIT_CATEGORIES, CREDIT_CATEGORY_LABELS, type TCreditRule, type TCreditSettings } from '@zhilv/contracts';
import { Button, Card, Form, Input, InputNumber, Modal, message, Select, Space, Switch, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ResponsiveTable } from '../../components/ResponsiveTable';
import { api } from '../../lib/api';
import { useMe } from '../../lib/auth';
import { useCreditRules, useCreditSettings } from './api';

/**
 * The rule table (every version kept: an event links to the version it was recorded under) and the grade
 * thresholds and periods. Everyone who reads files reads this; only the system admin edits.
 */
export function CreditRulesPage() {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en';
  const me = useMe().data;
  const admin = me?.role === 'system_admin';
  const rules = useCreditRules();
  const [editing, setEditing] = useState<TCreditRule | null>(null);
  const latest = new Map<string, number>();
  for (const r of rules.data ?? []) latest.set(r.code, Math.max(latest.get(r.code) ?? 0, r.version));
  return (
    <Space direction="vertical" style={{ width: '100%' }} size={12}>
      <SettingsCard admin={admin} />
      <Card title={t('creditMod.rules')}>
        <ResponsiveTable
          rowKey="id"
          loading={rules.isLoading}
          pagination={false}
          dataSource={rules.data ?? []}
          onRow={(r) => ({ id: latest.get(r.code) === r.version ? r.code : undefined })}
          columns={[
            { title: t('creditMod.rule'), render: (_, r) => (en ? r.nameEn : r.name) },
            { title: t('creditMod.code'), render: (_, r) => <code>{r.code}</code> },
            {
              title: t('creditMod.version'),
              render: (_, r) => (
                <Space size={4}>
                  v{r.version}
                  {latest.get(r.code) !== r.version && <Tag>{t('creditMod.superseded')}</Tag>}
                  {!r.active && <Tag>{t('creditMod.inactive')}</Tag>}
                </Space>
              ),
            },
            {
              title: t('creditMod.category'),
              render: (_, r) => (en ? CREDIT_CATEGORY_LABELS[r.category].en : CREDIT_CATEGORY_LABELS[r.category].zh),
            },
            {
              title: t('creditMod.points'),
              align: 'right',
              render: (_, r) => (r.points > 0 ? `+${r.points}` : r.points),
            },
            { title: t('creditMod.validityDays'), align: 'right', render: (_, r) => r.validityDays ?? '—' },
            {
              title: t('creditMod.repairable'),
              render: (_, r) => (r.repairableByCommitment ? t('common.yes') : t('common.no')),
            },
            ...(admin
              ? [
                  {
                    title: t('common.actions'),
                    render: (_: unknown, r: TCreditRule) =>
                      latest.get(r.code) === r.version && (
                        <Button size="small" onClick={() => setEditing(r)} data-testid={`edit-rule-${r.code}`}>
                          {t('common.edit')}
                        </Button>
                      ),
                  },
                ]
              : []),
          ]}
        />
      </Card>
      {editing && <RuleDialog rule={editing} onClose={() => setEditing(null)} />}
    </Space>
  );
}

function RuleDialog({ rule, onClose }: { rule: TCreditRule; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en';
  const [form] = Form.useForm();
  const qc = useQueryClient();
  const save = useMutation({
    mutationFn: (v: object) => api.put(`/api/credit/rules/${rule.code}`, v),
    onSuccess: () => {
      message.success(t('creditMod.done'));
      qc.invalidateQueries({ queryKey: ['credit'] });
      onClose();
    },
    onError: (err: Error) => message.error(err.message),
  });
  return (
    <Modal
      open
      title={`${t('common.edit')} · ${rule.code}`}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={rule}
        onFinish={(v) => save.mutate({ ...v, validityDays: v.validityDays ?? null })}
      >
        <Form.Item name="name" label={t('creditMod.rule')} rules={[{ required: true }]}>
          <Input />
        </Form.Item>
        <Form.Item name="nameEn" label="English" rules={[{ required: true }]}>
          <Input />
        </Form.Item>
        <Form.Item name="category" label={t('creditMod.category')}>
          <Select
            options={CREDIT_CATEGORIES.map((c) => ({
              value: c,
              label: en ? CREDIT_CATEGORY_LABELS[c].en : CREDIT_CATEGORY_LABELS[c].zh,
            }))}
          />
        </Form.Item>
        <Form.Item name="points" label={t('creditMod.points')} rules={[{ required: true }]}>
          <InputNumber min={-100} max={100} />
        </Form.Item>
        <Form.Item name="validityDays" label={t('creditMod.validityDays')}>
          <InputNumber min={1} max={3650} />
        </Form.Item>
        <Form.Item name="public" label={t('creditMod.public')} valuePropName="checked">
          <Switch />
        </Form.Item>
        <Form.Item name="repairableByCommitment" label={t('creditMod.repairable')} valuePropName="checked">
          <Switch />
        </Form.Item>
        <Form.Item name="active" label={t('creditMod.active')} valuePropName="checked">
          <Switch />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function SettingsCard({ admin }: { admin: boolean }) {
  const { t } = useTranslation();
  const s = useCreditSettings();
  const qc = useQueryClient();
  const save = useMutation({
    mutationFn: (v: TCreditSettings) => api.put('/api/credit/settings', v),
    onSuccess: () => {
      message.success(t('creditMod.done'));
      qc.invalidateQueries({ queryKey: ['credit'] });
    },
    onError: (err: Error) => message.error(err.message),
  });
  if (!s.data) return <Card loading />;
  const fields: (keyof TCreditSettings)[] = [
    'baseScore',
    'gradeAMin',
    'gradeBMin',
    'gradeCMin',
    'objectionWorkingDays',
    'seriousPeriodMonths',
    'minorPeriodMonths',
    'repairMinDays',
    'repairDecisionWorkingDays',
  ];
  return (
    <Card title={t('creditMod.settings')}>
      <Form layout="inline" initialValues={s.data} onFinish={(v) => save.mutate(v)} disabled={!admin}>
        {fields.map((f) => (
          <Form.Item key={f} name={f} label={t(`creditMod.s_${f}`)} style={{ marginBottom: 8 }}>
            <InputNumber min={0} max={1000} />
          </Form.Item>
        ))}
        {admin && (
          <Button type="primary" htmlType="submit" loading={save.isPending}>
            {t('common.save')}
          </Button>
        )}
      </Form>
    </Card>
  );
}
