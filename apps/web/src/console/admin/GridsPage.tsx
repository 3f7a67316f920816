import { useQuery, useQueryClient } from '@tanstack/react-query';
import { BUSINESS_KIND_LABELS, type TBusinessKind } from '@zhilv/contracts';
import { Button, Drawer, Form, Input, message, Select, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SearchTable } from '../../components/SearchTable';
import { ApiError, api } from '../../lib/api';
import { label, nameIn } from '../../lib/format';
import { RegionSelect } from './RegionSelect';

type TGrid = {
  id: string;
  code: string;
  name: string;
  nameEn: string | null;
  regionCode: string;
  regionName: string | null;
  workerUserId: string | null;
  workerName: string | null;
  businessCount: number;
};
type TGridDetail = TGrid & { businesses: { id: string; name: string; nameEn?: string | null; kind: TBusinessKind }[] };

/** The businesses a grid looks after (assigned on the business record), read-only here. */
function GridBusinesses(props: { id: string }) {
  const { t } = useTranslation();
  const q = useQuery({ queryKey: ['grid', props.id], queryFn: () => api.get<TGridDetail>(`/api/grids/${props.id}`) });
  return (
    <>
      <Typography.Title level={5} style={{ marginTop: 8 }}>
        {t('admin.assigned')} ({q.data?.businesses.length ?? 0})
      </Typography.Title>
      <Table
        size="small"
        rowKey="id"
        loading={q.isLoading}
        pagination={false}
        dataSource={q.data?.businesses ?? []}
        columns={[
          { title: t('admin.name'), render: (_, b) => nameIn(b.name, b.nameEn) },
          { title: t('admin.kind'), dataIndex: 'kind', render: (k) => label(BUSINESS_KIND_LABELS, k) },
        ]}
      />
    </>
  );
}

export function GridsPage() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [editing, setEditing] = useState<Partial<TGrid> | null>(null);
  const [form] = Form.useForm();
  const workers = useQuery({
    queryKey: ['grid-workers'],
    queryFn: () => api.get<{ id: string; displayName: string }[]>('/api/grid-workers'),
    enabled: !!editing,
  });
  const edit = (g: Partial<TGrid>) => {
    form.resetFields();
    form.setFieldsValue(g);
    setEditing(g);
  };
  const save = async (v: Record<string, unknown>) => {
    const body = { ...v, workerUserId: v.workerUserId ?? null };
    try {
      if (editing?.id) await api.put(`/api/grids/${editing.id}`, body);
      else await api.post('/api/grids', body);
      message.success(t('admin.saved'));
      setEditing(null);
      qc.invalidateQueries({ queryKey: ['grids'] });
    } catch (e) {
      if (e instanceof ApiError && e.field) form.setFields([{ name: e.field, errors: [e.message] }]);
      message.error(e instanceof Error ? e.message : String(e));
    }
  };
  return (
    <>
      <SearchTable<TGrid>
        queryKey="grids"
        url="/api/grids"
        exportUrl="/api/grids/export"
        extra={
          <Button type="primary" onClick={() => edit({})}>
            {t('common.create')}
          </Button>
        }
        fields={
          <Form.Item name="q">
            <Input placeholder={`${t('admin.code')} / ${t('admin.name')}`} allowClear />
          </Form.Item>
        }
        columns={[
          { title: t('admin.code'), dataIndex: 'code' },
          { title: t('admin.name'), render: (_, g) => nameIn(g.name, g.nameEn) },
          {
            title: t('admin.region'),
            render: (_, g) => (
              <>
                {g.regionName ?? '—'} <Typography.Text type="secondary">{g.regionCode}</Typography.Text>
              </>
            ),
          },
          {
            title: t('admin.worker'),
            dataIndex: 'workerName',
            render: (v) => v ?? <Typography.Text type="warning">{t('admin.noWorker')}</Typography.Text>,
          },
          { title: t('admin.businessCount'), dataIndex: 'businessCount', align: 'right' },
          {
            title: t('common.actions'),
            render: (_, g) => (
              <Button type="link" onClick={() => edit(g)}>
                {t('common.edit')}
              </Button>
            ),
          },
        ]}
      />
      <Drawer
        open={!!editing}
        title={editing?.id ? `${t('common.edit')} · ${nameIn(editing.name, editing.nameEn)}` : t('common.create')}
        size={480}
        onClose={() => setEditing(null)}
        extra={
          <Button type="primary" onClick={() => form.submit()}>
            {t('common.save')}
          </Button>
        }
      >
        <Form form={form} layout="vertical" onFinish={save}>
          <Form.Item
            name="code"
            label={t('admin.code')}
            rules={[{ required: true, pattern: /^[A-Za-z0-9_-]{2,40}$/, message: t('admin.gridCodeRule') }]}
          >
            <Input />
          </Form.Item>
          <Form.Item name="name" label={t('admin.name')} rules={[{ required: true, max: 60 }]}>
            <Input />
          </Form.Item>
          <Form.Item name="nameEn" label={t('admin.nameEn')} rules={[{ max: 100 }]}>
            <Input />
          </Form.Item>
          <Form.Item name="regionCode" label={t('admin.region')} rules={[{ required: true }]}>
            <RegionSelect />
          </Form.Item>
          <Form.Item name="workerUserId" label={t('admin.worker')}>
            <Select
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              loading={workers.isLoading}
              options={(workers.data ?? []).map((w) => ({ value: w.id, label: w.displayName }))}
            />
          </Form.Item>
        </Form>
        {editing?.id && <GridBusinesses id={editing.id} />}
      </Drawer>
    </>
  );
}
