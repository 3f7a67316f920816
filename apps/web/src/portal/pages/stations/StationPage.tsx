import { Button, Card, DotLoading, ErrorBlock, Space } from 'antd-mobile';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { LazyGeoMap } from '../../components/LazyGeoMap';
import { PageNav } from '../../components/PageNav';
import { currentPosition } from '../../lib/businesses';
import { errorMessage } from '../../lib/errors';
import { useLabels } from '../../lib/labels';
import { haversine } from '../routes/api';
import { fmtDistance, positionIfGranted, type TPos, useStation } from './api';
import { Hours, KindTag, OpenTag, ServiceTags } from './StationBits';

/** One station: services, hours, address, phone and where it is. */
export function StationPage() {
  const { t } = useTranslation();
  const { name, en } = useLabels();
  const { id } = useParams();
  const q = useStation(id);
  const [pos, setPos] = useState<TPos | null>(null);
  useEffect(() => {
    void positionIfGranted(currentPosition).then(setPos);
  }, []);
  const s = q.data;
  let body: React.ReactNode;
  if (q.isLoading)
    body = (
      <div style={{ textAlign: 'center', padding: 48 }}>
        <DotLoading color="primary" />
      </div>
    );
  else if (q.isError || !s)
    body = (
      <ErrorBlock status="default" title={errorMessage(q.error)} description="">
        <Button onClick={() => void q.refetch()}>{t('portal.common.retry')}</Button>
      </ErrorBlock>
    );
  else
    body = (
      <>
        <div className="zlp-section">
          <Card>
            <h2 style={{ margin: '0 0 8px', fontSize: 18 }} data-testid="station-name">
              {name(s)}
            </h2>
            <Space wrap>
              <KindTag s={s} />
              <OpenTag s={s} />
            </Space>
            <div className="zlp-kv" style={{ marginTop: 12 }}>
              <span>{t('portal.stations.hoursLabel')}</span>
              <Hours s={s} />
              <span>{t('portal.stations.address')}</span>
              <span>{(en && s.addressEn) || s.address || '—'}</span>
              <span>{t('portal.stations.area')}</span>
              <span>
                {/* Townships have no English names on file: in English the county alone. */}
                {en && s.countyNameEn
                  ? s.countyNameEn
                  : [s.countyName, s.regionName !== s.countyName ? s.regionName : null].filter(Boolean).join(' ')}
              </span>
              {pos && (
                <>
                  <span>{t('portal.stations.distance')}</span>
                  <span data-testid="station-distance">{fmtDistance(Math.round(haversine(pos, s)), en)}</span>
                </>
              )}
              {s.phone && (
                <>
                  <span>{t('portal.stations.phone')}</span>
                  <a href={`tel:${s.phone.replace(/[^0-9+]/g, '')}`}>{s.phone}</a>
                </>
              )}
            </div>
          </Card>
        </div>
        <div className="zlp-section">
          <Card title={t('portal.stations.services')}>
            <ServiceTags services={s.services} />
          </Card>
        </div>
        <div className="zlp-section" style={{ paddingBottom: 16 }}>
          <LazyGeoMap
            points={[{ id: s.id, name: name(s), lng: s.lng, lat: s.lat, kind: s.kind, highlight: true }]}
            focus={{ lng: s.lng, lat: s.lat, zoom: 10 }}
            you={pos ?? undefined}
            height={260}
          />
        </div>
      </>
    );
  return (
    <>
      <PageNav title={t('portal.stations.detail')} />
      {body}
    </>
  );
}
