import type { FastifyInstance } from 'fastify';
import type { TActor } from '../../platform/actor.js';
import { findCjkFont } from '../../platform/pdf.js';
import type { TModuleDeps } from '../deps.js';
import { mayReadWorkOrder } from '../work-orders/index.js';
import { canRating } from './ratings.policy.js';
import { ratingRoutes } from './ratings.routes.js';
import { createRatingService } from './ratings.service.js';
import { getRating } from './ratings.store.js';

/** The CJK font the rating sheets print with; responsibility letters (grids) print with the same one. */
export {
  getQuarterRatingTotals,
  getRatingSummaries,
  type TRatingSummary,
  type TRatingTargetType,
} from './rating-summaries.store.js';
export { issueCodes as issueRatingCodes, newRatingCode } from './ratings.store.js';

/** Registers the rating routes (服务评价二维码); answers the service (the files module asks it about photos). */
export async function registerRatings(app: FastifyInstance, deps: TModuleDeps) {
  const service = createRatingService({ db: deps.database.db, clock: deps.clock, mayReadWorkOrder });
  const font = findCjkFont();
  if (!font)
    app.log.warn('No CJK font found: rating-code sheets answer 503 until `apt-get install fonts-noto-cjk` is run');
  await app.register(ratingRoutes(service, { font, publicBaseUrl: deps.config.publicBaseUrl }));
  return service;
}

/** For the files module: may this actor see photos attached to this rating? */
export async function mayReadRatingPhotos(db: TModuleDeps['database']['db'], actor: TActor, id: string) {
  const r = await getRating(db, id);
  return !!r && canRating(actor, 'read_photos', r);
}
