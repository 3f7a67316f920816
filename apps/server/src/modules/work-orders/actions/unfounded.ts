import { REFUSAL_GROUND_LABELS } from '@zhilv/contracts';
import { stopClock } from '../clocks.js';
import { decisionTaken } from '../decision-limits.js';
import { closeStretch, responded } from '../stretches.js';
import { toTourist } from './notices.js';
import type { TActionDef } from './types.js';

/**
 * 不予受理: the command center declines an order it may not take up, on one of the grounds of 旅游投诉处理办法
 * (REFUSAL_GROUNDS); the tourist is told the ground by text message and reads it on the portal (the entry and
 * the order's refusalGround). Not the same as 不属实, which a department finds when it resolves (resolve.ts).
 */
export const unfounded: TActionDef<'unfounded'> = {
  command: 'work-order.found-unfounded',
  visibility: () => 'tourist',
  async effects(c, p) {
    const { o, tx, now } = c;
    await stopClock(tx, o.id, 'response');
    await stopClock(tx, o.id, 'resolution');
    await responded(c);
    await decisionTaken(tx, o.id, now);
    await closeStretch(c, 'unfounded');
    const l = REFUSAL_GROUND_LABELS[p.ground];
    const why = p.reason ? `：${p.reason.slice(0, 60)}` : '';
    await toTourist(
      c,
      'refused',
      `工单 ${o.trackingNo} 不予受理，理由：${l.zh}${why}`,
      `Order ${o.trackingNo} was not accepted: ${l.en}.`,
    );
    return { closedAt: now, refusalGround: p.ground };
  },
};
