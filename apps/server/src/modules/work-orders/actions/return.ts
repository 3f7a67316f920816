import { handOver } from '../stretches.js';
import { orderRef } from './notices.js';
import type { TActionDef } from './types.js';

/**
 * 退回: the department sends the order back to the dispatcher. Its reason is a note between handlers (internal):
 * the tourist sees the order go back to pending, not why a department said it was not theirs.
 */
export const returnOrder: TActionDef<'return'> = {
  command: 'work-order.returned',
  visibility: () => 'internal',
  async effects(c) {
    const no = c.o.trackingNo;
    c.outbox.notify(
      { role: 'dispatcher' },
      { kind: 'returned', titleZh: `工单被退回 ${no}`, titleEn: `Order returned ${no}`, ...orderRef(c) },
    );
    // Back with the command center, whose clock to dispatch again starts now.
    const clock = await handOver(c, { holder: 'command_center', departmentId: null }, 'returned');
    return { ...clock, departmentId: null, coDepartmentIds: [] };
  },
};
