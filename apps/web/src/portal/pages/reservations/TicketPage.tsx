import { useQuery } from '@tanstack/react-query';
import type { TBooking } from '@zhilv/contracts';
import { Button, Card, DotLoading, ErrorBlock, List, Result, Space, Tag } from 'antd-mobile';
import QRCode from 'qrcode';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { ApiError } from '../../../lib/api';
import { inZone } from '../../../lib/format';
import { LoginRequired } from '../../components/LoginRequired';
import { PageNav } from '../../components/PageNav';
import { BOOKING_TONE, StatusIcon } from '../../components/StatusIcon';
import { errorMessage } from '../../lib/errors';
import { fmtTime } from '../../lib/format';
import { usePortalMe } from '../../lib/usePortalMe';
import { cancellable, getBooking, STATUS_COLOR, slotTime, spotName } from './api';
import { CancelButton } from './CancelButton';

/** The ticket code as a QR image (a data URL drawn by the qrcode package), for the gate's camera. */
function TicketQr({ code }: { code: string }) {
  const { t } = useTranslation();
  const [src, setSrc] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    QRCode.toDataURL(code, { width: 440, margin: 1, errorCorrectionLevel: 'M' })
      .then((url) => live && setSrc(url))
      .catch(() => live && setSrc(null));
    return () => {
      live = false;
    };
  }, [code]);
  if (!src) return <div className="zlp-qr" />;
  return <img className="zlp-qr" src={src} alt={t('portal.resv.qrAlt', { code })} data-testid="ticket-qr" />;
}

type TTicketState = 'valid' | 'used' | 'cancelled' | 'voided' | 'expired';

/**
 * What the ticket is good for now. A booked ticket is expired once its day is over in the prefecture (the gate's
 * grace after the slot is the spot's setting and only minutes: a ticket is never called expired while it still opens
 * the gate).
 */
export function ticketState(b: TBooking, now = new Date()): TTicketState {
  if (b.status === 'checked_in') return 'used';
  if (b.status === 'cancelled') return 'cancelled';
  if (b.status === 'voided') return 'voided';
  return b.day < inZone(now).format('YYYY-MM-DD') ? 'expired' : 'valid';
}

function Ticket({ b }: { b: TBooking }) {
  const { t, i18n } = useTranslation();
  const state = ticketState(b);
  const note =
    state === 'valid'
      ? t('portal.fixes.ticket.show')
      : state === 'used'
        ? t('portal.fixes.ticket.used', { t: fmtTime(b.checkedInAt) })
        : t(`portal.fixes.ticket.${state}`);
  return (
    <>
      <div className="zlp-section">
        <Card>
          <div style={{ textAlign: 'center' }}>
            <div style={{ fontSize: 17, fontWeight: 600, marginBottom: 4 }}>
              {spotName({ name: b.spotName, nameEn: b.spotNameEn }, i18n.language === 'en')}
            </div>
            <Tag color={state === 'expired' ? 'default' : STATUS_COLOR[b.status]} data-testid="ticket-status">
              <StatusIcon tone={BOOKING_TONE[state === 'expired' ? 'expired' : b.status]} />
              {state === 'expired' ? t('portal.fixes.ticket.expiredTag') : t(`portal.resv.status.${b.status}`)}
            </Tag>
            {/* Only a ticket that still opens the gate shows a code to scan: nobody is sent to the gate with a dead one. */}
            {state === 'valid' && (
              <>
                <div style={{ margin: '12px 0' }}>
                  <TicketQr code={b.ticketCode} />
                </div>
                <div className="zlp-muted">{t('portal.resv.codeLabel')}</div>
                <div className="zlp-track" data-testid="ticket-code">
                  {b.ticketCode}
                </div>
              </>
            )}
            <div
              className={state === 'valid' ? 'zlp-muted' : 'zlp-ticket-void'}
              style={{ marginTop: 8 }}
              data-testid="ticket-note"
              data-state={state}
            >
              {note}
            </div>
          </div>
        </Card>
      </div>
      <div className="zlp-section">
        <Card>
          <div className="zlp-kv" data-testid="ticket-slot">
            <span>{t('portal.resv.slotLabel')}</span>
            <span>
              {b.day} {slotTime(b)}
            </span>
            <span>{t('portal.resv.partyLabel')}</span>
            <span>{t('portal.resv.people', { n: b.partySize })}</span>
            <span>{t('portal.resv.bookedAt')}</span>
            <span>{fmtTime(b.createdAt)}</span>
            {b.checkedInAt && (
              <>
                <span>{t('portal.resv.checkedInAt')}</span>
                <span>{fmtTime(b.checkedInAt)}</span>
              </>
            )}
            {b.cancelledAt && (
              <>
                <span>{t('portal.resv.cancelledAt')}</span>
                <span>{fmtTime(b.cancelledAt)}</span>
              </>
            )}
          </div>
        </Card>
      </div>
      <div className="zlp-section">
        <List mode="card" header={t('portal.resv.visitors')} style={{ margin: 0 }}>
          {b.visitors.map((v) => (
            <List.Item
              key={`${v.name}-${v.idNumberMasked}`}
              extra={<span data-testid="visitor-masked">{v.idNumberMasked}</span>}
            >
              {v.name}
            </List.Item>
          ))}
        </List>
      </div>
      {cancellable(b) && (
        <div className="zlp-section">
          <CancelButton booking={b} block />
          <div className="zlp-muted" style={{ marginTop: 6, textAlign: 'center' }}>
            {t('portal.resv.cancelRule')}
          </div>
        </div>
      )}
    </>
  );
}

/** 电子门票: QR of the ticket code, the code in text, the slot and the visitors with masked ID numbers. */
export function TicketPage() {
  const { id = '' } = useParams();
  const [params] = useSearchParams();
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { me, tourist } = usePortalMe();
  const q = useQuery({
    queryKey: ['portal', 'resv', 'booking', id],
    queryFn: () => getBooking(id),
    enabled: !!tourist,
    retry: (n, e) => !(e instanceof ApiError && e.status < 500) && n < 2,
  });
  let body: React.ReactNode;
  if (me.isLoading || q.isLoading)
    body = (
      <div style={{ textAlign: 'center', padding: 48 }}>
        <DotLoading color="primary" />
      </div>
    );
  else if (!tourist) body = <LoginRequired title={t('portal.resv.loginTitle')} />;
  else if (q.isError || !q.data)
    body = (
      <ErrorBlock
        status="default"
        title={
          q.error instanceof ApiError && q.error.status === 404 ? t('portal.resv.notFound') : errorMessage(q.error)
        }
        description=""
      >
        <Button onClick={() => void q.refetch()}>{t('portal.common.retry')}</Button>
      </ErrorBlock>
    );
  else
    body = (
      <>
        {params.get('new') && q.data.status === 'booked' && (
          <Result status="success" title={t('portal.resv.booked')} style={{ padding: '16px 0 0' }} />
        )}
        <Ticket b={q.data} />
        <div className="zlp-section" style={{ paddingBottom: 16 }}>
          <Space direction="vertical" block>
            <Button block onClick={() => navigate('/tickets')} data-testid="to-my-tickets">
              {t('portal.resv.mine')}
            </Button>
          </Space>
        </div>
      </>
    );
  return (
    <>
      <PageNav title={t('portal.resv.ticketTitle')} back="/tickets" />
      {body}
    </>
  );
}
