import { ROUTE_THEME_LABELS } from '@zhilv/contracts';
import { Button, Card } from 'antd-mobile';
import { TravelOutline } from 'antd-mobile-icons';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useLabels } from '../../lib/labels';
import { fmtDuration, THEME_COLOURS, useRoutes } from './api';
import './routes.css';

/** The home page's strip of themed routes, swiped sideways on a phone. */
export function HomeRoutes() {
  const { t } = useTranslation();
  const { label, name, en } = useLabels();
  const navigate = useNavigate();
  const q = useRoutes();
  const routes = q.data ?? [];
  if (!q.isLoading && !routes.length) return null;
  return (
    <Card
      title={
        <span className="zlp-row">
          <TravelOutline /> {t('portal.routes.homeTitle')}
        </span>
      }
      extra={
        <Button
          size="small"
          fill="none"
          color="primary"
          onClick={() => navigate('/routes')}
          data-testid="home-routes-all"
        >
          {t('portal.routes.all')}
        </Button>
      }
    >
      <div className="zlp-strip" data-testid="home-routes">
        {routes.slice(0, 8).map((r) => (
          <button
            type="button"
            key={r.id}
            className="zlp-strip-card"
            style={{ borderTop: `3px solid ${THEME_COLOURS[r.theme]}` }}
            onClick={() => navigate(`/routes/${r.id}`)}
          >
            <span style={{ color: THEME_COLOURS[r.theme], fontSize: 12 }}>{label(ROUTE_THEME_LABELS, r.theme)}</span>
            <span className="zlp-strip-title">{name(r)}</span>
            <span className="zlp-muted" style={{ fontSize: 12 }}>
              {t('portal.routes.stops', { n: r.stopCount })} · {fmtDuration(r.durationMinutes, en)}
            </span>
          </button>
        ))}
      </div>
    </Card>
  );
}
