import type { FastifyInstance } from 'fastify';
import type { TModuleDeps } from '../deps.js';
import { exportOwnWorkOrders } from '../work-orders/index.js';
import { privacyRoutes } from './privacy.routes.js';
import { createPrivacyService } from './privacy.service.js';

/** A tourist's own data: the export and the deletion of the account (PIPL). */
export async function registerPrivacy(app: FastifyInstance, deps: TModuleDeps) {
  const db = deps.database.db;
  const privacy = createPrivacyService({
    db,
    clock: deps.clock,
    ownWorkOrders: (actor) => exportOwnWorkOrders(db, actor),
  });
  await app.register(privacyRoutes(privacy));
}
