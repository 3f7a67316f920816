import { useQuery, useQueryClient } from '@tanstack/react-query';
import { ROLE_LABELS, ROLES, type TRole, type TUserStatus, USER_STATUS_LABELS } from '@zhilv/contracts';
import {
  Button,
  Card,
  Empty,
  Grid,
  List,
  Modal,
  message,
  Popconfirm,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, currentLang, qs } from '../../lib/api';
import { fmtTime, fmtTimeAs, label } from '../../lib/format';
import { CreateDialog, RoleDialog } from './UserDialogs';

export type TUser = {
  id: string;
  username: string;
  displayName: string;
  role: TRole;
  status: TUserStatus;
  adminDuty: boolean;
  departmentId: string | null;
  businessId: string | null;
  departmentName: string | null;
  departmentNameEn: string | null;
  businessName: string | null;
  businessNameEn: string | null;
  createdAt: string;
};
export type TIssued = TUser & { activationCode: string | null; activationExpiresAt: string | null };
type TPage = { items: TUser[]; total: number };

const STATUS_COLORS: Record<TUserStatus, string> = {
  active: 'green',
  locked: 'orange',
  disabled: 'red',
  pending_activation: 'blue',
  activation_expired: 'default',
};

/**
 * Accounts, for the security admin (三员分立): create working accounts (the holder activates with a one-time
 * code and sets their own password), change role, unlock, disable, reset. Admin duties are only listed: the
 * installation command manages them. Phones get cards, wider screens a table.
 */
