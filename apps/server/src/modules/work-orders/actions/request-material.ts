import { AppError } from '../../../platform/errors.js';
import { loadSlaContext, policyFor } from '../clocks.js';
import * as procedure from '../procedure.store.js';
import { toTourist } from './notices.js';
import { pauseResolution } from './resolution-clock.js';
import type { TActionDef } from './types.js';

/** 补充材料: the department asks the tourist for more; the resolution clock pauses where the SLA policy says so. */
export const requestMaterial: TActionDef<'request_material'> = {
  command: 'work-order.material-requested',
  visibility: () => 'tourist',
  async effects(c, p) {
    const { o, tx } = c;
    // One hold at a time: a suspension (or a request for one) already decides the clock.
    if (await procedure.liveTimeRequest(tx, o.id)) throw new AppError('time_request_live', 422);
    await toTourist(
      c,
      'material',
      `工单 ${o.trackingNo} 需要您补充材料：${p.text}`,
      `Order ${o.trackingNo} needs more material.`,
    );
    const ctx = await loadSlaContext(tx);
    if (!policyFor(ctx, o.kind, o.category).pauseOnMaterial) return {};
    return pauseResolution(c);
  },
};
