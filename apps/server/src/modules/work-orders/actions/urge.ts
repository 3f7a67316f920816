import { orderRef, toDepartment } from './notices.js';
import type { TActionDef } from './types.js';

/** 督办: the dispatcher or a leader presses the department (internal: between handlers). */
export const urge: TActionDef<'urge'> = {
  command: 'work-order.urged',
  visibility: () => 'internal',
  async effects(c) {
    const { o } = c;
    if (o.departmentId) {
      toDepartment(c, o.departmentId, 'urged', `督办：${o.trackingNo}`, `Urged: ${o.trackingNo}`);
      c.outbox.notify(
        { role: 'department_head', departmentId: o.departmentId },
        { kind: 'urged', titleZh: `督办：${o.trackingNo}`, titleEn: `Urged: ${o.trackingNo}`, ...orderRef(c) },
      );
    }
    return {};
  },
};
