import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { TCreditFileRow } from '@zhilv/contracts';
import { Button, Card, Empty, Form, Input, message, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, qs } from '../../lib/api';
import { useMe } from '../../lib/auth';
import { useDishonestEntries } from './api';
import { EntryCard } from './EntryCard';

/**
 * 失信名单 procedure for the department (staff propose, the head serves the notice and decides) and for a business
 * (its own entries: objection, repair). Each entry shows only the step its reader may take now.
 */
export function DishonestListPage() {
  const { t } = useTranslation();
  const me = useMe().data;
  const entries = useDishonestEntries();
  const mayPropose = me?.role === 'department_staff' || me?.role === 'department_head';
  return (
    <Card title={t('creditMod.dishonestList')}>
      {mayPropose && <ProposeForm />}
      {entries.data?.length ? (
        entries.data.map((e) => <EntryCard key={e.id} e={e} />)
      ) : (
        <Empty description={t('creditMod.noEntries')} />
      )}
    </Card>
  );
}

function ProposeForm() {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [options, setOptions] = useState<TCreditFileRow[]>([]);
  const qc = useQueryClient();
  const [form] = Form.useForm();
  const propose = useMutation({
    mutationFn: (v: unknown) => api.post('/api/credit/dishonest-entries', v),
    onSuccess: () => {
      message.success(t('creditMod.done'));
      form.resetFields();
      setOpen(false);
      qc.invalidateQueries({ queryKey: ['credit'] });
    },
    onError: (err: Error) => message.error(err.message),
  });
  if (!open)
    return (
      <Button type="primary" style={{ marginBottom: 12 }} onClick={() => setOpen(true)} data-testid="propose-open">
        {t('creditMod.propose')}
      </Button>
    );
  return (
    <Card size="small" style={{ marginBottom: 12 }} title={t('creditMod.propose')}>
      <Form form={form} layout="vertical" onFinish={(v) => propose.mutate(v)}>
        <Form.Item name="businessId" label={t('creditMod.subject')} rules={[{ required: true }]}>
          <Select
            showSearch
            filterOption={false}
            data-testid="propose-business"
            onSearch={async (q) => {
              if (q.trim().length < 2) return;
              const r = await api.get<{ items: TCreditFileRow[] }>(`/api/credit/files${qs({ q, pageSize: 10 })}`);
              setOptions(r.items);
            }}
            options={options.map((o) => ({ value: o.subjectId, label: `${o.name} (${o.key})` }))}
          />
        </Form.Item>
        <Form.Item name="tier" label={t('creditMod.tier')} rules={[{ required: true }]} initialValue="serious">
          <Select
            options={[
              { value: 'serious', label: t('creditMod.tier_serious') },
              { value: 'minor', label: t('creditMod.tier_minor') },
            ]}
          />
        </Form.Item>
        <Form.Item name="legalBasis" label={t('creditMod.legalBasis')} rules={[{ required: true, min: 2 }]}>
          <Input data-testid="propose-basis" />
        </Form.Item>
        <Form.Item name="decisionNo" label={t('creditMod.decisionNo')} rules={[{ required: true, min: 2 }]}>
          <Input data-testid="propose-decision-no" />
        </Form.Item>
        <Form.Item name="reason" label={t('creditMod.reason')} rules={[{ required: true, min: 2 }]}>
          <Input.TextArea rows={3} data-testid="propose-reason" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={propose.isPending} data-testid="propose-submit">
          {t('common.submit')}
        </Button>
      </Form>
    </Card>
  );
}
