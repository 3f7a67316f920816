import { createBrowserRouter } from 'react-router';
import { inspectionRoutes } from '../console/inspections/routes';
import { portalRoutes } from '../portal/routes';
import { BootFallback, NotFoundPage, RouteError } from './NotFoundPage';

const lazy = (load: () => Promise<Record<string, unknown>>, name: string) => async () => ({
  Component: (await load())[name] as React.ComponentType,
});

/**
 * Routes are split: a tourist's phone never downloads the console, and the console loads each page on demand.
 * One pathless root holds them all: its HydrateFallback covers the first load of every lazy route (without one
 * React Router warned on almost every load), its error element replaces the developer's error page, and the
 * catch-all at the end answers unknown addresses with a real 404 page (the console has its own, in its layout).
 */
export const router = createBrowserRouter([
  {
    HydrateFallback: BootFallback,
    ErrorBoundary: RouteError,
    children: [
      ...portalRoutes,
      { path: '/console/login', lazy: lazy(() => import('../console/LoginPage'), 'LoginPage') },
      { path: '/console/activate', lazy: lazy(() => import('../console/ActivatePage'), 'ActivatePage') },
      {
        path: '/console',
        lazy: lazy(() => import('../console/ConsoleLayout'), 'ConsoleLayout'),
        children: [
          { index: true, lazy: lazy(() => import('../console/HomeRedirect'), 'HomeRedirect') },
          {
            path: 'work-orders',
            lazy: lazy(() => import('../console/work-orders/WorkOrderListPage'), 'WorkOrderListPage'),
          },
          {
            path: 'work-orders/:id',
            lazy: lazy(() => import('../console/work-orders/WorkOrderDetailPage'), 'WorkOrderDetailPage'),
          },
          {
            path: 'report',
            lazy: lazy(() => import('../console/work-orders/FrontlineReportPage'), 'FrontlineReportPage'),
          },
          { path: 'gate', lazy: lazy(() => import('../console/gate/GatePage'), 'GatePage') },
          {
            path: 'proxy-booking',
            lazy: lazy(() => import('../console/visitors/ProxyBookingPage'), 'ProxyBookingPage'),
          },
          { path: 'my-prices', lazy: lazy(() => import('../console/business/MyPricesPage'), 'MyPricesPage') },
          { path: 'credit', lazy: lazy(() => import('../console/credit/CreditFilesPage'), 'CreditFilesPage') },
          {
            path: 'credit/files/:type/:id',
            lazy: lazy(() => import('../console/credit/CreditFilePage'), 'CreditFilePage'),
          },
          { path: 'my-credit', lazy: lazy(() => import('../console/credit/CreditFilePage'), 'MyCreditPage') },
          { path: 'credit/list', lazy: lazy(() => import('../console/credit/DishonestListPage'), 'DishonestListPage') },
          { path: 'credit/rules', lazy: lazy(() => import('../console/credit/CreditRulesPage'), 'CreditRulesPage') },
          {
            path: 'credit/evaluation',
            lazy: lazy(() => import('../console/credit/EvaluationPage'), 'EvaluationPage'),
          },
          {
            path: 'my-credit/self-assessment',
            lazy: lazy(() => import('../console/credit/EvaluationPage'), 'SelfAssessmentPage'),
          },
          { path: 'statistics', lazy: lazy(() => import('../console/statistics/StatisticsPage'), 'StatisticsPage') },
          { path: 'flow', lazy: lazy(() => import('../console/flow/FlowPage'), 'FlowPage') },
          { path: 'returns', lazy: lazy(() => import('../console/returns/ReturnsPage'), 'ReturnsPage') },
          { path: 'returns/fund', lazy: lazy(() => import('../console/returns/FundLedgerPage'), 'FundLedgerPage') },
          {
            path: 'admin/return-rules',
            lazy: lazy(() => import('../console/returns/ReturnRulesPage'), 'ReturnRulesPage'),
          },
          {
            path: 'admin/procedure-rules',
            lazy: lazy(() => import('../console/procedure/ProcedureRulesPage'), 'ProcedureRulesPage'),
          },
          {
            path: 'disputes',
            lazy: lazy(() => import('../console/procedure/DisputesPage'), 'DisputesPage'),
          },
          {
            path: 'time-requests',
            lazy: lazy(() => import('../console/procedure/TimeRequestsPage'), 'TimeRequestsPage'),
          },
          {
            path: 'admin/businesses',
            lazy: lazy(() => import('../console/directory/BusinessesPage'), 'BusinessesPage'),
          },
          {
            path: 'admin/practitioners',
            lazy: lazy(() => import('../console/directory/PractitionersPage'), 'PractitionersPage'),
          },
          { path: 'admin/grids', lazy: lazy(() => import('../console/grids/GridsPage'), 'GridsPage') },
          { path: 'grids', lazy: lazy(() => import('../console/grids/GridsPage'), 'GridsPage') },
          { path: 'grids/coverage', lazy: lazy(() => import('../console/grids/CoveragePage'), 'CoveragePage') },
          { path: 'grids/:id', lazy: lazy(() => import('../console/grids/GridDetailPage'), 'GridDetailPage') },
          { path: 'letters', lazy: lazy(() => import('../console/grids/LettersPage'), 'LettersPage') },
          {
            path: 'admin/departments',
            lazy: lazy(() => import('../console/master-data/DepartmentsPage'), 'DepartmentsPage'),
          },
          { path: 'admin/sla', lazy: lazy(() => import('../console/work-orders/settings/SlaPage'), 'SlaPage') },
          {
            path: 'admin/routing',
            lazy: lazy(() => import('../console/work-orders/settings/RoutingPage'), 'RoutingPage'),
          },
          {
            path: 'admin/classifier-corrections',
            lazy: lazy(
              () => import('../console/work-orders/settings/ClassifierCorrectionsPage'),
              'ClassifierCorrectionsPage',
            ),
          },
          { path: 'admin/outbox', lazy: lazy(() => import('../console/notifications/OutboxPage'), 'OutboxPage') },
          {
            path: 'admin/rating-codes',
            lazy: lazy(() => import('../console/directory/RatingCodesPage'), 'RatingCodesPage'),
          },
          { path: 'admin/users', lazy: lazy(() => import('../console/accounts/UsersPage'), 'UsersPage') },
          { path: 'admin/stations', lazy: lazy(() => import('../console/stations/StationsPage'), 'StationsPage') },
          { path: 'admin/routes', lazy: lazy(() => import('../console/tour-routes/RoutesPage'), 'RoutesPage') },
          { path: 'audit', lazy: lazy(() => import('../console/audit/AuditPage'), 'AuditPage') },
          { path: 'spot', lazy: lazy(() => import('../console/spot/SpotSettingsPage'), 'SpotSettingsPage') },
          { path: 'intake', lazy: lazy(() => import('../console/intake/CallIntakePage'), 'CallIntakePage') },
          ...inspectionRoutes,
          {
            path: 'notifications',
            lazy: lazy(() => import('../console/notifications/NotificationsPage'), 'NotificationsPage'),
          },
          { path: 'draws/plans', lazy: lazy(() => import('../console/draws/DrawPlansPage'), 'DrawPlansPage') },
          { path: 'draws/plans/:id', lazy: lazy(() => import('../console/draws/DrawPlanPage'), 'DrawPlanPage') },
          { path: 'draws/tasks', lazy: lazy(() => import('../console/draws/DrawTasksPage'), 'DrawTasksPage') },
          {
            path: 'draws/certificates',
            lazy: lazy(() => import('../console/draws/CertificatesPage'), 'CertificatesPage'),
          },
          { path: '*', Component: NotFoundPage },
        ],
      },
      { path: '*', Component: NotFoundPage },
    ],
  },
]);
