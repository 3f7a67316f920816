import { AppError } from '../../../platform/errors.js';
import { recordCategoryCorrection } from '../corrections.service.js';
import { handOver } from '../stretches.js';
import * as store from '../work-orders.store.js';
import { toDepartment } from './notices.js';
import type { TActionDef } from './types.js';

/** 派单: the dispatcher sends a pending order to its lead department, optionally with co-departments. */
export const dispatch: TActionDef<'dispatch'> = {
  command: 'work-order.dispatched',
  visibility: () => 'tourist',
  async effects(c, p) {
    if (!(await store.departmentExists(c.tx, p.departmentId)))
      throw new AppError('department_not_found', 422, 'departmentId');
    for (const d of p.coDepartmentIds)
      if (!(await store.departmentExists(c.tx, d))) throw new AppError('department_not_found', 422, 'coDepartmentIds');
    const no = c.o.trackingNo;
    toDepartment(c, p.departmentId, 'dispatched', `新工单 ${no}`, `New work order ${no}`);
    for (const d of p.coDepartmentIds) toDepartment(c, d, 'co_dispatched', `协办工单 ${no}`, `Co-handling ${no}`);
    // A dispatcher who changes the category corrects the classifier: kept for review (never learnt by itself).
    if (p.category) await recordCategoryCorrection(c.tx, c.actor, c.o, p.category, c.now);
    // The command center's stretch ends with its dispatch; the department's acceptance clock starts now.
    const clock = await handOver(c, { holder: 'department', departmentId: p.departmentId }, 'dispatched');
    return {
      ...clock,
      departmentId: p.departmentId,
      coDepartmentIds: [...new Set(p.coDepartmentIds.filter((d) => d !== p.departmentId))],
      ...(p.category ? { category: p.category } : {}),
    };
  },
};
