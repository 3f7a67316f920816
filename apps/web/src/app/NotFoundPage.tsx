import { useTranslation } from 'react-i18next';
import { isRouteErrorResponse, Link, useLocation, useRouteError } from 'react-router';
import { setLanguage } from '../lib/i18n';

/** A folded map with a pin: drawn, not an emoji (the phones' fonts showed those as boxes). */
function Illustration() {
  return (
    <svg width="120" height="96" viewBox="0 0 120 96" aria-hidden="true">
      <path d="M10 20 L42 10 L78 20 L110 10 L110 80 L78 90 L42 80 L10 90 Z" fill="#eef5ff" stroke="#8fb3e8" />
      <path d="M42 10 L42 80 M78 20 L78 90" stroke="#8fb3e8" />
      <path d="M60 18 c-12 0 -20 9 -20 20 c0 14 20 34 20 34 s20 -20 20 -34 c0 -11 -8 -20 -20 -20 z" fill="#1d5fd1" />
      <text x="60" y="45" textAnchor="middle" fontSize="20" fontWeight="700" fill="#fff" fontFamily="sans-serif">
        ?
      </text>
    </svg>
  );
}

/**
 * 页面不存在 / Page not found, for the portal and the console alike (the console's own catch-all shows it inside
 * its layout). No component library: the tourist's phone shows it without loading the console's.
 */
export function NotFoundPage({ failed = false }: { failed?: boolean }) {
  const { t, i18n } = useTranslation();
  const { pathname } = useLocation();
  const inConsole = pathname.startsWith('/console');
  return (
    <main className="zl-notfound" data-testid={failed ? 'route-error' : 'not-found'}>
      <div>
        <Illustration />
        <h1>{t(failed ? 'field.notFound.errorTitle' : 'field.notFound.title')}</h1>
        <p>{t(failed ? 'field.notFound.errorText' : 'field.notFound.text', { path: pathname })}</p>
        <nav>
          {failed && (
            <button type="button" onClick={() => window.location.reload()}>
              {t('field.notFound.reload')}
            </button>
          )}
          <Link className="primary" to={inConsole ? '/console' : '/'}>
            {t(inConsole ? 'field.notFound.toConsole' : 'field.notFound.toHome')}
          </Link>
          <button type="button" onClick={() => setLanguage(i18n.language === 'en' ? 'zh-CN' : 'en')}>
            {i18n.language === 'en' ? '中文' : 'English'}
          </button>
        </nav>
      </div>
    </main>
  );
}

/** The routes' error element: a 404 answer reads as "not found", anything else (a chunk that failed) as an error. */
export function RouteError() {
  const e = useRouteError();
  return <NotFoundPage failed={!(isRouteErrorResponse(e) && e.status === 404)} />;
}

/** Shown while the first route's code loads (React Router's HydrateFallback): a quiet bar, no layout shift. */
export function BootFallback() {
  return <div style={{ height: 3, background: 'linear-gradient(90deg,#1d5fd1,#12a2a8)' }} aria-busy="true" />;
}
