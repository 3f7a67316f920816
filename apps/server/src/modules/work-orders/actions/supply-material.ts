import { attachFiles } from '../../files/index.js';
import { loadSlaContext, policyFor, scheduleFrom } from '../clocks.js';
import { nextStage, resumeClock } from '../sla.js';
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
    // Resume: the remainder back in the policy's measure, and the whole clock — from its own start, which for a
    // reopened order is the reopen — shifted with the deadline, so stages already fired stay behind us.
    const ctx = await loadSlaContext(tx);
    const unit = policyFor(ctx, o.kind, o.category).resolution.unit;
    const deadline = resumeClock(o.pausedRemainingMs, now, unit, ctx.calendar);
    const shift = deadline.getTime() - o.resolutionDueAt.getTime();
    // Orders paused before the clock's start was kept (migration 0023) fall back to creation, as before.
    const start = new Date((o.pausedStartAt ?? o.createdAt).getTime() + shift);
    let after: string | null = null;
    for (let s = nextStage(start, deadline, null); s && s.at <= now; s = nextStage(start, deadline, s.stage))
      after = s.stage;
    await scheduleFrom(tx, o.id, 'resolution', start, deadline, after);
    return {
      pausedRemainingMs: null,
      pausedStartAt: null,
      resolutionDueAt: deadline,
      photoIds: [...o.photoIds, ...p.photoIds],
    };
  },
};
