import { useQuery, useQueryClient } from '@tanstack/react-query';
import { DEPARTMENT_KIND_LABELS, DEPARTMENT_KINDS, type TDepartmentKind } from '@zhilv/contracts';
import {
  Button,
  Card,
  Drawer,
  Form,
  Grid,
  Input,
  message,
  Select,
  Space,
  Switch,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api, currentLang, qs } from '../../lib/api';
import { label, nameIn } from '../../lib/format';
import { RegionSelect } from './RegionSelect';

type TDepartment = {
  id: string;
  code: string;
  name: string;
  nameEn: string;
  regionCode: string | null;
  kind: TDepartmentKind;
  active: boolean;
};

/** Departments: created and edited by the system admin (each change audited); an inactive one keeps its history. */
export function DepartmentsPage() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [form] = Form.useForm();
  const [editing, setEditing] = useState<Partial<TDepartment> | null>(null);
  const screens = Grid.useBreakpoint();
  const activeTag = (a: boolean) =>
    a ? <Tag color="green">{t('desk.departments.on')}</Tag> : <Tag>{t('desk.departments.off')}</Tag>;
  const editButton = (d: TDepartment) => (
    <Button type="link" onClick={() => edit(d)} data-testid={`department-edit-${d.code}`}>
      {t('common.edit')}
    </Button>
  );
  const wide: TableColumnsType<TDepartment> = [
    { title: t('admin.name'), render: (_, d) => nameIn(d.name, d.nameEn) },
    { title: t('admin.code'), dataIndex: 'code' },
    { title: t('admin.kind'), dataIndex: 'kind', render: (k) => label(DEPARTMENT_KIND_LABELS, k) },
    {
      title: t('desk.departments.active'),
      dataIndex: 'active',
      render: activeTag,
    },
    {
      title: t('common.actions'),
      render: (_, d) => editButton(d),
    },
  ];
  // a phone: one department a row, the edit link beside its name
  const narrow: TableColumnsType<TDepartment> = [
    {
      title: t('admin.name'),
      render: (_, d) => (
        <Space style={{ justifyContent: 'space-between', width: '100%' }}>
          <Space direction="vertical" size={0}>
            <Typography.Text strong>{nameIn(d.name, d.nameEn)}</Typography.Text>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {d.code} · {label(DEPARTMENT_KIND_LABELS, d.kind)}
            </Typography.Text>
          </Space>
          <Space size={0}>
            {activeTag(d.active)}
            {editButton(d)}
          </Space>
        </Space>
      ),
    },
  ];
  const q = useQuery({ queryKey: ['departments'], queryFn: () => api.get<TDepartment[]>('/api/departments') });
  const edit = (d: Partial<TDepartment>) => {
    form.resetFields();
    form.setFieldsValue({ kind: 'bureau', active: true, ...d });
    setEditing(d);
  };
  const save = async (v: Record<string, unknown>) => {
    const body = { ...v, regionCode: v.regionCode ?? null };
    try {
      if (editing?.id) await api.put(`/api/departments/${editing.id}`, body);
      else await api.post('/api/departments', body);
      message.success(t('admin.saved'));
      setEditing(null);
      qc.invalidateQueries({ queryKey: ['departments'] });
    } catch (e) {
      if (e instanceof ApiError && e.field) form.setFields([{ name: e.field, errors: [e.message] }]);
      message.error(e instanceof Error ? e.message : String(e));
    }
  };
  return (
    <Card
      title={t('menu.departments')}
      extra={
        <Space wrap>
          <Button type="primary" onClick={() => edit({})} data-testid="department-new">
            {t('common.create')}
          </Button>
          <Button href={`/api/departments/export${qs({ lang: currentLang() })}`}>{t('common.export')}</Button>
        </Space>
      }
    >
      <Table<TDepartment>
        rowKey="id"
        loading={q.isLoading}
        dataSource={q.data ?? []}
        pagination={false}
        size="small"
        scroll={screens.md ? { x: 'max-content' } : undefined}
        columns={screens.md ? wide : narrow}
        footer={() => t('common.total', { n: q.data?.length ?? 0 })}
      />
      <Drawer
        open={!!editing}
        onClose={() => setEditing(null)}
        width="min(480px, 100vw)"
        title={editing?.id ? `${t('common.edit')} · ${nameIn(editing.name, editing.nameEn)}` : t('common.create')}
        extra={
          <Button type="primary" onClick={() => form.submit()} data-testid="department-save">
            {t('common.save')}
          </Button>
        }
      >
        <Form form={form} layout="vertical" onFinish={save}>
          <Form.Item name="name" label={t('desk.departments.nameZh')} rules={[{ required: true, min: 2, max: 60 }]}>
            <Input />
          </Form.Item>
          <Form.Item name="nameEn" label={t('admin.nameEn')} rules={[{ required: true, min: 2, max: 100 }]}>
            <Input />
          </Form.Item>
          <Form.Item
            name="code"
            label={t('admin.code')}
            extra={t('desk.departments.codeHint')}
            rules={[{ required: true, pattern: /^[a-z][a-z0-9_]{1,40}$/ }]}
          >
            <Input />
          </Form.Item>
          <Form.Item name="kind" label={t('admin.kind')} rules={[{ required: true }]}>
            <Select options={DEPARTMENT_KINDS.map((k) => ({ value: k, label: label(DEPARTMENT_KIND_LABELS, k) }))} />
          </Form.Item>
          <Form.Item name="regionCode" label={t('admin.region')}>
            <RegionSelect />
          </Form.Item>
          <Form.Item
            name="active"
            label={t('desk.departments.active')}
            valuePropName="checked"
            extra={t('desk.departments.activeHint')}
          >
            <Switch />
          </Form.Item>
        </Form>
      </Drawer>
    </Card>
  );
}
