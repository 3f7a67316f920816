import { useQuery } from '@tanstack/react-query';
import type { TAvailability } from '@zhilv/contracts';
import { Button, DotLoading, ErrorBlock, List, PullToRefresh } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api } from '../../../lib/api';
import { PageNav } from '../../components/PageNav';
import { errorMessage } from '../../lib/errors';
import { spotName, type TSpotListItem, useSpots } from './api';
import { LevelTag } from './LevelTag';

/** Places left today in slots that can still be booked. */
function TodayLeft({ spotId }: { spotId: string }) {
  const { t } = useTranslation();
  const q = useQuery({
    queryKey: ['portal', 'resv', 'today', spotId],
    queryFn: () => api.get<TAvailability>(`/api/reservations/spots/${spotId}/availability?days=1`),
  });
  const day = q.data?.days[0];
  if (!day) return <span className="zlp-muted">…</span>;
  if (day.closed) return <span className="zlp-muted">{t('portal.resv.closedToday')}</span>;
  const left = day.slots.filter((s) => s.state === 'open').reduce((n, s) => n + s.remaining, 0);
  const paused = day.slots.some((s) => s.state === 'sales_paused');
  return (
    <span className="zlp-muted" data-testid="today-left">
      {left > 0
        ? t('portal.resv.leftToday', { n: left })
        : paused
          ? t('portal.resv.pausedToday')
          : t('portal.resv.noneToday')}
    </span>
  );
}

function SpotItem({ s }: { s: TSpotListItem }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  return (
    <List.Item
      onClick={() => navigate(`/reserve/${s.spotId}`)}
      description={
        <div style={{ display: 'flex', flexDirection: 'column', gap: 2 }}>
          <span>
            {t('portal.resv.hours', { from: s.opensAt, to: s.closesAt })}
            {s.aLevel ? ` · ${t('portal.resv.aLevel', { n: s.aLevel })}` : ''}
          </span>
          <TodayLeft spotId={s.spotId} />
        </div>
      }
      extra={
        <span style={{ display: 'inline-flex', flexDirection: 'column', alignItems: 'flex-end', gap: 4 }}>
          <LevelTag occupancy={s.occupancy} />
          <span className="zlp-muted" style={{ fontSize: 12 }}>
            {t('portal.resv.inPark', { n: s.occupancy.occupancy })}
          </span>
        </span>
      }
      data-testid="spot-item"
    >
      {spotName(s, i18n.language === 'en')}
    </List.Item>
  );
}

/** 景区预约: the reservable scenic spots, how busy each is now and what is left today. */
export function SpotsPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const spots = useSpots();
  let body: React.ReactNode;
  if (spots.isLoading)
    body = (
      <div style={{ textAlign: 'center', padding: 48 }}>
        <DotLoading color="primary" />
      </div>
    );
  else if (spots.isError)
    body = (
      <ErrorBlock status="default" title={errorMessage(spots.error)} description="">
        <Button onClick={() => void spots.refetch()}>{t('portal.common.retry')}</Button>
      </ErrorBlock>
    );
  else if (!spots.data?.length) body = <ErrorBlock status="empty" title={t('portal.resv.noSpots')} description="" />;
  else
    body = (
      <PullToRefresh onRefresh={async () => void (await spots.refetch())}>
        <div className="zlp-section">
          <div className="zlp-muted" style={{ padding: '0 4px 8px' }}>
            {t('portal.resv.intro')}
          </div>
          <List mode="card" style={{ margin: 0 }}>
            {spots.data.map((s) => (
              <SpotItem key={s.spotId} s={s} />
            ))}
          </List>
        </div>
      </PullToRefresh>
    );
  return (
    <>
      <PageNav
        title={t('portal.resv.title')}
        back="/"
        right={
          <Button size="mini" fill="none" onClick={() => navigate('/tickets')} data-testid="to-my-tickets">
            {t('portal.resv.mine')}
          </Button>
        }
      />
      {body}
    </>
  );
}