export function UsersPage() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const narrow = !Grid.useBreakpoint().md;
  const [role, setRole] = useState<string | undefined>();
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const [creating, setCreating] = useState(false);
  const [reroling, setReroling] = useState<TUser | null>(null);
  const list = useQuery({
    queryKey: ['users', role, page],
    queryFn: () => api.get<TPage>(`/api/admin/users${qs({ role, ...page })}`),
  });
  const en = currentLang() === 'en';
  const unit = (u: TUser) =>
    (en ? (u.departmentNameEn ?? u.businessNameEn) : null) ?? u.departmentName ?? u.businessName ?? '—';

  const showCode = (u: TIssued) => {
    if (!u.activationCode) return;
    Modal.success({
      title: t('accounts.codeTitle', { username: u.username }),
      width: 460,
      content: (
        <div>
          <Typography.Paragraph
            copyable={{ text: u.activationCode, tooltips: [t('accounts.copy'), t('accounts.copied')] }}
            style={{ fontFamily: 'monospace', fontSize: 22, letterSpacing: 2, margin: '12px 0' }}
            data-testid="activation-code"
          >
            {u.activationCode}
          </Typography.Paragraph>
          <Typography.Paragraph type="secondary">
            {t('accounts.codeOnce', { until: u.activationExpiresAt ? fmtTime(u.activationExpiresAt) : '' })}
          </Typography.Paragraph>
        </div>
      ),
    });
  };
  const refresh = () => qc.invalidateQueries({ queryKey: ['users'] });
  const update = async (u: TUser, body: object) => {
    try {
      const r = await api.put<TIssued>(`/api/admin/users/${u.id}`, body);
      if (r.activationCode) showCode(r);
      else message.success(t('accounts.saved'));
      refresh();
    } catch (e) {
      message.error(e instanceof Error ? e.message : String(e));
    }
  };

  const status = (u: TUser) => (
    <Tag color={STATUS_COLORS[u.status]} data-testid={`status-${u.username}`}>
      {label(USER_STATUS_LABELS, u.status)}
    </Tag>
  );
  const actions = (u: TUser) =>
    u.adminDuty ? (
      <Space wrap>
        {u.status === 'locked' && (
          <Button size="small" onClick={() => update(u, { unlock: true })}>
            {t('accounts.unlock')}
          </Button>
        )}
        <Typography.Text type="secondary" style={{ fontSize: 12, display: 'inline-block', maxWidth: 220 }}>
          {t('accounts.adminDuty')}
        </Typography.Text>
      </Space>
    ) : (
      <Space wrap size={[8, 8]}>
        <Button size="small" onClick={() => setReroling(u)}>
          {t('accounts.changeRole')}
        </Button>
        {u.status === 'locked' && (
          <Button size="small" onClick={() => update(u, { unlock: true })}>
            {t('accounts.unlock')}
          </Button>
        )}
        {u.status === 'disabled' ? (
          <Button size="small" onClick={() => update(u, { disabled: false })}>
            {t('accounts.enable')}
          </Button>
        ) : (
          <Popconfirm title={t('accounts.confirmDisable')} onConfirm={() => update(u, { disabled: true })}>
            <Button size="small" danger>
              {t('accounts.disable')}
            </Button>
          </Popconfirm>
        )}
        <Popconfirm title={t('accounts.confirmReset')} onConfirm={() => update(u, { resetPassword: true })}>
          <Button size="small" data-testid={`reset-${u.username}`}>
            {t('accounts.reset')}
          </Button>
        </Popconfirm>
      </Space>
    );

  const items = list.data?.items ?? [];
  const pagination = {
    current: page.page,
    pageSize: page.pageSize,
    total: list.data?.total ?? 0,
    showTotal: (n: number) => t('common.total', { n }),
    onChange: (p: number, s: number) => setPage({ page: p, pageSize: s }),
  };
  return (
    <Card>
      <Space wrap style={{ marginBottom: 16 }}>
        <Select
          placeholder={t('accounts.role')}
          aria-label={t('accounts.role')}
          allowClear
          style={{ width: 200 }}
          value={role}
          onChange={(v) => {
            setRole(v);
            setPage((p) => ({ ...p, page: 1 }));
          }}
          options={ROLES.filter((r) => r !== 'tourist').map((r) => ({ value: r, label: label(ROLE_LABELS, r) }))}
        />
        <Button type="primary" onClick={() => setCreating(true)} data-testid="new-account">
          {t('accounts.newAccount')}
        </Button>
      </Space>
      {narrow ? (
        <List
          loading={list.isLoading}
          dataSource={items}
          pagination={{ ...pagination, size: 'small', simple: true }}
          locale={{ emptyText: <Empty description={t('accounts.empty')} /> }}
          renderItem={(u) => (
            <List.Item key={u.id} style={{ display: 'block' }} data-testid={`user-card-${u.username}`}>
              <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8, alignItems: 'flex-start' }}>
                <div style={{ minWidth: 0 }}>
                  <Typography.Text strong>{u.displayName}</Typography.Text>
                  <div>
                    <Typography.Text type="secondary" style={{ fontFamily: 'monospace' }}>
                      {u.username}
                    </Typography.Text>
                  </div>
                </div>
                {status(u)}
              </div>
              <div style={{ margin: '6px 0', color: 'rgba(0,0,0,.65)' }}>
                {label(ROLE_LABELS, u.role)}
                {unit(u) !== '—' && ` · ${unit(u)}`}
              </div>
              {actions(u)}
            </List.Item>
          )}
        />
      ) : (
        <Table<TUser>
          rowKey="id"
          loading={list.isLoading}
          dataSource={items}
          pagination={{ ...pagination, showSizeChanger: true }}
          // fixed widths: the actions stay whole at 1440 px in both languages; a long unit name is cut (title on hover)
          tableLayout="fixed"
          scroll={{ x: 1100 }}
          size="middle"
          columns={[
            {
              title: `${t('accounts.displayName')} / ${t('login.username')}`,
              dataIndex: 'username',
              width: 230,
              render: (_, u) => (
                <div>
                  <div>{u.displayName}</div>
                  <Typography.Text type="secondary" style={{ fontFamily: 'monospace', fontSize: 12 }}>
                    {u.username}
                  </Typography.Text>
                </div>
              ),
            },
            { title: t('accounts.role'), dataIndex: 'role', width: 140, render: (r) => label(ROLE_LABELS, r) },
            { title: t('accounts.unit'), render: (_, u) => unit(u), ellipsis: true },
            { title: t('accounts.status'), dataIndex: 'status', width: 150, render: (_, u) => status(u) },
            {
              title: t('admin.createdAt'),
              dataIndex: 'createdAt',
              width: 110,
              render: (v) => fmtTimeAs(v, 'YYYY-MM-DD'),
            },
            { title: t('common.actions'), width: 300, render: (_, u) => actions(u) },
          ]}
        />
      )}
      <CreateDialog
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(u) => {
          setCreating(false);
          refresh();
          showCode(u);
        }}
      />
      <RoleDialog
        user={reroling}
        onClose={() => setReroling(null)}
        onSave={async (body) => {
          if (reroling) await update(reroling, body);
          setReroling(null);
        }}
      />
    </Card>
  );
}
