import { Button, Card, DotLoading, ErrorBlock, Space } from 'antd-mobile';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { LazyGeoMap } from '../../components/LazyGeoMap';
import { PageNav } from '../../components/PageNav';
import { errorMessage } from '../../lib/errors';
import { useLabels } from '../../lib/labels';
import { useDirectoryBusiness, yuan } from './api';
import { BusinessTags, RatingLine } from './BusinessTags';
import { CreditGradeTag } from './CreditGradeTag';

/** A business's public page: where it is, hours, posted prices, rating, badges; complain about it. */
export function BusinessPage() {
  const { id } = useParams();
  const { t } = useTranslation();
  const { name, en } = useLabels();
  const navigate = useNavigate();
  const q = useDirectoryBusiness(id);
  const b = q.data;
  const points = useMemo(
    () =>
      b && b.lng !== null && b.lat !== null
        ? [
            {
              id: b.id,
              name: en && b.nameEn ? b.nameEn : b.name,
              lng: b.lng,
              lat: b.lat,
              kind: b.kind,
              highlight: true,
            },
          ]
        : [],
    [b, en],
  );
  const focus = useMemo(() => (points[0] ? { lng: points[0].lng, lat: points[0].lat, zoom: 5 } : undefined), [points]);

  if (q.isLoading)
    return (
      <>
        <PageNav title={t('portal.dir.title')} />
        <div style={{ textAlign: 'center', padding: 48 }}>
          <DotLoading color="primary" />
        </div>
      </>
    );
  if (!b)
    return (
      <>
        <PageNav title={t('portal.dir.title')} />
        <ErrorBlock status="default" title={errorMessage(q.error)} description="" />
      </>
    );
  const county = en ? (b.countyNameEn ?? b.countyName) : b.countyName;
  const intro = en ? (b.introEn ?? b.intro) : b.intro;
  // Hours are one text, by convention "中文 / English": show the part in the language on screen.
  const split = b.openingHours?.indexOf(' / ') ?? -1;
  const hours =
    b.openingHours && split > 0
      ? en
        ? b.openingHours.slice(split + 3)
        : b.openingHours.slice(0, split)
      : b.openingHours;
  return (
    <>
      <PageNav title={<span className="zlp-ellipsis">{name(b)}</span>} />
      <div className="zlp-section">
        <Card>
          <h2 style={{ margin: '0 0 6px', fontSize: 18 }} data-testid="biz-name">
            {name(b)}
          </h2>
          {en && b.nameEn && <div className="zlp-muted">{b.name}</div>}
          <div style={{ margin: '6px 0' }}>
            <BusinessTags b={b} badges={b.badges} />
          </div>
          <RatingLine rating={b.rating} />
        </Card>
      </div>
      <div className="zlp-section">
        <Card title={t('portal.dir.location')}>
          {points.length ? (
            <LazyGeoMap points={points} focus={focus} height={260} />
          ) : (
            <div className="zlp-muted">{t('portal.dir.noLocation')}</div>
          )}
          <div className="zlp-kv" style={{ marginTop: 8 }}>
            <span>{t('portal.dir.address')}</span>
            <span>{b.address || '—'}</span>
            <span>{t('portal.dir.county')}</span>
            <span>{county ?? '—'}</span>
            <span>{t('portal.dir.hours')}</span>
            <span data-testid="biz-hours">{hours ?? t('portal.dir.notPosted')}</span>
            <span>{t('portal.dir.creditGrade')}</span>
            <span data-testid="biz-credit">
              <CreditGradeTag grade={b.creditGrade} />{' '}
              <Link to={`/credit/${b.id}`}>{t('portal.creditPub.toRecord')}</Link>
            </span>
          </div>
        </Card>
      </div>
      <div className="zlp-section">
        <Card title={t('portal.dir.prices')}>
          {b.prices.length ? (
            <table className="zlp-table" data-testid="price-table">
              <thead>
                <tr>
                  <th>{t('portal.dir.item')}</th>
                  <th style={{ textAlign: 'right' }}>{t('portal.dir.price')}</th>
                </tr>
              </thead>
              <tbody>
                {b.prices.map((p, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: the posted order is the identity here
                  <tr key={i}>
                    <td>{en && p.itemEn ? p.itemEn : p.item}</td>
                    <td style={{ textAlign: 'right', whiteSpace: 'nowrap' }}>
                      {yuan(p.priceFen)} / {en && p.unitEn ? p.unitEn : p.unit}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : (
            <div className="zlp-muted">{t('portal.dir.noPrices')}</div>
          )}
          <div className="zlp-muted" style={{ marginTop: 6, fontSize: 12 }}>
            {t('portal.dir.pricesNote')}
          </div>
        </Card>
      </div>
      {intro && (
        <div className="zlp-section">
          <Card title={t('portal.dir.intro')}>
            <div className="zlp-prose">{intro}</div>
          </Card>
        </div>
      )}
      <div className="zlp-section" style={{ paddingBottom: 24 }}>
        <Space direction="vertical" block>
          <Button
            block
            color="danger"
            onClick={() => navigate(`/appeal?businessId=${b.id}`)}
            data-testid="complain-business"
          >
            {t('portal.dir.complain')}
          </Button>
          <Button block fill="outline" onClick={() => navigate(`/credit/${b.id}`)} data-testid="to-credit">
            {t('portal.dir.creditRecord')}
          </Button>
        </Space>
      </div>
    </>
  );
}
