import { AppError } from '../../../platform/errors.js';
import { stopClock } from '../clocks.js';
import { businessAnswered, decisionTaken } from '../decision-limits.js';
import { closeStretch, responded } from '../stretches.js';
import { can } from '../work-orders.policy.js';
import * as store from '../work-orders.store.js';
import type { TActionDef } from './types.js';

/** 合并: a duplicate joins the order it repeats; its clocks stop and the other order's timeline says so. */
export const merge: TActionDef<'merge'> = {
  command: 'work-order.merged',
  visibility: () => 'internal',
  async effects(c, p) {
    const { o, tx, now } = c;
    if (p.intoId === o.id) throw new AppError('merge_self', 422, 'intoId');
    const into = await store.lockWorkOrder(tx, p.intoId);
    if (!into || !can(c.actor, 'view', into) || into.status === 'merged')
      throw new AppError('not_found', 404, 'intoId');
    await store.insertEvents(tx, [
      {
        workOrderId: into.id,
        action: 'merge',
        actorId: c.actor.id,
        actorRole: c.actor.role,
        note: `← ${o.trackingNo}`,
        visibility: 'internal',
        at: now,
      },
    ]);
    await stopClock(tx, o.id, 'response');
    await stopClock(tx, o.id, 'resolution');
    await responded(c);
    await decisionTaken(tx, o.id, now);
    await businessAnswered(tx, o.id, now);
    await closeStretch(c, 'merged');
    return { mergedIntoId: into.id, closedAt: now };
  },
};
