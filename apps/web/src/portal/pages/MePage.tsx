import { useQueryClient } from '@tanstack/react-query';
import { Avatar, Button, Dialog, List, NoticeBar } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { logout } from '../../lib/auth';
import { MyDataCard } from '../components/MyDataCard';
import { PageNav } from '../components/PageNav';
import { PortalLang } from '../components/PortalLang';
import { usePortalMe } from '../lib/usePortalMe';

export function MePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const { me, tourist, goLogin } = usePortalMe();
  const staff = me.data && me.data.role !== 'tourist' ? me.data : null;
  const signOut = async () => {
    if (!(await Dialog.confirm({ content: t('portal.me.logoutConfirm') }))) return;
    await logout();
    qc.setQueryData(['me'], null);
    qc.removeQueries({ queryKey: ['portal'] });
    navigate('/');
  };
  return (
    <>
      <PageNav title={t('portal.me.title')} back={null} />
      <div className="zlp-section">
        <List mode="card" style={{ margin: 0 }}>
          <List.Item
            prefix={<Avatar src="" style={{ '--size': '48px', '--border-radius': '50%' }} />}
            description={tourist ? null : t('portal.me.visitorDesc')}
            extra={
              !tourist && (
                <Button size="small" color="primary" onClick={() => goLogin('/me')} data-testid="me-login">
                  {t('portal.me.login')}
                </Button>
              )
            }
          >
            {tourist ? (
              <span data-testid="my-phone" style={{ fontSize: 18, fontWeight: 500 }}>
                {tourist.phoneMasked}
              </span>
            ) : (
              t('portal.me.visitor')
            )}
          </List.Item>
        </List>
      </div>
      {staff && (
        <div className="zlp-section">
          <NoticeBar wrap color="info" content={t('portal.me.staffNote')} style={{ borderRadius: 8 }} />
        </div>
      )}
      <div className="zlp-section">
        <List mode="card" style={{ margin: 0 }}>
          <List.Item extra={<PortalLang />}>{t('portal.me.language')}</List.Item>
          <List.Item
            onClick={() => navigate('/privacy')}
            extra={
              tourist &&
              (tourist.consentVersion
                ? t('portal.me.consentGiven', { v: tourist.consentVersion })
                : t('portal.me.consentNone'))
            }
            data-testid="me-privacy"
          >
            {t('portal.me.privacy')}
          </List.Item>
          <List.Item onClick={() => navigate('/tickets')} data-testid="me-tickets">
            {t('portal.resv.mine')}
          </List.Item>
          <List.Item onClick={() => navigate('/orders')}>{t('portal.tabs.orders')}</List.Item>
          <List.Item onClick={() => navigate('/returns')} data-testid="me-returns">
            {t('portal.returns.title')}
          </List.Item>
          <List.Item onClick={() => navigate('/public')}>{t('portal.home.publicResults')}</List.Item>
          <List.Item
            onClick={() => {
              window.location.href = '/console';
            }}
          >
            {t('portal.me.staff')}
          </List.Item>
        </List>
      </div>
      {tourist && (
        <div className="zlp-section">
          <MyDataCard />
        </div>
      )}
      {(tourist || staff) && (
        <div className="zlp-section">
          <Button block color="danger" fill="outline" onClick={signOut} data-testid="logout">
            {t('portal.me.logout')}
          </Button>
        </div>
      )}
    </>
  );
}
