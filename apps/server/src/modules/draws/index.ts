import type { FastifyInstance } from 'fastify';
import type { TExecutor } from '../../db/client.js';
import type { TActor } from '../../platform/actor.js';
import { SYSTEM_ACTOR } from '../../platform/actor.js';
import { systemClock } from '../../platform/clock.js';
import { registerDeadlineKind } from '../../platform/deadlines/index.js';
import { notFound } from '../../platform/errors.js';
import type { TModuleDeps } from '../deps.js';
import type {} from '../inspections/index.js';
import { INSPECT_DEADLINE, inspectHandler, PUBLISH_DEADLINE, publishHandler } from './draws.deadlines.js';
import { drawRoutes } from './draws.routes.js';
import { complete, createDrawService, type TGradesOf, type TResponsiblesOf } from './draws.service.js';
import { lockTask } from './draws.store.js';

export type { TGradesOf, TResponsiblesOf } from './draws.service.js';
export { createDrawService, type TDrawService } from './draws.service.js';
export { drawPlanNamesByIds } from './draws.store.js';

/** Registers 双随机、一公开; conflicts and grades come from the modules that own them (wired in modules/index.ts). */
export async function registerDraws(
  app: FastifyInstance,
  deps: TModuleDeps,
  sources: { responsiblesOf: TResponsiblesOf; gradesOf: TGradesOf },
) {
  registerDeadlineKind(INSPECT_DEADLINE, inspectHandler);
  registerDeadlineKind(PUBLISH_DEADLINE, publishHandler);
  const service = createDrawService({ db: deps.database.db, clock: deps.clock, events: deps.events, ...sources });
  await app.register(drawRoutes(service));
  // An inspection done for a draw task completes the task, in the inspection's own transaction.
  deps.commands.onCommand('inspection.submitted', async ({ tx, facts, actor, now }) => {
    if (!facts.drawTaskId) return;
    const failed = facts.failedItems.length;
    await completeDrawTask(tx, {
      taskId: facts.drawTaskId,
      inspectionId: facts.inspectionId,
      result: failed ? 'rectify' : 'compliant',
      problems: failed
        ? `不合格 ${failed} 项 / ${failed} items failed: ${facts.failedItems.map((i) => i.key).join(', ')}`
        : '',
      handling: failed ? `责令限期整改 / ordered to rectify by a deadline (${facts.failedItems.length})` : '',
      inspectedAt: facts.submittedAt,
      actor,
      now,
    });
  });
  return service;
}

/**
 * For the inspections module: an inspection submitted for a draw task completes the task, in the inspection's
 * transaction (so the task is done exactly when the inspection exists). Answers 404 for an unknown task and 409
 * for one already done.
 */
export async function completeDrawTask(
  tx: TExecutor,
  input: {
    taskId: string;
    inspectionId: string;
    result: 'compliant' | 'rectify' | 'referred' | 'not_found';
    problems: string;
    handling: string;
    inspectedAt: Date;
    /** who submitted the inspection (for the audit entry); the system when not given */
    actor?: TActor;
    now?: Date;
  },
) {
  const t = await lockTask(tx, input.taskId);
  if (!t) throw notFound();
  const { actor = SYSTEM_ACTOR, now = systemClock.now(), taskId: _t, ...r } = input;
  return complete(tx, t, r, actor, now);
}
