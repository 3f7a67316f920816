import { AppError } from '../../../platform/errors.js';
import * as procedure from '../procedure.store.js';
import { handOver } from '../stretches.js';
import { noPendingDispute, withinReturnWindow } from './disputes.js';
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
    // The local rules (procedure_rules): a return within the window after this department got the order, and
    // not more often than the maximum — after that the command center's dispatch stands.
    await withinReturnWindow(c);
    await noPendingDispute(c);
    const rules = await procedure.getProcedureRules(c.tx);
    if ((await procedure.returnCount(c.tx, c.o.id)) >= rules.maxReturns)
      throw new AppError('return_limit', 422, undefined, { n: rules.maxReturns });
    c.outbox.notify(
      { role: 'dispatcher' },
      { kind: 'returned', titleZh: `工单被退回 ${no}`, titleEn: `Order returned ${no}`, ...orderRef(c) },
    );
    // Back with the command center, whose clock to dispatch again starts now.
    const clock = await handOver(c, { holder: 'command_center', departmentId: null }, 'returned');
    return { ...clock, departmentId: null, coDepartmentIds: [] };
  },
};
