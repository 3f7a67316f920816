import { useQuery } from '@tanstack/react-query';
import { ROLE_LABELS, STAFF_ROLES_ASSIGNABLE } from '@zhilv/contracts';
import { Form, Input, Modal, message, Select, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, currentLang, qs } from '../../lib/api';
import { label } from '../../lib/format';
import type { TIssued, TUser } from './UsersPage';

// The accounts page's dialogs: a new account (→ its activation code) and a role change.
const needsDepartment = (r?: string) => r === 'department_staff' || r === 'department_head';

const assignable = () => STAFF_ROLES_ASSIGNABLE.map((r) => ({ value: r, label: label(ROLE_LABELS, r) }));

function UnitFields({ role, current }: { role?: string; current?: { id: string; name: string } | null }) {
  const { t } = useTranslation();
  const en = currentLang() === 'en';
  const depts = useQuery({
    queryKey: ['departments'],
    queryFn: () => api.get<{ id: string; name: string; nameEn: string }[]>('/api/departments'),
    enabled: needsDepartment(role),
  });
  const [q, setQ] = useState('');
  const hits = useQuery({
    queryKey: ['business-search', q],
    queryFn: () => api.get<{ id: string; name: string }[]>(`/api/businesses/search${qs({ q })}`),
    enabled: role === 'business' && q.length > 0,
  });
  if (needsDepartment(role))
    return (
      <Form.Item name="departmentId" label={t('accounts.department')} rules={[{ required: true }]}>
        <Select
          showSearch={{ optionFilterProp: 'label' }}
          loading={depts.isLoading}
          options={(depts.data ?? []).map((d) => ({ value: d.id, label: en ? d.nameEn : d.name }))}
          data-testid="account-department"
        />
      </Form.Item>
    );
  if (role === 'business')
    return (
      <Form.Item name="businessId" label={t('accounts.business')} rules={[{ required: true }]}>
        <Select
          showSearch={{ filterOption: false, onSearch: setQ }}
          options={[...(current ? [current] : []), ...(hits.data ?? [])]
            .filter((b, i, all) => all.findIndex((x) => x.id === b.id) === i)
            .map((b) => ({ value: b.id, label: b.name }))}
          loading={hits.isFetching}
          placeholder={t('admin.searchBusiness')}
          notFoundContent={null}
        />
      </Form.Item>
    );
  return null;
}

export function CreateDialog(props: { open: boolean; onClose: () => void; onCreated: (u: TIssued) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm();
  const role = Form.useWatch('role', form);
  const [busy, setBusy] = useState(false);
  const submit = async (v: Record<string, string | undefined>) => {
    setBusy(true);
    try {
      const body = Object.fromEntries(Object.entries(v).filter(([, x]) => x !== undefined && x !== ''));
      const u = await api.post<TIssued>('/api/admin/users', body);
      form.resetFields();
      props.onCreated(u);
    } catch (e) {
      message.error(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open={props.open}
      title={t('accounts.newAccount')}
      onCancel={props.onClose}
      onOk={() => form.submit()}
      okButtonProps={{ loading: busy, ...({ 'data-testid': 'create-submit' } as Record<`data-${string}`, string>) }}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" onFinish={submit} preserve={false}>
        <Form.Item
          name="username"
          label={t('login.username')}
          extra={t('accounts.usernameRule')}
          rules={[{ required: true, pattern: /^[a-z][a-z0-9_]{2,31}$/, message: t('accounts.usernameRule') }]}
        >
          <Input autoComplete="off" data-testid="account-username" />
        </Form.Item>
        <Form.Item name="displayName" label={t('accounts.displayName')} rules={[{ required: true, max: 50 }]}>
          <Input data-testid="account-name" />
        </Form.Item>
        <Form.Item name="role" label={t('accounts.role')} rules={[{ required: true }]}>
          <Select options={assignable()} data-testid="account-role" />
        </Form.Item>
        <UnitFields role={role} />
        <Form.Item
          name="phone"
          label={t('accounts.phoneOptional')}
          rules={[{ pattern: /^1[3-9]\d{9}$/, message: t('accounts.phoneOptional') }]}
        >
          <Input inputMode="numeric" maxLength={11} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function RoleDialog(props: {
  user: TUser | null;
  onClose: () => void;
  onSave: (body: object) => Promise<void>;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm();
  const role = Form.useWatch('role', form);
  return (
    <Modal
      open={!!props.user}
      title={`${t('accounts.changeRole')} · ${props.user?.displayName ?? ''}`}
      onCancel={props.onClose}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      <Typography.Paragraph type="warning">{t('accounts.changeRoleNote')}</Typography.Paragraph>
      {props.user && (
        <Form
          form={form}
          layout="vertical"
          preserve={false}
          initialValues={{
            role: props.user.role,
            departmentId: props.user.departmentId ?? undefined,
            businessId: props.user.businessId ?? undefined,
          }}
          onFinish={(v) => props.onSave(v)}
        >
          <Form.Item name="role" label={t('accounts.role')} rules={[{ required: true }]}>
            <Select options={assignable()} />
          </Form.Item>
          <UnitFields
            role={role}
            current={
              props.user.businessId && props.user.businessName
                ? { id: props.user.businessId, name: props.user.businessName }
                : null
            }
          />
        </Form>
      )}
    </Modal>
  );
}
