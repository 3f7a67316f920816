import { BellOutlined, LogoutOutlined, MenuOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { ROLE_LABELS } from '@zhilv/contracts';
import { Badge, Button, Drawer, Dropdown, Grid, Layout, Menu, Space, Spin, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, Outlet, useLocation, useNavigate } from 'react-router';
import { LangSwitch } from '../components/LangSwitch';
import { api } from '../lib/api';
import { logout, useMe } from '../lib/auth';
import { fmtTime, isEn, label } from '../lib/format';
import { useLiveInvalidate } from '../lib/sse';
import { ConsoleTheme } from './ConsoleTheme';
import { menuFor } from './menu';

type TNotifications = {
  unread: number;
  items: {
    id: string;
    titleZh: string;
    titleEn: string;
    objectType: string | null;
    objectId: string | null;
    createdAt: string;
    read: boolean;
  }[];
};

function Bell() {
  const navigate = useNavigate();
  const qc = useQueryClient();
  const { t } = useTranslation();
  const q = useQuery({ queryKey: ['notifications'], queryFn: () => api.get<TNotifications>('/api/notifications') });
  useLiveInvalidate('/api/notifications/stream', 'notification', [['notifications']]);
  const items = (q.data?.items ?? []).slice(0, 12).map((n) => ({
    key: n.id,
    label: (
      <div style={{ maxWidth: 320, fontWeight: n.read ? 400 : 600 }}>
        <div>{isEn() ? n.titleEn : n.titleZh}</div>
        <div style={{ fontSize: 12, color: '#5f6368' }}>{fmtTime(n.createdAt)}</div>
      </div>
    ),
    onClick: async () => {
      await api.post(`/api/notifications/${n.id}/read`).catch(() => undefined);
      qc.invalidateQueries({ queryKey: ['notifications'] });
      if (n.objectType === 'work_order' && n.objectId) navigate(`/console/work-orders/${n.objectId}`);
    },
  }));
  return (
    <Dropdown
      menu={{ items: items.length ? items : [{ key: 'none', label: t('common.none'), disabled: true }] }}
      trigger={['click']}
    >
      <Badge count={q.data?.unread ?? 0} size="small" overflowCount={99}>
        <Button type="text" icon={<BellOutlined />} aria-label={t('menu.notifications')} data-testid="bell" />
      </Badge>
    </Dropdown>
  );
}

/**
 * A table wider than its box scrolls sideways in that box: the box takes the keyboard's focus, so it can be scrolled
 * without a mouse (WCAG 2.1.1; axe's scrollable-region-focusable). One observer for every table of the console.
 */
function useFocusableScrollBoxes() {
  useEffect(() => {
    const mark = () => {
      for (const el of document.querySelectorAll<HTMLElement>('.ant-table-content, .ant-table-body'))
        if (el.scrollWidth > el.clientWidth && !el.hasAttribute('tabindex')) el.tabIndex = 0;
    };
    mark();
    const observer = new MutationObserver(mark);
    observer.observe(document.body, { childList: true, subtree: true });
    return () => observer.disconnect();
  }, []);
}

export function ConsoleLayout() {
  useFocusableScrollBoxes();
  return (
    <ConsoleTheme>
      <ConsoleShell />
    </ConsoleTheme>
  );
}

function ConsoleShell() {
  const { t } = useTranslation();
  const me = useMe();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const location = useLocation();
  // On a phone the header holds the page title, the bell, the language switch, who is signed in and sign-out:
  // the name is cut short (whole on hover or tap) and sign-out is its icon, or they squeeze each other.
  const screens = Grid.useBreakpoint();
  const narrow = !screens.md;
  // below lg the menu is a drawer opened from the header (before the first measurement: the desktop layout)
  const folded = Object.keys(screens).length > 0 && !screens.lg;
  const [drawer, setDrawer] = useState(false);
  if (me.isLoading) return <Spin style={{ display: 'block', margin: '20vh auto' }} />;
  if (!me.data || me.data.role === 'tourist') return <Navigate to="/console/login" replace />;
  if (me.data.mustChangePassword) return <Navigate to="/console/login?change=1" replace />;
  const menu = menuFor(me.data.role);
  const selected = menu.find((m) => location.pathname.startsWith(m.path))?.path;
  const title = menu.find((m) => m.path === selected);
  const nav = (
    <Menu
      className="zl-menu"
      theme="dark"
      mode="inline"
      selectedKeys={selected ? [selected] : []}
      items={menu.map((m) => ({ key: m.path, label: t(m.key) }))}
      onClick={(e) => {
        setDrawer(false);
        navigate(e.key);
      }}
    />
  );
  const brand = (
    <div style={{ color: '#fff', padding: '18px 20px', fontSize: 18, fontWeight: 600 }}>
      {t('app.name')} · {t('app.console')}
    </div>
  );
  return (
    <Layout style={{ minHeight: '100vh' }}>
      {/* Below lg the menu is a drawer over the page, opened from the header's button: a folded Sider pushed the
          page aside when it opened and its tab was clipped. */}
      {folded ? (
        <Drawer
          open={drawer}
          onClose={() => setDrawer(false)}
          placement="left"
          width={260}
          closable={false}
          styles={{ body: { padding: 0, background: '#001529' } }}
          data-testid="menu-drawer"
        >
          {brand}
          {nav}
        </Drawer>
      ) : (
        <Layout.Sider theme="dark" width={220}>
          {brand}
          {nav}
        </Layout.Sider>
      )}
      <Layout style={{ minWidth: 0 }}>
        <Layout.Header
          style={{
            background: '#fff',
            padding: folded ? '0 8px' : '0 20px',
            display: 'flex',
            alignItems: 'center',
            justifyContent: 'space-between',
            gap: 8,
          }}
        >
          {folded && (
            <Button
              type="text"
              icon={<MenuOutlined />}
              onClick={() => setDrawer(true)}
              aria-label={t('field.menu')}
              data-testid="menu-toggle"
            />
          )}
          {/* on a phone the page's name alone: with the console's before it, it broke before its last character */}
          <Typography.Text
            strong
            data-testid="page-title"
            ellipsis
            style={{ whiteSpace: 'nowrap', flex: '1 1 auto', minWidth: 0 }}
          >
            {narrow ? '' : `${t('app.console')} / `}
            {title ? t(title.key) : ''}
          </Typography.Text>
          <Space size={narrow ? 4 : 8}>
            <Bell />
            <LangSwitch />
            <Typography.Text
              data-testid="me"
              ellipsis={{ tooltip: true }}
              style={{ maxWidth: narrow ? 64 : 360, lineHeight: '22px', display: 'block' }}
            >
              {me.data.displayName} · {label(ROLE_LABELS, me.data.role)}
            </Typography.Text>
            <Button
              type="text"
              icon={<LogoutOutlined />}
              aria-label={t('common.logout')}
              title={t('common.logout')}
              onClick={async () => {
                await logout();
                qc.setQueryData(['me'], null);
                navigate('/console/login');
              }}
            >
              {narrow ? null : t('common.logout')}
            </Button>
          </Space>
        </Layout.Header>
        <Layout.Content style={{ padding: narrow ? 10 : 20, minWidth: 0 }}>
          <Outlet />
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
