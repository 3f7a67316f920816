import { STATION_SERVICE_LABELS, STATION_SERVICES, type TStation, type TStationService } from '@zhilv/contracts';
import { Button, DotLoading, ErrorBlock, List, Selector } from 'antd-mobile';
import { EnvironmentOutline, UnorderedListOutline } from 'antd-mobile-icons';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { LazyGeoMap } from '../../components/LazyGeoMap';
import { PageNav } from '../../components/PageNav';
import { currentPosition, DEFAULT_CENTRE } from '../../lib/businesses';
import { errorMessage } from '../../lib/errors';
import { useLabels } from '../../lib/labels';
import { fmtDistance, type TPos, useStations } from './api';
import { Hours, KindTag, OpenTag, ServiceTags } from './StationBits';

function StationItem({ s }: { s: TStation }) {
  const { name, en } = useLabels();
  const navigate = useNavigate();
  return (
    <List.Item
      onClick={() => navigate(`/stations/${s.id}`)}
      data-testid="station-item"
      description={
        <div style={{ display: 'flex', flexDirection: 'column', gap: 4, marginTop: 4 }}>
          <span>
            <KindTag s={s} /> <Hours s={s} />
            {(en ? s.addressEn : null) || s.address ? ` · ${(en && s.addressEn) || s.address}` : ''}
          </span>
          <ServiceTags services={s.services} compact />
        </div>
      }
      extra={
        <span style={{ display: 'inline-flex', flexDirection: 'column', alignItems: 'flex-end', gap: 4 }}>
          <OpenTag s={s} />
          {s.distanceMetres !== undefined && (
            <span style={{ color: '#1d5fd1', fontWeight: 600, fontSize: 13 }} data-testid="station-distance">
              {fmtDistance(s.distanceMetres, en)}
            </span>
          )}
        </span>
      }
    >
      {name(s)}
    </List.Item>
  );
}

/** 红色驿站: stations with their services and hours, nearest first when the phone shares its position. */
export function StationsPage() {
  const { t } = useTranslation();
  const { label, en } = useLabels();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const view = params.get('view') === 'map' ? 'map' : 'list';
  const services = (params.get('service')?.split(',') ?? []).filter((s): s is TStationService =>
    (STATION_SERVICES as readonly string[]).includes(s),
  );
  const [pos, setPos] = useState<TPos | null | undefined>(undefined);
  const locate = () => {
    setPos(undefined);
    void currentPosition().then(setPos);
  };
  useEffect(locate, []);
  const q = useStations({ services, near: pos ?? null });
  const set = (k: string, v: string | undefined) =>
    setParams(
      (p) => {
        const n = new URLSearchParams(p);
        if (v) n.set(k, v);
        else n.delete(k);
        return n;
      },
      { replace: true },
    );
  const groups = useMemo(() => {
    if (!q.data || pos) return null;
    const m = new Map<string, { title: string; items: TStation[] }>();
    for (const s of q.data) {
      const key = s.countyCode;
      const title = (en && s.countyNameEn) || s.countyName || key;
      if (!m.has(key)) m.set(key, { title, items: [] });
      m.get(key)!.items.push(s);
    }
    return [...m.values()];
  }, [q.data, pos, en]);

  let body: React.ReactNode;
  if (q.isLoading || pos === undefined)
    body = (
      <div style={{ textAlign: 'center', padding: 48 }}>
        <DotLoading color="primary" />
        <div className="zlp-muted">{pos === undefined ? t('portal.stations.locating') : ''}</div>
      </div>
    );
  else if (q.isError)
    body = (
      <ErrorBlock status="default" title={errorMessage(q.error)} description="">
        <Button onClick={() => void q.refetch()}>{t('portal.common.retry')}</Button>
      </ErrorBlock>
    );
  else if (!q.data?.length) body = <ErrorBlock status="empty" title={t('portal.stations.none')} description="" />;
  else if (view === 'map')
    body = (
      <div className="zlp-section" data-testid="stations-map">
        <LazyGeoMap
          points={q.data.map((s) => ({
            id: s.id,
            name: en && s.nameEn ? s.nameEn : s.name,
            lng: s.lng,
            lat: s.lat,
            kind: s.kind,
          }))}
          onPick={(id) => navigate(`/stations/${id}`)}
          height={Math.max(360, Math.min(window.innerHeight - 220, 640))}
          focus={pos ? { ...pos, zoom: 8 } : { ...DEFAULT_CENTRE, zoom: 6 }}
          you={pos ?? undefined}
        />
        <div className="zlp-muted" style={{ padding: '8px 4px' }}>
          {t('portal.stations.mapHint', { n: q.data.length })}
        </div>
      </div>
    );
  else if (groups)
    body = groups.map((g) => (
      <List key={g.title} mode="card" header={`${g.title} · ${g.items.length}`} style={{ margin: '8px 12px' }}>
        {g.items.map((s) => (
          <StationItem key={s.id} s={s} />
        ))}
      </List>
    ));
  else
    body = (
      <List mode="card" style={{ margin: '8px 12px' }}>
        {q.data.map((s) => (
          <StationItem key={s.id} s={s} />
        ))}
      </List>
    );

  return (
    <>
      <PageNav
        title={t('portal.stations.title')}
        right={
          <Button
            size="mini"
            fill="none"
            onClick={() => set('view', view === 'map' ? undefined : 'map')}
            data-testid="toggle-map"
          >
            {view === 'map' ? <UnorderedListOutline /> : <EnvironmentOutline />}{' '}
            {view === 'map' ? t('portal.stations.list') : t('portal.stations.map')}
          </Button>
        }
      />
      <div className="zlp-section" style={{ paddingBottom: 0 }}>
        <Selector
          multiple
          columns={3}
          value={services}
          onChange={(v) => set('service', v.length ? v.join(',') : undefined)}
          options={STATION_SERVICES.map((s) => ({ value: s, label: label(STATION_SERVICE_LABELS, s) }))}
          style={{ '--padding': '4px 6px', fontSize: 12 }}
          data-testid="service-chips"
        />
        <div className="zlp-row zlp-muted" style={{ justifyContent: 'space-between', padding: '8px 4px 0' }}>
          <span data-testid="stations-order">
            {pos ? t('portal.stations.byDistance') : pos === null ? t('portal.stations.byArea') : ''}
          </span>
          {pos === null && (
            <Button size="mini" onClick={locate} data-testid="locate">
              {t('portal.stations.locate')}
            </Button>
          )}
        </div>
      </div>
      {body}
    </>
  );
}
