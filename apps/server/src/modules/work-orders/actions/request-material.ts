import { loadSlaContext, policyFor, stopClock } from '../clocks.js';
import { pauseClock } from '../sla.js';
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
    const policy = policyFor(ctx, o.kind, o.category);
    if (!policy.pauseOnMaterial) return {};
    const timer = await stopClock(tx, o.id, 'resolution');
    if (!timer) return {};
    // The remainder in the policy's own measure (working time for working days), and the clock's own start.
    const { remainingMs } = pauseClock({ due: timer.deadlineAt }, now, policy.resolution.unit, ctx.calendar);
    return { pausedRemainingMs: remainingMs, pausedStartAt: timer.startAt };
  },
};
