import type { FastifyInstance } from 'fastify';
import type { TActor } from '../../platform/actor.js';
import { registerDeadlineKind } from '../../platform/deadlines/index.js';
import type { TModuleDeps } from '../deps.js';
import { getWorkOrderRef } from '../work-orders/index.js';
import { createReturnAdmin } from './returns.admin.js';
import { REFUND_DEADLINE, refundDeadlineHandler, SHOP_DEADLINE, shopDeadlineHandler } from './returns.escalation.js';
import { createFund } from './returns.fund.js';
import { can } from './returns.policy.js';
import { returnRoutes } from './returns.routes.js';
import { createReturnService } from './returns.service.js';
import { getReturn } from './returns.store.js';

export { REFUND_DEADLINE, SHOP_DEADLINE, scheduleShopDeadline } from './returns.escalation.js';
export { compensationNote } from './returns.rules.js';
export { returnTrackingNosByIds } from './returns.store.js';

/** Registers the no-reason return routes (无理由退货), their local rules, pledges, catalogue and the fund. */
export async function registerReturns(app: FastifyInstance, deps: TModuleDeps) {
  registerDeadlineKind(SHOP_DEADLINE, shopDeadlineHandler(deps.sms));
  registerDeadlineKind(REFUND_DEADLINE, refundDeadlineHandler(deps.sms));
  const service = createReturnService({
    db: deps.database.db,
    clock: deps.clock,
    events: deps.events,
    sms: deps.sms,
  });
  const admin = createReturnAdmin({ db: deps.database.db, clock: deps.clock });
  const fund = createFund({ db: deps.database.db, clock: deps.clock, events: deps.events });
  await app.register(returnRoutes(service, admin, fund));
  return service;
}

/** For the files module: may this actor see the receipt attached to this return request? */
export async function mayReadReturn(db: TModuleDeps['database']['db'], actor: TActor, id: string) {
  const r = await getReturn(db, id);
  if (!r) return false;
  const order = r.workOrderId ? await getWorkOrderRef(db, r.workOrderId) : null;
  return can(actor, 'view', r, order);
}
