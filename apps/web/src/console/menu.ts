import type { TRole } from '@zhilv/contracts';
import { inspectionMenuFor } from './inspections/menu';

export type TMenuItem = { path: string; key: string; group?: 'admin' };

/**
 * The console menu by role: each role sees what its work needs, nothing else. The first item is the role's home
 * (HomeRedirect), so it must be a page the role may read; every role has at least its notifications.
 */
function baseMenuFor(role: TRole): TMenuItem[] {
  const queue = { path: '/console/work-orders', key: 'menu.queue' };
  const stats = { path: '/console/statistics', key: 'menu.statistics' };
  const flow = { path: '/console/flow', key: 'menu.flow' };
  const returns = { path: '/console/returns', key: 'menu.returns' };
  const returnFund = { path: '/console/returns/fund', key: 'returnsLocal.menuFund' };
  const notifications = { path: '/console/notifications', key: 'menu.notifications' };
  // 双随机、一公开: plans for planners and their departments, tasks for inspectors, certificates for admins and heads.
  const drawPlans = { path: '/console/draws/plans', key: 'draws.menu.plans' };
  const drawTasks = { path: '/console/draws/tasks', key: 'draws.menu.tasks' };
  const certificates = { path: '/console/draws/certificates', key: 'draws.menu.certificates' };
  const grids = { path: '/console/grids', key: 'menu.grids' };
  const coverage = { path: '/console/grids/coverage', key: 'menu.gridCoverage' };
  const letters = { path: '/console/letters', key: 'menu.letters' };
  // 代预约 for elderly and offline visitors: at a spot's gate (its own account) or a station (volunteers)
  const proxyBooking = { path: '/console/proxy-booking', key: 'visitors.proxy.menu' };
  const timeRequests = { path: '/console/time-requests', key: 'procedure.menu' };
  // 派单异议审核: the command center reviews; departments follow their own disputes
  const disputes = { path: '/console/disputes', key: 'woProcedure.menu' };
  switch (role) {
    case 'dispatcher':
      return [
        queue,
        { path: '/console/intake', key: 'field.intake.menu' },
        stats,
        flow,
        returns,
        returnFund,
        timeRequests,
        disputes,
        grids,
        coverage,
        letters,
      ];
    case 'leader':
      return [queue, stats, flow, returns, returnFund, timeRequests, disputes, grids, coverage, letters, drawPlans];
    case 'department_head':
      return [
        queue,
        stats,
        returns,
        timeRequests,
        disputes,
        grids,
        coverage,
        letters,
        drawPlans,
        drawTasks,
        certificates,
      ];
    case 'department_staff':
      return [queue, returns, timeRequests, disputes, grids, drawTasks, drawPlans];
    case 'business':
      return [
        { path: '/console/work-orders', key: 'menu.myOrders' },
        { path: '/console/report', key: 'menu.report' },
        // Scenic spots' accounts check tickets in; the page explains itself to other businesses.
        { path: '/console/gate', key: 'menu.gate' },
        proxyBooking,
        { path: '/console/spot', key: 'field.spot.menu' },
        returns,
        { path: '/console/admin/rating-codes', key: 'menu.ratingCodes' },
        { path: '/console/my-prices', key: 'menu.myPrices' },
        { path: '/console/letters', key: 'menu.myLetters' },
      ];
    case 'grid_worker':
      return [
        { path: '/console/report', key: 'menu.report' },
        queue,
        { path: '/console/grids', key: 'menu.myGrids' },
        letters,
      ];
    case 'system_admin':
      return [
        { path: '/console/admin/businesses', key: 'menu.businesses', group: 'admin' },
        { path: '/console/admin/stations', key: 'menu.stations', group: 'admin' },
        { path: '/console/admin/routes', key: 'menu.routes', group: 'admin' },
        { path: '/console/admin/practitioners', key: 'menu.practitioners', group: 'admin' },
        { path: '/console/grids', key: 'menu.grids', group: 'admin' },
        { path: '/console/grids/coverage', key: 'menu.gridCoverage', group: 'admin' },
        { path: '/console/letters', key: 'menu.letters', group: 'admin' },
        { path: '/console/admin/departments', key: 'menu.departments', group: 'admin' },
        { path: '/console/admin/sla', key: 'menu.sla', group: 'admin' },
        { path: '/console/admin/routing', key: 'menu.routing', group: 'admin' },
        { path: '/console/admin/procedure-rules', key: 'procedure.rulesMenu', group: 'admin' },
        { path: '/console/admin/return-rules', key: 'returnsLocal.menuRules', group: 'admin' },
        { path: '/console/admin/classifier-corrections', key: 'menu.classifierCorrections', group: 'admin' },
        { path: '/console/admin/outbox', key: 'menu.outbox', group: 'admin' },
        { path: '/console/admin/rating-codes', key: 'menu.ratingCodes', group: 'admin' },
        { ...drawPlans, group: 'admin' },
        { ...certificates, group: 'admin' },
      ];
    case 'security_admin':
      return [{ path: '/console/admin/users', key: 'menu.users', group: 'admin' }];
    case 'audit_admin':
      return [{ path: '/console/audit', key: 'menu.audit', group: 'admin' }];
    case 'volunteer':
      return [notifications, proxyBooking];
    default:
      return [notifications];
  }
}

/** 信用 (credit module): files, the dishonest list and rules for the supervising roles; a business its own file. */
const CREDIT_MENU: Partial<Record<TRole, TMenuItem[]>> = {
  department_staff: [
    { path: '/console/credit', key: 'menu.creditFiles' },
    { path: '/console/credit/list', key: 'menu.dishonestList' },
    { path: '/console/credit/evaluation', key: 'menu.creditEvaluation' },
  ],
  department_head: [
    { path: '/console/credit', key: 'menu.creditFiles' },
    { path: '/console/credit/list', key: 'menu.dishonestList' },
    { path: '/console/credit/rules', key: 'menu.creditRules' },
    { path: '/console/credit/evaluation', key: 'menu.creditEvaluation' },
  ],
  leader: [
    { path: '/console/credit', key: 'menu.creditFiles' },
    { path: '/console/credit/list', key: 'menu.dishonestList' },
    { path: '/console/credit/evaluation', key: 'menu.creditEvaluation' },
  ],
  dispatcher: [{ path: '/console/credit', key: 'menu.creditFiles' }],
  business: [
    { path: '/console/my-credit', key: 'menu.myCredit' },
    { path: '/console/credit/list', key: 'menu.myListings' },
    { path: '/console/my-credit/self-assessment', key: 'menu.selfAssessment' },
  ],
  system_admin: [
    { path: '/console/credit/rules', key: 'menu.creditRules', group: 'admin' },
    { path: '/console/credit/evaluation', key: 'menu.creditEvaluation', group: 'admin' },
  ],
};

export function menuFor(role: TRole): TMenuItem[] {
  return [...baseMenuFor(role), ...inspectionMenuFor(role), ...(CREDIT_MENU[role] ?? [])];
}
