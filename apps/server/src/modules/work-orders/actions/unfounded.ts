import { stopClock } from '../clocks.js';
import { closeStretch, responded } from '../stretches.js';
import { toTourist } from './notices.js';
import type { TActionDef } from './types.js';

/** 不予受理: the dispatcher closes an order that does not hold; the tourist is told why. */
export const unfounded: TActionDef<'unfounded'> = {
  command: 'work-order.found-unfounded',
  visibility: () => 'tourist',
  async effects(c, p) {
    const { o, tx, now } = c;
    await stopClock(tx, o.id, 'response');
    await stopClock(tx, o.id, 'resolution');
    await responded(c);
    await closeStretch(c, 'unfounded');
    await toTourist(
      c,
      'unfounded',
      `工单 ${o.trackingNo} 经核实不予受理：${p.reason.slice(0, 60)}`,
      `Order ${o.trackingNo} was closed as unfounded.`,
    );
    return { closedAt: now };
  },
};
