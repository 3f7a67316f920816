// biome-ignore-all assist/source/organizeImports: the tables are exported first, on purpose (below)
/**
 * Grids (网格) and responsibility letters (责任状). Tables first: master data joins `grids` for a business's grid
 * name, and ES modules evaluate in import order — a cycle would otherwise meet the table uninitialised.
 */
export { businessGuarantors, gridMembers, grids, letterTemplates, responsibilityLetters } from './grids.tables.js';
export { gridNamesByIds } from './grids.store.js';
export { gridHeadsOf, gridScopeOf, responsiblesOf } from './grids.service.js';
export { LETTER_EXPIRY } from './letters.service.js';

import type { FastifyInstance } from 'fastify';
import type { TModuleDeps } from '../deps.js';
import { registerDeadlineKind } from '../../platform/deadlines/index.js';
import { findCjkFont } from '../../platform/pdf.js';
import { gridRoutes } from './grids.routes.js';
import { createGridsService } from './grids.service.js';
import { letterRoutes } from './letters.routes.js';
import { createLettersService, LETTER_EXPIRY as EXPIRY, letterExpiryHandler } from './letters.service.js';

export { mayReadLetter } from './letters.service.js';

/** Registers the grid and letter routes and the letters' expiry reminder; answers both services (tests). */
export async function registerGrids(app: FastifyInstance, deps: TModuleDeps) {
  registerDeadlineKind(EXPIRY, letterExpiryHandler);
  const db = deps.database.db;
  const grids = createGridsService({ db, clock: deps.clock });
  const letters = createLettersService({ db, clock: deps.clock, font: findCjkFont() });
  await app.register(gridRoutes(grids, { db, clock: deps.clock }));
  await app.register(letterRoutes(letters));
  return { grids, letters };
}
