import type { RouteObject } from 'react-router';

const lazy = (load: () => Promise<Record<string, unknown>>, name: string) => async () => ({
  Component: (await load())[name] as React.ComponentType,
});

/** The tourist portal: phone first, bottom tabs, each page its own chunk (the map its own too). */
export const portalRoutes: RouteObject[] = [
  {
    path: '/',
    lazy: lazy(() => import('./PortalLayout'), 'PortalLayout'),
    children: [
      { index: true, lazy: lazy(() => import('./pages/HomePage'), 'HomePage') },
      { path: 'login', lazy: lazy(() => import('./pages/LoginPage'), 'PortalLoginPage') },
      { path: 'appeal', lazy: lazy(() => import('./pages/appeal/AppealPage'), 'AppealPage') },
      { path: 'orders', lazy: lazy(() => import('./pages/orders/OrdersPage'), 'OrdersPage') },
      { path: 'orders/:id', lazy: lazy(() => import('./pages/orders/OrderDetailPage'), 'OrderDetailPage') },
      { path: 'suggestion-box', lazy: lazy(() => import('./pages/SuggestionBoxPage'), 'SuggestionBoxPage') },
      { path: 'public', lazy: lazy(() => import('./pages/public/PublicPage'), 'PublicPage') },
      { path: 'privacy', lazy: lazy(() => import('./pages/PrivacyPage'), 'PrivacyPage') },
      { path: 'reserve', lazy: lazy(() => import('./pages/reservations/SpotsPage'), 'SpotsPage') },
      { path: 'reserve/:spotId', lazy: lazy(() => import('./pages/reservations/SpotPage'), 'SpotPage') },
      {
        path: 'reserve/:spotId/book/:slotId',
        lazy: lazy(() => import('./pages/reservations/BookPage'), 'BookPage'),
      },
      { path: 'tickets', lazy: lazy(() => import('./pages/reservations/MyTicketsPage'), 'MyTicketsPage') },
      { path: 'tickets/:id', lazy: lazy(() => import('./pages/reservations/TicketPage'), 'TicketPage') },
      { path: 'returns', lazy: lazy(() => import('./pages/returns/ReturnsPage'), 'ReturnsPage') },
      { path: 'returns/new', lazy: lazy(() => import('./pages/returns/ReturnNewPage'), 'ReturnNewPage') },
      { path: 'returns/:id', lazy: lazy(() => import('./pages/returns/ReturnDetailPage'), 'ReturnDetailPage') },
      { path: 'me', lazy: lazy(() => import('./pages/MePage'), 'MePage') },
      { path: 'stations', lazy: lazy(() => import('./pages/stations/StationsPage'), 'StationsPage') },
      { path: 'stations/:id', lazy: lazy(() => import('./pages/stations/StationPage'), 'StationPage') },
      { path: 'routes', lazy: lazy(() => import('./pages/routes/RoutesPage'), 'RoutesPage') },
      { path: 'routes/:id', lazy: lazy(() => import('./pages/routes/RoutePage'), 'RoutePage') },
      { path: 'businesses', lazy: lazy(() => import('./pages/directory/DirectoryPage'), 'DirectoryPage') },
      { path: 'businesses/:id', lazy: lazy(() => import('./pages/directory/BusinessPage'), 'BusinessPage') },
      { path: 'credit', lazy: lazy(() => import('./pages/directory/CreditPage'), 'CreditPage') },
      {
        path: 'credit/dishonest-list',
        lazy: lazy(() => import('./pages/directory/DishonestListPage'), 'DishonestListPage'),
      },
      { path: 'credit/:id', lazy: lazy(() => import('./pages/directory/CreditRecordPage'), 'CreditRecordPage') },
      { path: 'rate', lazy: lazy(() => import('./pages/ratings/RateEntryPage'), 'RateEntryPage') },
      { path: 'rate/:code', lazy: lazy(() => import('./pages/ratings/RatePage'), 'RatePage') },
      { path: 'ratings', lazy: lazy(() => import('./pages/ratings/MyRatingsPage'), 'MyRatingsPage') },
      { path: 'draws', lazy: lazy(() => import('./pages/draws/DrawResultsPage'), 'DrawResultsPage') },
      { path: 'draws/:id/verify', lazy: lazy(() => import('./pages/draws/DrawVerifyPage'), 'DrawVerifyPage') },
    ],
  },
];
