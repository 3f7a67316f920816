import { ROUTE_THEME_LABELS } from '@zhilv/contracts';
import { Button, Card, DotLoading, ErrorBlock, Space, Steps, Tag } from 'antd-mobile';
import { RightOutline } from 'antd-mobile-icons';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { LazyGeoMap } from '../../components/LazyGeoMap';
import { PageNav } from '../../components/PageNav';
import { errorMessage } from '../../lib/errors';
import { useLabels } from '../../lib/labels';
import { fmtDistance } from '../stations/api';
import { fmtDuration, THEME_COLOURS, useRoute } from './api';
import './routes.css';

/** A zoom that shows all stops: GeoMap's zoom 1 is the whole prefecture (about 2.5° across). */
function zoomFor(points: { lng: number; lat: number }[]) {
  const lngs = points.map((p) => p.lng);
  const lats = points.map((p) => p.lat);
  const span = Math.max(Math.max(...lngs) - Math.min(...lngs), Math.max(...lats) - Math.min(...lats), 0.004);
  return {
    lng: (Math.max(...lngs) + Math.min(...lngs)) / 2,
    lat: (Math.max(...lats) + Math.min(...lats)) / 2,
    zoom: Math.max(1, Math.min(60, 1.6 / span)),
  };
}

/** One themed route: its stops on the map joined in order, and the ordered list with notes and links. */
export function RoutePage() {
  const { t } = useTranslation();
  const { label, name, en } = useLabels();
  const { id } = useParams();
  const q = useRoute(id);
  const r = q.data;
  const points = useMemo(
    () =>
      (r?.stops ?? []).map((s) => ({
        id: String(s.seq),
        name: `${s.seq}. ${en && s.nameEn ? s.nameEn : s.name}`,
        lng: s.lng,
        lat: s.lat,
        kind: s.stationId ? 'station' : undefined,
        // no highlight: GeoMap numbers the plain points by their own index, a highlighted start would shift them
      })),
    [r, en],
  );
  let body: React.ReactNode;
  if (q.isLoading)
    body = (
      <div style={{ textAlign: 'center', padding: 48 }}>
        <DotLoading color="primary" />
      </div>
    );
  else if (q.isError || !r)
    body = (
      <ErrorBlock status="default" title={errorMessage(q.error)} description="">
        <Button onClick={() => void q.refetch()}>{t('portal.common.retry')}</Button>
      </ErrorBlock>
    );
  else
    body = (
      <>
        <div className="zlp-section">
          <Card style={{ borderTop: `4px solid ${THEME_COLOURS[r.theme]}` }}>
            <h2 style={{ margin: '0 0 8px', fontSize: 18 }} data-testid="route-name">
              {name(r)}
            </h2>
            <Space wrap style={{ '--gap': '6px' }}>
              <Tag color={THEME_COLOURS[r.theme]} fill="solid">
                {label(ROUTE_THEME_LABELS, r.theme)}
              </Tag>
              <span className="zlp-muted">
                {t('portal.routes.stops', { n: r.stopCount })} · {fmtDuration(r.durationMinutes, en)} ·{' '}
                {t('portal.routes.length', { d: fmtDistance(r.lengthMetres, en) })}
              </span>
            </Space>
            <p style={{ margin: '10px 0 0', lineHeight: 1.6, fontSize: 14 }}>{(en && r.summaryEn) || r.summary}</p>
          </Card>
        </div>
        {points.length > 0 && (
          <div className="zlp-section" data-testid="route-map">
            <LazyGeoMap points={points} line focus={zoomFor(points)} height={300} />
          </div>
        )}
        <div className="zlp-section" style={{ paddingBottom: 16 }}>
          <Card title={t('portal.routes.stopList')}>
            <Steps direction="vertical" current={-1}>
              {r.stops.map((s) => {
                const to = s.businessId
                  ? `/businesses/${s.businessId}`
                  : s.stationId
                    ? `/stations/${s.stationId}`
                    : null;
                return (
                  <Steps.Step
                    key={s.seq}
                    status="process"
                    icon={<span className="zlp-stop-no">{s.seq}</span>}
                    title={
                      <span data-testid="route-stop">
                        {to ? (
                          <Link to={to} data-testid="stop-link">
                            {en && s.nameEn ? s.nameEn : s.name} <RightOutline fontSize={11} />
                          </Link>
                        ) : en && s.nameEn ? (
                          s.nameEn
                        ) : (
                          s.name
                        )}
                      </span>
                    }
                    description={(en && s.noteEn) || s.note || undefined}
                  />
                );
              })}
            </Steps>
          </Card>
        </div>
      </>
    );
  return (
    <>
      <PageNav title={t('portal.routes.detail')} />
      {body}
    </>
  );
}
