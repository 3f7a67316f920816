import type { FastifyInstance } from 'fastify';
import { registerDeadlineKind } from '../../platform/deadlines/index.js';
import { findCjkFont } from '../../platform/pdf.js';
import type { TModuleDeps } from '../deps.js';
import { createEvaluationService } from './credit.evaluation.js';
import {
  createListingService,
  LISTING_EXIT,
  listingExitHandler,
  OBJECTION_WINDOW,
  objectionWindowHandler,
  REPAIR_DECISION,
  repairDecisionHandler,
} from './credit.listing.js';
import {
  QUARTER_RATINGS,
  quarterAfter,
  quarterRatingsHandler,
  quarterStart,
  scheduleQuarterRatings,
  subscribeCreditLoop,
} from './credit.loop.js';
import { createPledgeService } from './credit.pledges.js';
import { creditRoutes } from './credit.routes.js';
import { createCreditService } from './credit.service.js';

export { gradesOf, recordCreditEvent, scoresOf, type TRecordCreditEvent } from './credit.events.js';
export { mayReadRepair } from './credit.listing.js';
export { recordQuarterRatings } from './credit.loop.js';

/**
 * Registers the credit module: its routes, its deadline kinds (objection window, listing exit, repair decision,
 * the quarter's ratings) and its subscription to the work-order commands (a founded complaint is an event).
 */
export async function registerCredit(app: FastifyInstance, deps: TModuleDeps) {
  const { db } = deps.database;
  registerDeadlineKind(OBJECTION_WINDOW, objectionWindowHandler);
  registerDeadlineKind(LISTING_EXIT, listingExitHandler);
  registerDeadlineKind(REPAIR_DECISION, repairDecisionHandler);
  registerDeadlineKind(QUARTER_RATINGS, quarterRatingsHandler);
  subscribeCreditLoop(deps.commands);
  const now = deps.clock.now();
  // The next quarter's rating job; upserted by kind and quarter, so restarts schedule it once.
  await db.transaction((tx) => scheduleQuarterRatings(tx, quarterAfter(quarterStart(now)), now));
  const service = createCreditService({ db, clock: deps.clock });
  const font = findCjkFont();
  if (!font)
    app.log.warn('No CJK font found: dishonest-list notices answer 503 until `apt-get install fonts-noto-cjk`');
  const listing = createListingService({ db, clock: deps.clock, font });
  const pledges = createPledgeService({ db, clock: deps.clock });
  const evaluation = createEvaluationService({ db, clock: deps.clock });
  await app.register(creditRoutes(service, listing, pledges, evaluation));
  return { service, listing, pledges, evaluation };
}
