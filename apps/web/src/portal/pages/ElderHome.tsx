import {
  CalendarOutline,
  CouponOutline,
  DownOutline,
  EditSOutline,
  EnvironmentOutline,
  LocationOutline,
  UpOutline,
} from 'antd-mobile-icons';
import { type ReactNode, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';

const TILES = [
  { to: '/appeal', key: 'appeal', icon: <EditSOutline />, bg: '#154a9e' },
  { to: '/reserve', key: 'reserve', icon: <CalendarOutline />, bg: '#005c3a' },
  { to: '/tickets', key: 'tickets', icon: <CouponOutline />, bg: '#6b2fb3' },
  { to: '/stations', key: 'stations', icon: <LocationOutline />, bg: '#a30f15' },
  { to: '/businesses', key: 'businesses', icon: <EnvironmentOutline />, bg: '#0b5566' },
] as const;

/**
 * The home page in elder mode: the five services used most as large tiles (a word on each, the icon only adds to
 * it), and everything else of the home page behind one "more services" button.
 */
export function ElderHome({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [more, setMore] = useState(false);
  const id = useId();
  return (
    <>
      <nav className="zlp-section zlp-lift" aria-label={t('portal.elder.tiles')}>
        <ul className="zlp-elder-tiles">
          {TILES.map((x) => (
            <li key={x.key}>
              <button
                type="button"
                className="zlp-elder-tile"
                onClick={() => navigate(x.to)}
                data-testid={`elder-tile-${x.key}`}
              >
                <span className="zlp-elder-tile-icon" style={{ background: x.bg }} aria-hidden="true">
                  {x.icon}
                </span>
                <span>{t(`portal.elder.${x.key}`)}</span>
              </button>
            </li>
          ))}
        </ul>
      </nav>
      <div className="zlp-section">
        <button
          type="button"
          className="zlp-elder-more"
          aria-expanded={more}
          aria-controls={id}
          onClick={() => setMore(!more)}
          data-testid="elder-more"
        >
          {more ? t('portal.elder.less') : t('portal.elder.more')}
          {more ? <UpOutline aria-hidden="true" /> : <DownOutline aria-hidden="true" />}
        </button>
      </div>
      <div id={id} className="zlp-elder-rest" hidden={!more}>
        {more && children}
      </div>
    </>
  );
}
