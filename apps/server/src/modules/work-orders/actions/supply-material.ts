import { attachFiles } from '../../files/index.js';
import { toDepartment } from './notices.js';
import { resumeResolution } from './resolution-clock.js';
import type { TActionDef } from './types.js';

/** The tourist supplies what was asked; a paused resolution clock resumes with the time it had left. */
export const supplyMaterial: TActionDef<'supply_material'> = {
  command: 'work-order.material-supplied',
  visibility: () => 'tourist',
  async effects(c, p) {
    const { o, tx } = c;
    await attachFiles(tx, c.actor, p.photoIds, 'work_order', o.id);
    if (o.departmentId)
      toDepartment(
        c,
        o.departmentId,
        'material',
        `游客已补充材料 ${o.trackingNo}`,
        `Material supplied ${o.trackingNo}`,
      );
    return { ...(await resumeResolution(c)), photoIds: [...o.photoIds, ...p.photoIds] };
  },
};
