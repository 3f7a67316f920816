import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Form, Input, Select, Space, Tag, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { EditDrawer } from '../../components/EditDrawer';
import { SearchTable } from '../../components/SearchTable';
import { api } from '../../lib/api';
import { useMe } from '../../lib/auth';
import { nameIn } from '../../lib/format';
import { RegionSelect } from '../master-data/RegionSelect';
import type { TCandidate, TGridRow } from './api';
import { GridImport } from './GridImport';

/** The grid form (create and edit): code, names, region, and the leader when it is a leaders' grid (专属网格). */
export function GridForm(props: {
  grid: Partial<TGridRow> | null;
  onClose: () => void;
  onSaved: (id: string) => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm();
  const people = useQuery({
    queryKey: ['grid-workers'],
    queryFn: () => api.get<TCandidate[]>('/api/grid-workers'),
    enabled: !!props.grid,
  });
  const save = (v: Record<string, unknown>) => {
    const body = { ...v, nameEn: v.nameEn || null, leaderUserId: v.leaderUserId ?? null };
    return props.grid?.id
      ? api.put<{ id: string }>(`/api/grids/${props.grid.id}`, body)
      : api.post<{ id: string }>('/api/grids', body);
  };
  return (
    <EditDrawer<Record<string, unknown>, { id: string }>
      open={!!props.grid}
      existing={!!props.grid?.id}
      name={props.grid?.id ? nameIn(props.grid.name, props.grid.nameEn) : undefined}
      form={form}
      onClose={props.onClose}
      onSave={save}
      onSaved={(g) => props.onSaved(g.id)}
      initialValues={props.grid ?? {}}
      destroyOnHidden
    >
      <Form.Item
        name="code"
        label={t('grids.code')}
        rules={[{ required: true, pattern: /^[A-Za-z0-9_-]{2,40}$/, message: t('admin.gridCodeRule') }]}
      >
        <Input />
      </Form.Item>
      <Form.Item name="name" label={t('grids.name')} rules={[{ required: true, max: 60 }]}>
        <Input />
      </Form.Item>
      <Form.Item name="nameEn" label={t('grids.nameEn')} rules={[{ max: 100 }]}>
        <Input />
      </Form.Item>
      <Form.Item name="regionCode" label={t('grids.region')} rules={[{ required: true }]}>
        <RegionSelect />
      </Form.Item>
      <Form.Item name="leaderUserId" label={`${t('grids.leadersGrid')} · ${t('grids.leader')}`}>
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          loading={people.isLoading}
          options={(people.data ?? [])
            .filter((p) => p.role === 'leader')
            .map((p) => ({ value: p.id, label: p.displayName }))}
        />
      </Form.Item>
    </EditDrawer>
  );
}

/**
 * Grids: every grid for those who read all (the admin edits), a grid worker's own grids on their phone. A row
 * opens the grid (members, businesses, map).
 */
export function GridsPage() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const me = useMe();
  const admin = me.data?.role === 'system_admin';
  const [editing, setEditing] = useState<Partial<TGridRow> | null>(null);
  const [importing, setImporting] = useState<File | null>(null);
  return (
    <>
      <Typography.Title level={4}>{t('grids.title')}</Typography.Title>
      <SearchTable<TGridRow>
        queryKey="grids"
        url="/api/grids"
        exportUrl={admin ? '/api/grids/export' : undefined}
        extra={
          admin && (
            <Space wrap>
              <Upload
                accept=".xlsx"
                showUploadList={false}
                beforeUpload={(f) => {
                  setImporting(f);
                  return false;
                }}
              >
                <Button>{t('grids.import')}</Button>
              </Upload>
              <Button type="primary" onClick={() => setEditing({})}>
                {t('common.create')}
              </Button>
            </Space>
          )
        }
        fields={
          <Form.Item name="q">
            <Input placeholder={`${t('grids.code')} / ${t('grids.name')}`} allowClear />
          </Form.Item>
        }
        columns={[
          {
            title: t('grids.name'),
            render: (_, g) => (
              <Space size={4} wrap>
                <Link to={`/console/grids/${g.id}`}>{nameIn(g.name, g.nameEn)}</Link>
                <Typography.Text type="secondary">{g.code}</Typography.Text>
                {g.leaderUserId && <Tag color="gold">{t('grids.leadersGrid')}</Tag>}
              </Space>
            ),
          },
          { title: t('grids.region'), render: (_, g) => g.regionName ?? g.regionCode },
          {
            title: t('grids.members'),
            render: (_, g) => g.memberNames ?? <Typography.Text type="warning">{t('grids.noWorker')}</Typography.Text>,
          },
          { title: t('grids.businessCount'), dataIndex: 'businessCount', align: 'right' },
          {
            key: 'actions',
            render: (_, g) => (
              <Space>
                <Button size="small" onClick={() => navigate(`/console/grids/${g.id}`)}>
                  {t('grids.letters.open')}
                </Button>
                {admin && (
                  <Button size="small" type="link" onClick={() => setEditing(g)}>
                    {t('common.edit')}
                  </Button>
                )}
              </Space>
            ),
          },
        ]}
      />
      <GridForm
        grid={editing}
        onClose={() => setEditing(null)}
        onSaved={() => {
          setEditing(null);
          qc.invalidateQueries({ queryKey: ['grids'] });
        }}
      />
      <GridImport
        file={importing}
        onClose={() => setImporting(null)}
        onApplied={() => {
          setImporting(null);
          qc.invalidateQueries({ queryKey: ['grids'] });
        }}
      />
    </>
  );
}
