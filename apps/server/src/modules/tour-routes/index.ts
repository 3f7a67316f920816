import type { FastifyInstance } from 'fastify';
import type { TModuleDeps } from '../deps.js';
import { routeRoutes } from './tour-routes.routes.js';
import { createRouteService } from './tour-routes.service.js';

export { routeNamesByIds } from './tour-routes.store.js';

/** Registers the themed routes (旅游线路) and their stops. */
export async function registerTourRoutes(app: FastifyInstance, deps: TModuleDeps) {
  const service = createRouteService(deps.database.db);
  await app.register(routeRoutes(service));
  return service;
}
