import { AppError } from '../../../platform/errors.js';
import { decisionTaken } from '../decision-limits.js';
import { handOver } from '../stretches.js';
import * as store from '../work-orders.store.js';
import { noPendingDispute, transferNotice } from './disputes.js';
import { toDepartment, toldOfTransfer } from './notices.js';
import type { TActionDef } from './types.js';

/**
 * 转办: the lead department hands the order to another; the reason is a note between handlers (internal), but the
 * tourist is told which department has the order now (32号令 §15: a text message and a tourist-visible entry).
 */
export const transfer: TActionDef<'transfer'> = {
  command: 'work-order.transferred',
  visibility: () => 'internal',
  async effects(c, p) {
    if (p.departmentId === c.o.departmentId) throw new AppError('same_department', 422, 'departmentId');
    const to = await store.activeDepartment(c.tx, p.departmentId);
    if (!to) throw new AppError('department_not_found', 422, 'departmentId');
    await noPendingDispute(c);
    const no = c.o.trackingNo;
    toDepartment(c, p.departmentId, 'transferred', `转办工单 ${no}`, `Transferred order ${no}`);
    // This department's stretch ends; the next one's acceptance clock starts now.
    const clock = await handOver(c, { holder: 'department', departmentId: p.departmentId }, 'transferred');
    await toldOfTransfer(c, to);
    // 转交 is one of the three decisions of the 5 working days
    await decisionTaken(c.tx, c.o.id, c.now);
    return { ...clock, departmentId: p.departmentId };
  },
  moreEntries: (c, p) => [transferNotice(c, p.departmentId)],
};
