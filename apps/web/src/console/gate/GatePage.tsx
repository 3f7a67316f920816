import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { TBooking, TOccupancy, TSpotSettings } from '@zhilv/contracts';
import {
  Alert,
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  Input,
  type InputRef,
  Progress,
  Result,
  Row,
  Spin,
  Tag,
} from 'antd';
import { lazy, Suspense, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api } from '../../lib/api';
import { useMe } from '../../lib/auth';
import { fmtTime, fmtTimeAs, isEn } from '../../lib/format';

type TCheckIn = { booking: TBooking; occupancy: TOccupancy };
type TOutcome = { ok: true; at: string; result: TCheckIn } | { ok: false; at: string; code: string; text: string };

const LEVEL_COLOR: Record<TOccupancy['level'], string> = {
  comfortable: 'green',
  busy: 'gold',
  crowded: 'orange',
  paused: 'red',
};
/** Refusals the gate explains in its own words (zh/en); anything else shows the server's message. */
const REFUSALS = [
  'ticket_not_found',
  'already_checked_in',
  'ticket_cancelled',
  'check_in_too_early',
  'check_in_expired',
  'entry_paused',
  'validation_failed',
];
const CODE = /^[0-9A-Z]{6,20}$/;
/** The camera and its QR decoder load only when the gate opens the camera. */
const CameraScanner = lazy(() => import('./CameraScanner'));

function Occupancy({ spotId }: { spotId: string }) {
  const { t } = useTranslation();
  // Polled every 5 seconds: simple and enough for a gate (the server also publishes occupancy events, but there is
  // no per-spot stream for business accounts yet). A check-in here updates it at once from its answer.
  const q = useQuery({
    queryKey: ['gate', 'occupancy', spotId],
    queryFn: () => api.get<TOccupancy>(`/api/reservations/spots/${spotId}/occupancy`),
    refetchInterval: 5000,
  });
  const o = q.data;
  if (!o) return <Spin />;
  const pct = Math.round(o.ratio * 1000) / 10;
  return (
    <div data-testid="gate-occupancy">
      <div style={{ display: 'flex', alignItems: 'baseline', gap: 8 }}>
        <span style={{ fontSize: 36, fontWeight: 600 }} data-testid="occupancy-now">
          {o.occupancy}
        </span>
        <span style={{ color: '#5f6368' }}>/ {o.instantCapacity}</span>
        <Tag color={LEVEL_COLOR[o.level]} style={{ marginLeft: 'auto' }} data-testid="occupancy-level">
          {isEn() ? o.label.en : o.label.zh}
        </Tag>
      </div>
      <Progress
        aria-label={`${o.occupancy} / ${o.instantCapacity}`}
        percent={Math.min(100, pct)}
        format={() => `${pct}%`}
        strokeColor={LEVEL_COLOR[o.level] === 'green' ? undefined : LEVEL_COLOR[o.level]}
      />
      {o.salesPaused && <Alert type="warning" showIcon message={t('gate.salesPaused')} style={{ marginTop: 8 }} />}
      <div style={{ color: '#5f6368', fontSize: 12, marginTop: 8 }}>
        {t('gate.pollNote')} · {t('gate.updatedAt', { at: fmtTime(o.updatedAt) })}
      </div>
    </div>
  );
}

function OutcomeView({ outcome }: { outcome: TOutcome }) {
  const { t } = useTranslation();
  if (!outcome.ok)
    return (
      <Result
        status="error"
        title={<span data-testid="gate-refused">{outcome.text}</span>}
        subTitle={t('gate.checkedAt', { at: outcome.at })}
        style={{ padding: '24px 0' }}
      />
    );
  const b = outcome.result.booking;
  return (
    <Result
      status="success"
      title={<span data-testid="gate-admitted">{t('gate.admitted', { n: b.partySize })}</span>}
      subTitle={t('gate.checkedAt', { at: outcome.at })}
      style={{ padding: '24px 0 8px' }}
    >
      <Descriptions column={1} size="small" bordered>
        <Descriptions.Item label={t('gate.code')}>{b.ticketCode}</Descriptions.Item>
        <Descriptions.Item label={t('gate.slot')}>
          {b.day} {fmtTimeAs(b.startsAt, 'HH:mm')}–{fmtTimeAs(b.endsAt, 'HH:mm')}
        </Descriptions.Item>
        <Descriptions.Item label={t('gate.party')}>
          <span data-testid="gate-party">{b.partySize}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('gate.visitors')}>
          {b.visitors.map((v) => `${v.name} ${v.idNumberMasked}`).join('；')}
        </Descriptions.Item>
      </Descriptions>
    </Result>
  );
}

