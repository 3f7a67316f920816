import { toTourist } from './notices.js';
import type { TActionDef } from './types.js';

/**
 * 答复: the department answers the tourist. Addressed to the tourist; the department may choose to show the
 * business as well (audience all) — by default a business does not read what was said about it to the tourist.
 */
export const reply: TActionDef<'reply'> = {
  command: 'work-order.replied',
  visibility: (p) => p.audience ?? 'tourist',
  async effects(c, p) {
    const no = c.o.trackingNo;
    await toTourist(c, 'reply', `工单 ${no} 有新的答复：${p.text.slice(0, 60)}`, `Order ${no} has a new answer.`);
    return { answer: p.text };
  },
};
