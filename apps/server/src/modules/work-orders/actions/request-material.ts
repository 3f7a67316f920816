import { loadSlaContext, policyFor, stopClock } from '../clocks.js';
import { toTourist } from './notices.js';
import type { TActionDef } from './types.js';

/** 补充材料: the department asks the tourist for more; the resolution clock pauses where the SLA policy says so. */
export const requestMaterial: TActionDef<'request_material'> = {
  command: 'work-order.material-requested',
  visibility: () => 'tourist',
  async effects(c, p) {
    const { o, tx, now } = c;
    await toTourist(
      c,
      'material',
      `工单 ${o.trackingNo} 需要您补充材料：${p.text}`,
      `Order ${o.trackingNo} needs more material.`,
    );
    const ctx = await loadSlaContext(tx);
    if (!policyFor(ctx, o.kind, o.category).pauseOnMaterial) return {};
    const timer = await stopClock(tx, o.id, 'resolution');
    return timer ? { pausedRemainingMs: Math.max(0, timer.deadlineAt.getTime() - now.getTime()) } : {};
  },
};
