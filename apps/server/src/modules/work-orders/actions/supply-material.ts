import { attachFiles } from '../../files/index.js';
import { scheduleFrom } from '../clocks.js';
import { nextStage } from '../sla.js';
import { toDepartment } from './notices.js';
import type { TActionDef } from './types.js';

/** The tourist supplies what was asked; a paused resolution clock resumes with the time it had left. */
export const supplyMaterial: TActionDef<'supply_material'> = {
  command: 'work-order.material-supplied',
  visibility: () => 'tourist',
  async effects(c, p) {
    const { o, tx, now } = c;
    await attachFiles(tx, c.actor, p.photoIds, 'work_order', o.id);
    if (o.departmentId)
      toDepartment(
        c,
        o.departmentId,
        'material',
        `游客已补充材料 ${o.trackingNo}`,
        `Material supplied ${o.trackingNo}`,
      );
    if (o.pausedRemainingMs == null || !o.resolutionDueAt) return {};
    // Resume: shift the whole clock by the pause, so stages already fired stay behind us.
    const deadline = new Date(now.getTime() + o.pausedRemainingMs);
    const shift = deadline.getTime() - o.resolutionDueAt.getTime();
    const start = new Date(o.createdAt.getTime() + shift);
    let after: string | null = null;
    for (let s = nextStage(start, deadline, null); s && s.at <= now; s = nextStage(start, deadline, s.stage))
      after = s.stage;
    await scheduleFrom(tx, o.id, 'resolution', start, deadline, after);
    return { pausedRemainingMs: null, resolutionDueAt: deadline, photoIds: [...o.photoIds, ...p.photoIds] };
  },
};
