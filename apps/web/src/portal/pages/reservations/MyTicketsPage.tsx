import { useQuery } from '@tanstack/react-query';
import type { TBooking } from '@zhilv/contracts';
import { Button, List, Tag } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api } from '../../../lib/api';
import { MyList } from '../../components/MyList';
import { PageNav } from '../../components/PageNav';
import { BOOKING_TONE, StatusIcon } from '../../components/StatusIcon';
import { usePortalMe } from '../../lib/usePortalMe';
import { cancellable, mineKey, STATUS_COLOR, slotTime, spotName } from './api';
import { CancelButton } from './CancelButton';

/** 我的预约: every booking with its state; open ones can be cancelled until their slot starts. */
export function MyTicketsPage() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const { tourist } = usePortalMe();
  const list = useQuery({
    queryKey: mineKey,
    queryFn: () => api.get<{ items: TBooking[] }>('/api/reservations/bookings/mine'),
    enabled: !!tourist,
  });
  const body = (
    <MyList
      query={list}
      loginTitle={t('portal.resv.loginTitle')}
      empty={{
        title: t('portal.resv.mineEmpty'),
        action: t('portal.resv.goReserve'),
        onAction: () => navigate('/reserve'),
      }}
    >
      {(b) => (
        <List.Item
          key={b.id}
          onClick={() => navigate(`/tickets/${b.id}`)}
          description={
            <span>
              {b.day} {slotTime(b)} · {t('portal.resv.people', { n: b.partySize })}
            </span>
          }
          extra={
            <span style={{ display: 'inline-flex', flexDirection: 'column', alignItems: 'flex-end', gap: 6 }}>
              <Tag color={STATUS_COLOR[b.status]} data-testid="booking-status">
                <StatusIcon tone={BOOKING_TONE[b.status]} />
                {t(`portal.resv.status.${b.status}`)}
              </Tag>
              {cancellable(b) && <CancelButton booking={b} />}
            </span>
          }
          data-testid="my-booking"
          data-code={b.ticketCode}
        >
          <div>{spotName({ name: b.spotName, nameEn: b.spotNameEn }, i18n.language === 'en')}</div>
          <div className="zlp-muted">{b.ticketCode}</div>
        </List.Item>
      )}
    </MyList>
  );
  return (
    <>
      <PageNav
        title={t('portal.resv.mine')}
        back="/me"
        right={
          <Button size="mini" fill="none" onClick={() => navigate('/reserve')}>
            {t('portal.resv.goReserve')}
          </Button>
        }
      />
      {body}
    </>
  );
}
