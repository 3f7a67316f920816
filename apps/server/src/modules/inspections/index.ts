import type { FastifyInstance } from 'fastify';
import type { TExecutor } from '../../db/client.js';
import type { TActor } from '../../platform/actor.js';
import { registerDeadlineKind } from '../../platform/deadlines/index.js';
import { AppError } from '../../platform/errors.js';
import { findCjkFont } from '../../platform/pdf.js';
import type { TModuleDeps } from '../deps.js';
import { interviewFollowUpHandler, rectificationHandler, type TGridHeadsOf } from './inspections.deadlines.js';
import type { TGridScope } from './inspections.policy.js';
import { inspectionRoutes } from './inspections.routes.js';
import {
  createInspectionsService,
  INTERVIEW_FOLLOW_UP,
  RECTIFICATION_DEADLINE,
  type TInspectionsService,
} from './inspections.service.js';

export type { THazardFacts, TInspectionSubmittedFacts } from './inspections.commands.js';
export type { TGridScope } from './inspections.policy.js';
export { INTERVIEW_FOLLOW_UP, RECTIFICATION_DEADLINE, type TInspectionsService } from './inspections.service.js';

export type TInspectionsWiring = {
  /** the grids module's gridScopeOf(db, userId) */
  gridScope: (db: TExecutor, userId: string) => Promise<TGridScope>;
  /** who heads a grid (told when its hazards lapse) */
  gridHeadsOf: TGridHeadsOf;
};

/** Registers checklists, inspections, hazards (with their deadlines), the ledger, statistics and interviews. */
export async function registerInspections(app: FastifyInstance, deps: TModuleDeps, wiring: TInspectionsWiring) {
  registerDeadlineKind(RECTIFICATION_DEADLINE, rectificationHandler(deps.commands, wiring.gridHeadsOf));
  registerDeadlineKind(INTERVIEW_FOLLOW_UP, interviewFollowUpHandler());
  const service = createInspectionsService({
    db: deps.database.db,
    clock: deps.clock,
    events: deps.events,
    commands: deps.commands,
    gridScope: wiring.gridScope,
  });
  const font = findCjkFont();
  if (!font) app.log.warn('No CJK font found: rectification orders answer 503 until `apt-get install fonts-noto-cjk`');
  await app.register(inspectionRoutes(service, { font, now: () => deps.clock.now() }));
  return service;
}

/** For the files module: photos attached to an inspection or a hazard are readable by whoever may view it. */
export function inspectionFileReaders(service: TInspectionsService) {
  const may = (get: (a: TActor, id: string) => Promise<unknown>) => async (_db: unknown, actor: TActor, id: string) => {
    try {
      await get(actor, id);
      return true;
    } catch (e) {
      // Out of reach (404) reads as "may not"; anything else is a fault and stays one.
      if (e instanceof AppError && e.status === 404) return false;
      throw e;
    }
  };
  return { inspection: may(service.getInspection), hazard: may(service.getHazard) };
}
