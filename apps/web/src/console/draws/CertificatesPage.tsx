import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { TCertificateView, TRelationView, TStaffOption } from '@zhilv/contracts';
import { Button, Card, DatePicker, Form, Input, Modal, Select, Space, Tag } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ResponsiveTable } from '../../components/ResponsiveTable';
import { api } from '../../lib/api';
import { useMe } from '../../lib/auth';
import { fmtTime, isEn } from '../../lib/format';
import { fail } from './parts';

type TForm = { userId: string; certificateNo: string; validity: [Dayjs, Dayjs] };

/** 执法证 and 回避: who may be drawn as an inspector, and the relations they declared. */
export function CertificatesPage() {
  const { t } = useTranslation();
  const me = useMe();
  const qc = useQueryClient();
  const [editing, setEditing] = useState<TCertificateView | 'new' | null>(null);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<TForm>();
  const certs = useQuery({
    queryKey: ['console', 'certificates'],
    queryFn: () => api.get<TCertificateView[]>('/api/draws/certificates'),
  });
  const staff = useQuery({
    queryKey: ['console', 'draw-staff'],
    queryFn: () => api.get<TStaffOption[]>('/api/draws/staff'),
  });
  const rel = useQuery({
    queryKey: ['console', 'draw-relations'],
    queryFn: () => api.get<TRelationView[]>('/api/draws/relations'),
  });

  const save = async () => {
    const v = await form.validateFields();
    const person = staff.data?.find((s) => s.id === v.userId);
    const body = {
      userId: v.userId,
      certificateNo: v.certificateNo.trim(),
      departmentId: person?.departmentId ?? me.data?.departmentId,
      validFrom: v.validity[0].format('YYYY-MM-DD'),
      validUntil: v.validity[1].format('YYYY-MM-DD'),
    };
    setBusy(true);
    try {
      if (editing === 'new') await api.post('/api/draws/certificates', body);
      else if (editing) await api.put(`/api/draws/certificates/${editing.id}`, body);
      setEditing(null);
      await qc.invalidateQueries({ queryKey: ['console', 'certificates'] });
    } catch (e) {
      fail(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Card
        title={t('draws.certs.title')}
        extra={
          <Button
            type="primary"
            data-testid="new-certificate"
            onClick={() => {
              form.resetFields();
              form.setFieldsValue({ validity: [dayjs(), dayjs().add(5, 'year')] });
              setEditing('new');
            }}
          >
            {t('draws.certs.new')}
          </Button>
        }
      >
        <p style={{ color: '#666', marginTop: 0 }}>{t('draws.certs.intro')}</p>
        <ResponsiveTable<TCertificateView>
          rowKey="id"
          loading={certs.isLoading}
          dataSource={certs.data ?? []}
          size="middle"
          scroll={{ x: 'max-content' }}
          columns={[
            { title: t('draws.certs.no'), dataIndex: 'certificateNo' },
            { title: t('draws.certs.person'), dataIndex: 'userName' },
            {
              title: t('draws.certs.department'),
              key: 'dept',
              render: (_, r) => (isEn() ? r.departmentName.en : r.departmentName.zh),
            },
            {
              title: t('draws.certs.validity'),
              key: 'validity',
              render: (_, r) => (
                <span>
                  {r.validFrom} – {r.validUntil}{' '}
                  <Tag color={r.valid ? 'green' : 'red'}>
                    {r.valid ? t('draws.certs.valid') : t('draws.certs.invalid')}
                  </Tag>
                </span>
              ),
            },
            {
              key: 'actions',
              render: (_, r) => (
                <Button
                  size="small"
                  onClick={() => {
                    form.setFieldsValue({
                      userId: r.userId,
                      certificateNo: r.certificateNo,
                      validity: [dayjs(r.validFrom), dayjs(r.validUntil)],
                    });
                    setEditing(r);
                  }}
                >
                  {t('common.edit')}
                </Button>
              ),
            },
          ]}
        />
      </Card>
      <Card title={t('draws.relations.all')} size="small">
        <ResponsiveTable<TRelationView>
          rowKey="id"
          loading={rel.isLoading}
          dataSource={rel.data ?? []}
          size="small"
          columns={[
            { title: t('draws.certs.person'), dataIndex: 'userName' },
            { title: t('draws.task.business'), dataIndex: 'businessName' },
            { title: t('draws.relations.reason'), dataIndex: 'reason' },
            { title: t('draws.relations.declaredAt'), key: 'at', render: (_, r) => fmtTime(r.declaredAt) },
          ]}
        />
      </Card>
      <Modal
        open={!!editing}
        title={editing === 'new' ? t('draws.certs.new') : t('common.edit')}
        onCancel={() => setEditing(null)}
        onOk={() => void save()}
        confirmLoading={busy}
        okText={t('common.save')}
      >
        <Form form={form} layout="vertical">
          <Form.Item name="userId" label={t('draws.certs.person')} rules={[{ required: true }]}>
            <Select
              showSearch
              optionFilterProp="label"
              disabled={editing !== 'new'}
              data-testid="cert-person"
              options={(staff.data ?? []).map((s) => ({ value: s.id, label: s.displayName }))}
            />
          </Form.Item>
          <Form.Item
            name="certificateNo"
            label={t('draws.certs.no')}
            rules={[{ required: true, pattern: /^[0-9A-Za-z-]{4,32}$/, message: t('draws.certs.noRule') }]}
          >
            <Input data-testid="cert-no" />
          </Form.Item>
          <Form.Item name="validity" label={t('draws.certs.validity')} rules={[{ required: true }]}>
            <DatePicker.RangePicker style={{ width: '100%' }} />
          </Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}
