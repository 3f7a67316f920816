import type { FastifyInstance } from 'fastify';
import { auditRoutes } from './audit/index.js';
import { registerCredit } from './credit/index.js';
import type { TModuleDeps } from './deps.js';
import { createDirectoryService, directoryRoutes } from './directory/index.js';
import { createFilesService, databaseFileStore, filesRoutes, importDiskFiles, s3FileStore } from './files/index.js';
import { createMasterDataService, masterDataRoutes } from './master-data/index.js';
import { notificationRoutes } from './notifications/index.js';
import { registerPrivacy } from './privacy/index.js';
import { mayReadRatingPhotos, registerRatings } from './ratings/index.js';
import { registerReservations } from './reservations/index.js';
import { mayReadReturn, registerReturns } from './returns/index.js';
import { registerRoutes } from './routes/index.js';
import { registerStations } from './stations/index.js';
import { statisticsRoutes } from './statistics/index.js';
import { loadClassifier, mayReadWorkOrder, registerWorkOrders } from './work-orders/index.js';

export type { TModuleDeps } from './deps.js';

/** Registers every module's routes, in a fixed order. */
export async function registerModules(app: FastifyInstance, deps: TModuleDeps) {
  const db = deps.database.db;
  await app.register(masterDataRoutes(createMasterDataService(db)));
  const classifier = await loadClassifier();
  await registerWorkOrders(app, deps, classifier);
  // Photos an older version kept on this instance's disk move into the database before any is served.
  const fileStore = deps.config.s3 ? s3FileStore(deps.config.s3) : databaseFileStore;
  const moved = await importDiskFiles(db, deps.config.dataDir, fileStore);
  if (moved.imported || moved.missing)
    app.log.info(moved, 'uploaded files moved from the data directory into the database');
  // A file is readable by whoever may view the object it is attached to: the object's module answers, by its policy.
  const fileReaders: Readonly<Record<string, typeof mayReadWorkOrder>> = {
    work_order: mayReadWorkOrder,
    return_request: mayReadReturn,
    rating: mayReadRatingPhotos,
  };
  await app.register(
    filesRoutes(createFilesService({ db, store: fileStore }), async (actor, type, id) =>
      Object.hasOwn(fileReaders, type) ? fileReaders[type](db, actor, id) : false,
    ),
  );
  await registerReservations(app, deps);
  await app.register(directoryRoutes(createDirectoryService({ db, clock: deps.clock })));
  await registerRatings(app, deps);
  await registerReturns(app, deps);
  await registerStations(app, deps);
  await registerRoutes(app, deps);
  await app.register(notificationRoutes(db));
  await app.register(statisticsRoutes(db, deps.clock));
  await app.register(auditRoutes(db, { demo: deps.config.demo }));
  await registerPrivacy(app, deps);
  await registerCredit(app, deps);
}
