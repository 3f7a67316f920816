// biome-ignore-all assist/source/organizeImports: the table is exported first, on purpose (below)
/** For a join that names a station (ratings); first, so an import cycle never meets it uninitialised. */
export { stations } from './stations.tables.js';
import type { FastifyInstance } from 'fastify';
import type { TModuleDeps } from '../deps.js';
import { stationRoutes } from './stations.routes.js';
import { createStationService } from './stations.service.js';

export { haversineMetres, insideBounds } from './geo.js';
export { findStationForStop } from './stations.service.js';
export { stationNamesByIds } from './stations.store.js';

/** Registers the service stations' routes (红色驿站/微站). */
export async function registerStations(app: FastifyInstance, deps: TModuleDeps) {
  const service = createStationService({ db: deps.database.db, clock: deps.clock });
  await app.register(stationRoutes(service));
  return service;
}
