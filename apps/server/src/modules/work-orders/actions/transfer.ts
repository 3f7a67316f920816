import { AppError } from '../../../platform/errors.js';
import { handOver } from '../stretches.js';
import * as store from '../work-orders.store.js';
import { toDepartment } from './notices.js';
import type { TActionDef } from './types.js';

/** 转办: the lead department hands the order to another; the reason is a note between handlers (internal). */
export const transfer: TActionDef<'transfer'> = {
  command: 'work-order.transferred',
  visibility: () => 'internal',
  async effects(c, p) {
    if (p.departmentId === c.o.departmentId) throw new AppError('same_department', 422, 'departmentId');
    if (!(await store.departmentExists(c.tx, p.departmentId)))
      throw new AppError('department_not_found', 422, 'departmentId');
    const no = c.o.trackingNo;
    toDepartment(c, p.departmentId, 'transferred', `转办工单 ${no}`, `Transferred order ${no}`);
    // This department's stretch ends; the next one's acceptance clock starts now.
    const clock = await handOver(c, { holder: 'department', departmentId: p.departmentId }, 'transferred');
    return { ...clock, departmentId: p.departmentId };
  },
};
