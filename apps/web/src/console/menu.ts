import type { TRole } from '@zhilv/contracts';

export type TMenuItem = { path: string; key: string; group?: 'admin' };

/**
 * The console menu by role: each role sees what its work needs, nothing else. The first item is the role's home
 * (HomeRedirect), so it must be a page the role may read; every role has at least its notifications.
 */
export function menuFor(role: TRole): TMenuItem[] {
  const queue = { path: '/console/work-orders', key: 'menu.queue' };
  const stats = { path: '/console/statistics', key: 'menu.statistics' };
  const flow = { path: '/console/flow', key: 'menu.flow' };
  const returns = { path: '/console/returns', key: 'menu.returns' };
  const notifications = { path: '/console/notifications', key: 'menu.notifications' };
  const timeRequests = { path: '/console/time-requests', key: 'procedure.menu' };
  switch (role) {
    case 'dispatcher':
      return [queue, { path: '/console/intake', key: 'field.intake.menu' }, stats, flow, returns, timeRequests];
    case 'leader':
      return [queue, stats, flow, returns, timeRequests];
    case 'department_head':
      return [queue, stats, returns, timeRequests];
    case 'department_staff':
      return [queue, returns, timeRequests];
    case 'business':
      return [
        { path: '/console/work-orders', key: 'menu.myOrders' },
        { path: '/console/report', key: 'menu.report' },
        // Scenic spots' accounts check tickets in; the page explains itself to other businesses.
        { path: '/console/gate', key: 'menu.gate' },
        { path: '/console/spot', key: 'field.spot.menu' },
        returns,
        { path: '/console/admin/rating-codes', key: 'menu.ratingCodes' },
        { path: '/console/my-prices', key: 'menu.myPrices' },
      ];
    case 'grid_worker':
      return [{ path: '/console/report', key: 'menu.report' }, queue];
    case 'system_admin':
      return [
        { path: '/console/admin/businesses', key: 'menu.businesses', group: 'admin' },
        { path: '/console/admin/stations', key: 'menu.stations', group: 'admin' },
        { path: '/console/admin/routes', key: 'menu.routes', group: 'admin' },
        { path: '/console/admin/practitioners', key: 'menu.practitioners', group: 'admin' },
        { path: '/console/admin/grids', key: 'menu.grids', group: 'admin' },
        { path: '/console/admin/departments', key: 'menu.departments', group: 'admin' },
        { path: '/console/admin/sla', key: 'menu.sla', group: 'admin' },
        { path: '/console/admin/routing', key: 'menu.routing', group: 'admin' },
        { path: '/console/admin/procedure-rules', key: 'procedure.rulesMenu', group: 'admin' },
        { path: '/console/admin/classifier-corrections', key: 'menu.classifierCorrections', group: 'admin' },
        { path: '/console/admin/outbox', key: 'menu.outbox', group: 'admin' },
        { path: '/console/admin/rating-codes', key: 'menu.ratingCodes', group: 'admin' },
      ];
    case 'security_admin':
      return [{ path: '/console/admin/users', key: 'menu.users', group: 'admin' }];
    case 'audit_admin':
      return [{ path: '/console/audit', key: 'menu.audit', group: 'admin' }];
    case 'volunteer':
      return [notifications];
    default:
      return [notifications];
  }
}
