import type { TSlot } from '@zhilv/contracts';
import { Button, Card, DotLoading, ErrorBlock, NoticeBar, PullToRefresh, Tabs } from 'antd-mobile';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { PageNav } from '../../components/PageNav';
import { errorMessage } from '../../lib/errors';
import { slotTime, spotName, useAvailability, useOccupancy, useSpot } from './api';
import { LevelTag } from './LevelTag';

function SlotButton({ slot, onPick }: { slot: TSlot; onPick: () => void }) {
  const { t } = useTranslation();
  const open = slot.state === 'open';
  return (
    <button
      type="button"
      className={`zlp-slot${open ? '' : ' zlp-slot-off'}`}
      disabled={!open}
      onClick={onPick}
      data-testid="slot"
      data-state={slot.state}
      data-start={dayjs(slot.startsAt).toISOString()}
    >
      <span className="zlp-slot-time">{slotTime(slot)}</span>
      <span className="zlp-slot-left">
        {open ? t('portal.resv.left', { n: slot.remaining }) : t(`portal.resv.slotState.${slot.state}`)}
      </span>
    </button>
  );
}

/** A spot's next 7 days: pick a day, then an open slot; sold-out and ended slots are shown but disabled. */
export function SpotPage() {
  const { spotId = '' } = useParams();
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const spot = useSpot(spotId);
  const occ = useOccupancy(spotId);
  const avail = useAvailability(spotId);
  const [day, setDay] = useState<string | null>(null);
  const days = avail.data?.days ?? [];
  const current = days.find((d) => d.day === day) ?? days[0];
  const today = days[0]?.day;
  const dayLabel = (d: string) =>
    `${dayjs(d).format('MM-DD')} ${d === today ? t('portal.resv.today') : dayjs(d).format('ddd')}`;

  let body: React.ReactNode;
  if (spot.isLoading || avail.isLoading)
    body = (
      <div style={{ textAlign: 'center', padding: 48 }}>
        <DotLoading color="primary" />
      </div>
    );
  else if (spot.isError || avail.isError || !spot.data)
    body = (
      <ErrorBlock status="default" title={errorMessage(spot.error ?? avail.error)} description="">
        <Button onClick={() => void Promise.all([spot.refetch(), avail.refetch()])}>{t('portal.common.retry')}</Button>
      </ErrorBlock>
    );
  else {
    const s = spot.data;
    body = (
      <PullToRefresh onRefresh={async () => void (await Promise.all([avail.refetch(), occ.refetch()]))}>
        <div className="zlp-section">
          <Card
            title={<span data-testid="spot-name">{spotName(s, i18n.language === 'en')}</span>}
            extra={occ.data && <LevelTag occupancy={occ.data} />}
          >
            <div className="zlp-kv">
              <span>{t('portal.resv.hoursLabel')}</span>
              <span>
                {s.opensAt}–{s.closesAt}
              </span>
              {occ.data && (
                <>
                  <span>{t('portal.resv.inParkLabel')}</span>
                  <span>
                    {occ.data.occupancy} / {occ.data.instantCapacity}
                  </span>
                </>
              )}
              <span>{t('portal.resv.partyLabel')}</span>
              <span>{t('portal.resv.partyMax', { n: s.maxPartySize })}</span>
              <span>{t('portal.resv.graceLabel')}</span>
              <span>{t('portal.resv.grace', { n: s.checkInGraceMinutes })}</span>
            </div>
            {occ.data?.salesPaused && (
              <NoticeBar wrap color="alert" content={t('portal.resv.salesPausedNote')} style={{ marginTop: 8 }} />
            )}
          </Card>
        </div>
        <div className="zlp-section" style={{ paddingBottom: 16 }}>
          <Card title={t('portal.resv.pickSlot')}>
            <Tabs activeKey={current?.day} onChange={setDay} style={{ '--title-font-size': '14px' }}>
              {days.map((d) => (
                <Tabs.Tab key={d.day} title={<span data-testid={`day-${d.day}`}>{dayLabel(d.day)}</span>} />
              ))}
            </Tabs>
            {current?.closed ? (
              <NoticeBar
                wrap
                color="alert"
                data-testid="day-closed"
                content={
                  current.closedReason
                    ? t('portal.resv.dayClosedReason', { r: current.closedReason })
                    : t('portal.resv.dayClosed')
                }
                style={{ marginTop: 12 }}
              />
            ) : current && current.slots.length === 0 ? (
              <div className="zlp-muted" style={{ padding: 16, textAlign: 'center' }}>
                {t('portal.resv.noSlots')}
              </div>
            ) : (
              <div className="zlp-slots">
                {current?.slots.map((sl) => (
                  <SlotButton key={sl.id} slot={sl} onPick={() => navigate(`/reserve/${spotId}/book/${sl.id}`)} />
                ))}
              </div>
            )}
          </Card>
        </div>
      </PullToRefresh>
    );
  }
  return (
    <>
      <PageNav title={t('portal.resv.spotTitle')} back="/reserve" />
      {body}
    </>
  );
}
