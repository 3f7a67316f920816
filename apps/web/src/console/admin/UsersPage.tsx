import { useQueryClient } from '@tanstack/react-query';
import { ROLE_LABELS, ROLES } from '@zhilv/contracts';
import { Button, Form, Modal, message, Select, Space, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { SearchTable } from '../../components/SearchTable';
import { api } from '../../lib/api';
import { fmtTime, label } from '../../lib/format';

type TUser = {
  id: string;
  username: string;
  displayName: string;
  role: keyof typeof ROLE_LABELS;
  disabled: boolean;
  locked: boolean;
  createdAt: string;
};

/** Accounts, for the security admin: role, unlock, disable, password reset (each ends the account's sessions). */
export function UsersPage() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const update = async (id: string, body: object) => {
    try {
      const r = await api.put<{ tempPassword: string | null }>(`/api/admin/users/${id}`, body);
      if (r.tempPassword) Modal.info({ title: t('admin.tempPassword', { p: r.tempPassword }) });
      else message.success(t('admin.saved'));
      qc.invalidateQueries({ queryKey: ['users'] });
    } catch (e) {
      message.error(e instanceof Error ? e.message : String(e));
    }
  };
  return (
    <SearchTable<TUser>
      queryKey="users"
      url="/api/admin/users"
      fields={
        <Form.Item name="role">
          <Select
            placeholder={t('admin.role')}
            allowClear
            style={{ width: 180 }}
            options={ROLES.filter((r) => r !== 'tourist').map((r) => ({ value: r, label: label(ROLE_LABELS, r) }))}
          />
        </Form.Item>
      }
      columns={[
        { title: t('login.username'), dataIndex: 'username' },
        { title: t('admin.name'), dataIndex: 'displayName' },
        { title: t('admin.role'), dataIndex: 'role', render: (r) => label(ROLE_LABELS, r) },
        {
          title: t('wo.status'),
          render: (_, u) => (
            <Space>
              {u.disabled && <Tag color="red">{t('admin.disabled')}</Tag>}
              {u.locked && <Tag color="orange">{t('admin.locked')}</Tag>}
            </Space>
          ),
        },
        { title: t('admin.createdAt'), dataIndex: 'createdAt', render: fmtTime },
        {
          title: t('common.actions'),
          render: (_, u) => (
            <Space>
              {u.locked && (
                <Button size="small" onClick={() => update(u.id, { unlock: true })}>
                  {t('admin.unlock')}
                </Button>
              )}
              <Button size="small" onClick={() => update(u.id, { disabled: !u.disabled })}>
                {u.disabled ? t('common.yes') : t('admin.disabled')}
              </Button>
              <Button size="small" onClick={() => update(u.id, { resetPassword: true })}>
                {t('admin.resetPassword')}
              </Button>
            </Space>
          ),
        },
      ]}
    />
  );
}
