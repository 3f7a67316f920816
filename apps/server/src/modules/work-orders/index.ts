import type { FastifyInstance } from 'fastify';
import type { TActor } from '../../platform/actor.js';
import { registerDeadlineKind } from '../../platform/deadlines/index.js';
import type { TModuleDeps } from '../deps.js';
import { workOrderAdminRoutes } from './admin.routes.js';
import type { Classifier } from './classify/classifier.js';
import { listenForSlaChanges } from './clocks.js';
import { correctionRoutes } from './corrections.routes.js';
import { createCorrections } from './corrections.service.js';
import { BUSINESS_ANSWER, DECISION_LIMIT, decisionLimitHandler } from './decision-limits.js';
import { procedureRoutes } from './procedure.routes.js';
import { createWorkOrderAdmin } from './work-orders.admin.js';
import { can } from './work-orders.policy.js';
import { workOrderRoutes } from './work-orders.routes.js';
import { createWorkOrderService, type TWorkOrderDeps } from './work-orders.service.js';
import { getWorkOrder, listWorkOrdersOfReporter } from './work-orders.store.js';
import { toDetail } from './work-orders.view.js';

export { anonymiseText } from './anonymise.js';
export { closeUnratedOrders } from './auto-close.js';
export { loadClassifier } from './classify/classifier.js';
export { loadOfficialHolidays } from './official-holidays.js';
export { holderStats, type THolderStatsRow } from './procedure.store.js';
export {
  getWorkOrderRef,
  type TWorkOrderRef,
  workOrderIdsOfDepartment,
  workOrderRefsByIds,
} from './refs.store.js';
export { sweeperIdleMs, sweepSlaTimers } from './sla-sweeper.js';
export {
  createSystemWorkOrder,
  recordCompensation,
  recordLinkedStep,
  type TSystemWorkOrder,
} from './system-intake.js';
export {
  overdueOrders,
  type TGroupBy,
  type TOverdueFilter,
  type TStatsFilter,
  workOrderStats,
} from './work-order-stats.store.js';
export { act, type TActionPayload } from './work-orders.actions.js';
export { DEFAULT_ROUTING, seedDefaultRouting } from './work-orders.admin.js';
export { ENTRY_VISIBILITY, entryVisibilityOf } from './work-orders.policy.js';
export { createWorkOrderService, type TWorkOrderService } from './work-orders.service.js';
export { overdueSql } from './work-orders.store.js';

/** Registers the work-order routes; answers the service for other modules and the demo loader. */
export async function registerWorkOrders(app: FastifyInstance, deps: TModuleDeps, classifier: Classifier) {
  const woDeps: TWorkOrderDeps = {
    db: deps.database.db,
    clock: deps.clock,
    events: deps.events,
    sms: deps.sms,
    classifier,
    commands: deps.commands,
    // Two transactions in flight: on these machines a round trip costs the app more CPU than the database, so
    // fewer, fuller batches beat more parallel ones (intake bench: 2 writers ~980/s, 4 writers ~800/s).
    writers: deps.database.kind === 'pglite' ? 1 : 2,
  };
  const service = createWorkOrderService(woDeps);
  await app.register(workOrderRoutes(service, woDeps));
  await app.register(workOrderAdminRoutes(createWorkOrderAdmin(deps.database.db)));
  const unlisten = await listenForSlaChanges(deps.database);
  app.addHook('onClose', async () => unlisten());
  await app.register(correctionRoutes(createCorrections(deps.database.db, deps.clock)));
  await app.register(procedureRoutes(deps.database.db, deps.clock));
  // the national decision limits on the deadline engine (decision-limits.ts)
  registerDeadlineKind(DECISION_LIMIT, decisionLimitHandler(DECISION_LIMIT));
  registerDeadlineKind(BUSINESS_ANSWER, decisionLimitHandler(BUSINESS_ANSWER));
  return service;
}

/** Everything one tourist filed, as they see it (timeline included): for their personal-data export. */
export async function exportOwnWorkOrders(db: TModuleDeps['database']['db'], actor: TActor) {
  if (!actor.id) return [];
  const rows = await listWorkOrdersOfReporter(db, actor.id, 5000);
  const out = [];
  for (const o of rows) out.push(await toDetail(db, o, actor, 'zh-CN'));
  return out;
}

/** For the files module: may this actor see photos attached to this work order? */
export async function mayReadWorkOrder(db: TModuleDeps['database']['db'], actor: TActor, id: string) {
  const o = await getWorkOrder(db, id);
  return !!o && can(actor, 'view', o);
}
