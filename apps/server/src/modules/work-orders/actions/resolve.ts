import { stopClock } from '../clocks.js';
import { closeLiveTimeRequests } from '../procedure.store.js';
import { toTourist } from './notices.js';
import type { TActionDef } from './types.js';

/**
 * 办结: the department's final answer; both clocks stop and the tourist is asked to rate. Audience as reply. The
 * department records what it found: 属实 (founded, the default) or 不属实 (unfounded after investigation) — an
 * unfounded finding is told to the tourist as such and writes no credit event (credit.loop.ts).
 */
export const resolve: TActionDef<'resolve'> = {
  command: 'work-order.resolved',
  visibility: (p) => p.audience ?? 'tourist',
  async effects(c, p) {
    const { o, tx, now } = c;
    const finding = p.finding ?? 'founded';
    await stopClock(tx, o.id, 'response');
    await stopClock(tx, o.id, 'resolution');
    // A request still open lapses with the answer; a running suspension ends with it.
    await closeLiveTimeRequests(tx, o.id, now);
    if (finding === 'unfounded')
      await toTourist(
        c,
        'unfounded',
        `工单 ${o.trackingNo} 经核查反映情况不属实，已办结，请查看答复并评价。`,
        `Order ${o.trackingNo} was found unfounded after investigation; please read the answer and rate it.`,
      );
    else
      await toTourist(
        c,
        'resolved',
        `工单 ${o.trackingNo} 已办结，请评价。`,
        `Order ${o.trackingNo} is resolved; please rate the answer.`,
      );
    return { answer: p.text, finding, resolvedAt: now, respondedAt: o.respondedAt ?? now };
  },
};