/** 检票: the spot's own account scans the ticket's QR with the camera or types its code, and sees the live occupancy. */
export function GatePage() {
  const { t } = useTranslation();
  const me = useMe();
  const qc = useQueryClient();
  const spotId = me.data?.businessId ?? '';
  const spot = useQuery({
    queryKey: ['gate', 'spot', spotId],
    queryFn: () => api.get<TSpotSettings>(`/api/reservations/spots/${spotId}`),
    enabled: !!spotId,
    retry: false,
  });
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<TOutcome | null>(null);
  const [camera, setCamera] = useState(false);
  const input = useRef<InputRef>(null);

  const check = async (typedOrScanned: string = code) => {
    if (busy) return;
    const c = typedOrScanned.trim().toUpperCase();
    const at = fmtTimeAs(new Date().toISOString(), 'HH:mm:ss');
    if (!CODE.test(c)) {
      setOutcome({ ok: false, at, code: 'validation_failed', text: t('gate.refusal.validation_failed') });
      return;
    }
    setBusy(true);
    try {
      const r = await api.post<TCheckIn>('/api/reservations/check-ins', { ticketCode: c });
      qc.setQueryData(['gate', 'occupancy', spotId], r.occupancy);
      setOutcome({ ok: true, at, result: r });
      setCode('');
    } catch (e) {
      const known = e instanceof ApiError && REFUSALS.includes(e.code);
      // "Too early" names the ticket's slot (the server sends its day, start and when entry opens).
      const slot =
        e instanceof ApiError ? (e.data as { params?: Record<string, string> } | undefined)?.params : undefined;
      const text =
        known && (e as ApiError).code === 'check_in_too_early' && slot?.start
          ? t('field.gate.tooEarly', slot)
          : known
            ? t(`gate.refusal.${(e as ApiError).code}`, { code: c })
            : e instanceof ApiError
              ? e.message
              : t('gate.network');
      setOutcome({ ok: false, at, code: e instanceof ApiError ? e.code : 'network', text });
    } finally {
      setBusy(false);
      if (!camera) input.current?.focus();
    }
  };

  if (me.isLoading || spot.isLoading) return <Spin style={{ display: 'block', margin: '20vh auto' }} />;
  if (!spotId || spot.isError || !spot.data)
    return (
      <Card>
        <Empty description={t('gate.notSpot')} />
      </Card>
    );
  const name = (isEn() && spot.data.nameEn) || spot.data.name;
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} lg={14}>
        <Card title={t('gate.title', { name })}>
          <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8 }}>
            <Input
              ref={input}
              size="large"
              autoFocus
              value={code}
              onChange={(e) => setCode(e.target.value.toUpperCase())}
              onPressEnter={() => check()}
              placeholder={t('gate.placeholder')}
              maxLength={20}
              allowClear
              style={{ fontFamily: 'ui-monospace, Menlo, monospace', letterSpacing: 1, flex: '1 1 220px' }}
              data-testid="gate-code"
            />
            <Button type="primary" size="large" loading={busy} onClick={() => check()} data-testid="gate-submit">
              {t('gate.check')}
            </Button>
            <Button size="large" onClick={() => setCamera((v) => !v)} data-testid="gate-scan">
              {t(camera ? 'gate.camera.close' : 'gate.camera.open')}
            </Button>
          </div>
          {camera && (
            <div style={{ marginTop: 12 }}>
              <Suspense fallback={<Spin />}>
                <CameraScanner
                  onCode={(text) => {
                    setCode(text.trim().toUpperCase());
                    check(text);
                  }}
                />
              </Suspense>
            </div>
          )}
          <div style={{ color: '#5f6368', fontSize: 12, marginTop: 8 }}>
            {t('gate.hint', { grace: spot.data.checkInGraceMinutes })}
          </div>
          {outcome ? (
            <OutcomeView outcome={outcome} />
          ) : (
            <Empty description={t('gate.waiting')} style={{ padding: '32px 0' }} />
          )}
        </Card>
      </Col>
      <Col xs={24} lg={10}>
        <Card title={t('gate.occupancy')}>
          <Occupancy spotId={spotId} />
          <Descriptions column={1} size="small" style={{ marginTop: 16 }}>
            <Descriptions.Item label={t('gate.hours')}>
              {spot.data.opensAt}–{spot.data.closesAt}
            </Descriptions.Item>
            <Descriptions.Item label={t('gate.thresholds')}>
              {t('gate.thresholdsValue', spot.data.thresholds)}
            </Descriptions.Item>
          </Descriptions>
        </Card>
      </Col>
    </Row>
  );
}
