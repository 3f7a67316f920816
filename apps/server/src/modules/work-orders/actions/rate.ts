import { loadSlaContext, startClock } from '../clocks.js';
import { closeStretch } from '../stretches.js';
import { toDepartment } from './notices.js';
import type { TActionDef } from './types.js';

/** The tourist rates the answer. Unsatisfied reopens the order once (重办), with a fresh resolution clock. */
export const rate: TActionDef<'rate'> = {
  command: 'work-order.rated',
  visibility: () => 'tourist',
  async effects(c, p) {
    const { o, tx, now } = c;
    const reopen = p.satisfaction === 'unsatisfied' && o.reopenCount === 0;
    const base = { satisfaction: p.satisfaction, satisfactionReason: p.reason ?? null };
    if (!reopen) {
      await closeStretch(c, 'closed');
      return { ...base, closedAt: now };
    }
    const due = await startClock(tx, await loadSlaContext(tx), o, 'resolution', now);
    if (o.departmentId)
      toDepartment(c, o.departmentId, 'reopened', `工单重办 ${o.trackingNo}`, `Order reopened ${o.trackingNo}`);
    return { ...base, resolutionDueAt: due, resolvedAt: null };
  },
  moreEntries: (c, p, saved) =>
    saved.status === 'handling'
      ? [
          {
            workOrderId: c.o.id,
            action: 'reopen',
            actorRole: 'system',
            note: p.reason ?? null,
            visibility: 'tourist',
            at: c.now,
          },
        ]
      : [],
};
