import type { FastifyInstance } from 'fastify';
import { auditRoutes } from './audit/audit.routes.js';
import type { TModuleDeps } from './deps.js';
import { createDirectoryService, directoryRoutes } from './directory/index.js';
import { createFilesService, filesRoutes } from './files/index.js';
import { createMasterDataService, masterDataRoutes } from './master-data/index.js';
import { notificationRoutes } from './notifications/notifications.routes.js';
import { mayReadRatingPhotos, registerRatings } from './ratings/index.js';
import { registerReservations } from './reservations/index.js';
import { mayReadReturn, registerReturns } from './returns/index.js';
import { registerRoutes } from './routes/index.js';
import { registerStations } from './stations/index.js';
import { statisticsRoutes } from './statistics/statistics.routes.js';
import { loadClassifier, mayReadWorkOrder, registerWorkOrders } from './work-orders/index.js';

export type { TModuleDeps } from './deps.js';

/** Registers every module's routes, in a fixed order. */
export async function registerModules(app: FastifyInstance, deps: TModuleDeps) {
  const db = deps.database.db;
  await app.register(masterDataRoutes(createMasterDataService(db)));
  const classifier = await loadClassifier();
  await registerWorkOrders(app, deps, classifier);
  await app.register(
    filesRoutes(createFilesService({ db, dataDir: deps.config.dataDir }), (actor, type, id) =>
      type === 'work_order'
        ? mayReadWorkOrder(db, actor, id)
        : type === 'return_request'
          ? mayReadReturn(db, actor, id)
          : type === 'rating'
            ? mayReadRatingPhotos(db, actor, id)
            : Promise.resolve(false),
    ),
  );
  await registerReservations(app, deps);
  await app.register(directoryRoutes(createDirectoryService({ db })));
  await registerRatings(app, deps);
  await registerReturns(app, deps);
  await registerStations(app, deps);
  await registerRoutes(app, deps);
  await app.register(notificationRoutes(db));
  await app.register(statisticsRoutes(db, deps.clock));
  await app.register(auditRoutes(db));
}
