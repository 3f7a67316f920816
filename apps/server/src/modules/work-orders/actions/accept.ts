import { stopClock } from '../clocks.js';
import { decisionTaken } from '../decision-limits.js';
import { responded } from '../stretches.js';
import { toTourist } from './notices.js';
import type { TActionDef } from './types.js';

/** 受理: the lead department takes the order; the response clock stops and the tourist is told (once). */
export const accept: TActionDef<'accept'> = {
  command: 'work-order.accepted',
  visibility: () => 'tourist',
  async effects(c) {
    const { o } = c;
    await stopClock(c.tx, o.id, 'response');
    await responded(c);
    await decisionTaken(c.tx, o.id, c.now);
    if (!o.respondedAt)
      await toTourist(
        c,
        'accepted',
        `您的诉求 ${o.trackingNo} 已受理。`,
        `Your appeal ${o.trackingNo} is being handled.`,
      );
    return { respondedAt: o.respondedAt ?? c.now };
  },
};
