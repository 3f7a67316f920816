import { Button, Card, Grid, Input, NoticeBar, Steps } from 'antd-mobile';
import {
  EditSOutline,
  EnvironmentOutline,
  FileOutline,
  HistogramOutline,
  LocationOutline,
  ReceiptOutline,
  SearchOutline,
  StarOutline,
  TravelOutline,
  UnorderedListOutline,
} from 'antd-mobile-icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useElderMode } from '../lib/elder';
import { usePortalMe } from '../lib/usePortalMe';
import { ElderHome } from './ElderHome';
import { HomeReserve } from './reservations/HomeReserve';
import { HomeRoutes } from './routes/HomeRoutes';
import { HomeStations } from './stations/HomeStations';

const TRACKING_NO = /^ZL\d{14}$/;

export function HomePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { tourist, goLogin } = usePortalMe();
  const elder = useElderMode();
  const [no, setNo] = useState('');
  const [bad, setBad] = useState(false);
  const entries = [
    { to: '/appeal', label: t('portal.home.fileAppeal'), icon: <EditSOutline />, bg: '#1d5fd1' },
    { to: '/suggestion-box', label: t('portal.home.suggestionBox'), icon: <FileOutline />, bg: '#12a2a8' },
    { to: '/public', label: t('portal.home.publicResults'), icon: <HistogramOutline />, bg: '#f08c2e' },
    { to: '/orders', label: t('portal.home.myOrders'), icon: <UnorderedListOutline />, bg: '#7a5af5' },
    { to: '/returns', label: t('portal.returns.home'), icon: <ReceiptOutline />, bg: '#c2410c' },
    { to: '/rate', label: t('portal.rate.entry'), icon: <StarOutline />, bg: '#d97706' },
    { to: '/stations', label: t('portal.stations.title'), icon: <LocationOutline />, bg: '#c8161d' },
    { to: '/routes', label: t('portal.routes.title'), icon: <TravelOutline />, bg: '#2f8f46' },
    { to: '/businesses', label: t('portal.dir.entry'), icon: <EnvironmentOutline />, bg: '#0f766e' },
    { to: '/credit', label: t('portal.credit.entry'), icon: <SearchOutline />, bg: '#475569' },
    { to: '/draws', label: t('portal.draws.entry'), icon: <FileOutline />, bg: '#0e7490' },
  ];
  const track = () => {
    const n = no.trim().toUpperCase();
    if (!TRACKING_NO.test(n)) return setBad(true);
    const to = `/orders?q=${encodeURIComponent(n)}`;
    if (tourist) navigate(to);
    else goLogin(to);
  };
  const steps = t('portal.home.how', { returnObjects: true }) as string[];
  // Everything of the home page under the welcome; in elder mode behind "more services", under five large tiles.
  const sections = (
    <>
      <div className="zlp-section zlp-lift">
        <Card>
          <Grid columns={4} gap={4}>
            {entries.map((e) => (
              <Grid.Item key={e.to}>
                <button
                  type="button"
                  className="zlp-entry"
                  onClick={() => navigate(e.to)}
                  data-testid={`entry-${e.to.slice(1)}`}
                >
                  <span className="zlp-entry-icon" style={{ background: e.bg }}>
                    {e.icon}
                  </span>
                  <span className="zlp-entry-label">{e.label}</span>
                </button>
              </Grid.Item>
            ))}
          </Grid>
        </Card>
      </div>
      <div className="zlp-section">
        <HomeReserve />
      </div>
      <div className="zlp-section">
        <HomeRoutes />
      </div>
      <div className="zlp-section">
        <HomeStations />
      </div>
      <div className="zlp-section">
        <NoticeBar content={t('portal.home.promise')} color="info" wrap style={{ borderRadius: 8 }} />
      </div>
      <div className="zlp-section">
        <Card title={t('portal.home.track')}>
          <div className="zlp-row">
            <div className="zlp-grow" style={{ border: '1px solid #e5e7eb', borderRadius: 6, padding: '6px 10px' }}>
              <Input
                placeholder={t('portal.home.trackPlaceholder')}
                value={no}
                onChange={(v) => {
                  setNo(v);
                  setBad(false);
                }}
                onEnterPress={track}
                clearable
                maxLength={16}
                data-testid="track-input"
              />
            </div>
            <Button color="primary" onClick={track} disabled={!no.trim()} data-testid="track-submit">
              <SearchOutline /> {t('portal.home.trackBtn')}
            </Button>
          </div>
          {bad && <div className="zlp-error">{t('portal.home.trackInvalid')}</div>}
          {!tourist && (
            <div className="zlp-muted" style={{ marginTop: 8 }}>
              {t('portal.home.trackHint')}
            </div>
          )}
        </Card>
      </div>
      <div className="zlp-section" style={{ paddingBottom: 16 }}>
        <Card title={t('portal.home.howTitle')}>
          <Steps current={-1} style={{ '--title-font-size': '13px' }}>
            {steps.map((s) => (
              <Steps.Step key={s} title={s} status="process" />
            ))}
          </Steps>
        </Card>
      </div>
    </>
  );
  return (
    <>
      {/* The brand and the language switch are in the layout's header, with elder mode. */}
      <header className="zlp-hero">
        <h1>{t('portal.home.welcome')}</h1>
        <p>{t('portal.home.subtitle')}</p>
      </header>
      {elder ? <ElderHome>{sections}</ElderHome> : sections}
    </>
  );
}
