import './lib/setup';
import './lib/motion';
import './portal.css';
import { ConfigProvider, SafeArea, TabBar } from 'antd-mobile';
import enUS from 'antd-mobile/es/locales/en-US';
import zhCN from 'antd-mobile/es/locales/zh-CN';
import { AppOutline, EditSOutline, UnorderedListOutline, UserOutline } from 'antd-mobile-icons';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Outlet, useLocation, useNavigate } from 'react-router';
import { ElderSwitch } from './components/ElderSwitch';
import { PortalLang } from './components/PortalLang';
import { applyElderMode, clearElderMode } from './lib/elder';

// Before the first render: a remembered elder mode shows from the first paint, without a jump.
applyElderMode();

const TABS = [
  { key: '/', icon: <AppOutline />, t: 'portal.tabs.home' },
  { key: '/appeal', icon: <EditSOutline />, t: 'portal.tabs.appeal' },
  { key: '/orders', icon: <UnorderedListOutline />, t: 'portal.tabs.orders' },
  { key: '/me', icon: <UserOutline />, t: 'portal.tabs.me' },
];

const activeTab = (pathname: string) =>
  TABS.find((x) => x.key !== '/' && (pathname === x.key || pathname.startsWith(`${x.key}/`)))?.key ??
  (pathname === '/' ? '/' : '');

/**
 * The phone frame: the header with elder mode and language on every page, pages under it, the four tabs at the
 * bottom; a centred column on a desktop.
 */
export function PortalLayout() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  useEffect(() => {
    document.title = t('portal.docTitle');
  }, [t]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new page starts at its top
  useEffect(() => {
    window.scrollTo(0, 0);
  }, [pathname]);
  useEffect(() => {
    applyElderMode();
    return clearElderMode;
  }, []);
  return (
    <ConfigProvider locale={i18n.language === 'en' ? enUS : zhCN}>
      <div className="zlp">
        <header className="zlp-bar">
          <span className="zlp-bar-brand">{t('portal.brand')}</span>
          <div className="zlp-bar-tools">
            <ElderSwitch />
            <PortalLang />
          </div>
        </header>
        <main>
          <Outlet />
        </main>
        <nav className="zlp-tabs">
          <TabBar activeKey={activeTab(pathname)} onChange={(k) => navigate(k)}>
            {TABS.map((x) => (
              <TabBar.Item key={x.key} icon={x.icon} title={t(x.t)} data-testid={`tab-${x.key.slice(1) || 'home'}`} />
            ))}
          </TabBar>
          <SafeArea position="bottom" />
        </nav>
      </div>
    </ConfigProvider>
  );
}
