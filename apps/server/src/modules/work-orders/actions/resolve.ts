import { stopClock } from '../clocks.js';
import { closeLiveTimeRequests } from '../procedure.store.js';
import { toTourist } from './notices.js';
import type { TActionDef } from './types.js';

/** 办结: the department's final answer; both clocks stop and the tourist is asked to rate. Audience as reply. */
export const resolve: TActionDef<'resolve'> = {
  command: 'work-order.resolved',
  visibility: (p) => p.audience ?? 'tourist',
  async effects(c, p) {
    const { o, tx, now } = c;
    await stopClock(tx, o.id, 'response');
    await stopClock(tx, o.id, 'resolution');
    // A request still open lapses with the answer; a running suspension ends with it.
    await closeLiveTimeRequests(tx, o.id, now);
    await toTourist(
      c,
      'resolved',
      `工单 ${o.trackingNo} 已办结，请评价。`,
      `Order ${o.trackingNo} is resolved; please rate the answer.`,
    );
    return { answer: p.text, resolvedAt: now, respondedAt: o.respondedAt ?? now };
  },
};
