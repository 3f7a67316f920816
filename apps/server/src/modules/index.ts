import type { FastifyInstance } from 'fastify';
import { auditRoutes } from './audit/index.js';
import { gradesOf, mayReadRepair, registerCredit } from './credit/index.js';
import type { TModuleDeps } from './deps.js';
import { createDirectoryService, directoryRoutes } from './directory/index.js';
import { registerDraws } from './draws/index.js';
import { createFilesService, databaseFileStore, filesRoutes, importDiskFiles, s3FileStore } from './files/index.js';
import { gridHeadsOf, gridScopeOf, mayReadLetter, registerGrids, responsiblesOf } from './grids/index.js';
import { inspectionFileReaders, registerInspections } from './inspections/index.js';
import { createMasterDataService, masterDataRoutes } from './master-data/index.js';
import { notificationRoutes } from './notifications/index.js';
import { registerPrivacy } from './privacy/index.js';
import { mayReadRatingPhotos, registerRatings } from './ratings/index.js';
import { registerReservations } from './reservations/index.js';
import { mayReadReturn, registerReturns } from './returns/index.js';
import { registerStations } from './stations/index.js';
import { statisticsRoutes } from './statistics/index.js';
import { registerTourRoutes } from './tour-routes/index.js';
import { loadClassifier, mayReadWorkOrder, registerWorkOrders } from './work-orders/index.js';

export type { TModuleDeps } from './deps.js';

/** Registers every module's routes, in a fixed order. */
export async function registerModules(app: FastifyInstance, deps: TModuleDeps) {
  const db = deps.database.db;
  await app.register(masterDataRoutes(createMasterDataService(db)));
  await registerGrids(app, deps);
  const classifier = await loadClassifier();
  await registerWorkOrders(app, deps, classifier);
  // Photos an older version kept on this instance's disk move into the database before any is served.
  const fileStore = deps.config.s3 ? s3FileStore(deps.config.s3) : databaseFileStore;
  const moved = await importDiskFiles(db, deps.config.dataDir, fileStore);
  if (moved.imported || moved.missing)
    app.log.info(moved, 'uploaded files moved from the data directory into the database');
  // Inspections (issue 15): grid scope from master data until the grids module lands — the lead swaps the import.
  const inspections = await registerInspections(app, deps, { gridScope: gridScopeOf, gridHeadsOf });
  // A file is readable by whoever may view the object it is attached to: the object's module answers, by its policy.
  const fileReaders: Readonly<Record<string, typeof mayReadWorkOrder>> = {
    work_order: mayReadWorkOrder,
    return_request: mayReadReturn,
    rating: mayReadRatingPhotos,
    ...inspectionFileReaders(inspections),
    responsibility_letter: mayReadLetter,
    credit_repair: mayReadRepair,
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
  await registerTourRoutes(app, deps);
  await app.register(notificationRoutes(db));
  await app.register(statisticsRoutes(db, deps.clock));
  await app.register(auditRoutes(db, { demo: deps.config.demo }));
  await registerPrivacy(app, deps);
  await registerCredit(app, deps);
  // 双随机: conflicts from the grid's responsible people (members, leader, 包保 official), per-grade ratios from
  // each business's credit grade.
  await registerDraws(app, deps, { responsiblesOf, gradesOf });
}
