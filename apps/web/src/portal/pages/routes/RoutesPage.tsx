import { ROUTE_THEME_LABELS, ROUTE_THEMES, type TRouteSummary, type TRouteTheme } from '@zhilv/contracts';
import { Button, Card, DotLoading, ErrorBlock, Space, Tabs, Tag } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { PageNav } from '../../components/PageNav';
import { errorMessage } from '../../lib/errors';
import { useLabels } from '../../lib/labels';
import { fmtDuration, THEME_COLOURS, useRoutes } from './api';

export function RouteCard({ r }: { r: TRouteSummary }) {
  const { t } = useTranslation();
  const { label, name, en } = useLabels();
  const navigate = useNavigate();
  return (
    <Card
      onClick={() => navigate(`/routes/${r.id}`)}
      style={{ borderLeft: `4px solid ${THEME_COLOURS[r.theme]}`, marginBottom: 12, cursor: 'pointer' }}
      data-testid="route-card"
    >
      <div style={{ fontWeight: 600, fontSize: 15, marginBottom: 6 }}>{name(r)}</div>
      <Space wrap style={{ '--gap': '6px', marginBottom: 6 }}>
        <Tag color={THEME_COLOURS[r.theme]} fill="solid">
          {label(ROUTE_THEME_LABELS, r.theme)}
        </Tag>
        <span className="zlp-muted">
          {t('portal.routes.stops', { n: r.stopCount })} · {fmtDuration(r.durationMinutes, en)}
        </span>
      </Space>
      <div className="zlp-muted" style={{ fontSize: 13, lineHeight: 1.5 }}>
        {(en && r.summaryEn) || r.summary}
      </div>
      <div
        style={{ fontSize: 12, marginTop: 6, color: '#555' }}
        className="zlp-ellipsis"
        data-testid="route-stop-chain"
      >
        {(en && r.stopNamesEn?.length ? r.stopNamesEn : r.stopNames).join(' → ')}
      </div>
    </Card>
  );
}

/** 旅游线路: published themed routes, red-tourism teaching routes first, as cards by theme. */
export function RoutesPage() {
  const { t } = useTranslation();
  const { label } = useLabels();
  const [params, setParams] = useSearchParams();
  const theme = (ROUTE_THEMES as readonly string[]).includes(params.get('theme') ?? '')
    ? (params.get('theme') as TRouteTheme)
    : undefined;
  const q = useRoutes();
  const all = q.data ?? [];
  const themes = ROUTE_THEMES.filter((th) => all.some((r) => r.theme === th));
  const shown = theme ? all.filter((r) => r.theme === theme) : all;
  let body: React.ReactNode;
  if (q.isLoading)
    body = (
      <div style={{ textAlign: 'center', padding: 48 }}>
        <DotLoading color="primary" />
      </div>
    );
  else if (q.isError)
    body = (
      <ErrorBlock status="default" title={errorMessage(q.error)} description="">
        <Button onClick={() => void q.refetch()}>{t('portal.common.retry')}</Button>
      </ErrorBlock>
    );
  else if (!shown.length) body = <ErrorBlock status="empty" title={t('portal.routes.none')} description="" />;
  else
    body = (
      <div className="zlp-section">
        {(theme ? [theme] : themes).map((th) => (
          <section key={th} data-testid={`theme-${th}`}>
            <h3 style={{ margin: '8px 4px', fontSize: 15, color: THEME_COLOURS[th] }}>
              {label(ROUTE_THEME_LABELS, th)}
            </h3>
            {shown
              .filter((r) => r.theme === th)
              .map((r) => (
                <RouteCard key={r.id} r={r} />
              ))}
          </section>
        ))}
      </div>
    );
  return (
    <>
      <PageNav title={t('portal.routes.title')} />
      <Tabs
        activeKey={theme ?? 'all'}
        onChange={(k) => setParams(k === 'all' ? {} : { theme: k }, { replace: true })}
        style={{ background: '#fff' }}
      >
        <Tabs.Tab key="all" title={t('portal.routes.all')} />
        {themes.map((th) => (
          <Tabs.Tab key={th} title={label(ROUTE_THEME_LABELS, th)} />
        ))}
      </Tabs>
      {body}
    </>
  );
}
