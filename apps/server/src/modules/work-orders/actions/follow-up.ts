import { loadSlaContext, startClock } from '../clocks.js';
import { closeStretch } from '../stretches.js';
import { toDepartment } from './notices.js';
import type { TActionDef } from './types.js';

/**
 * 回访: the command center has called whoever filed an order without a portal tourist (a hotline call, the
 * suggestion box, a grid report) and records the result. It counts as their rating: unsatisfied reopens the order
 * once (重办) like a tourist's rating; unreachable closes it as not rated (no satisfaction recorded).
 */
export const followUp: TActionDef<'follow_up'> = {
  command: 'work-order.followed-up',
  visibility: () => 'tourist',
  async effects(c, p) {
    const { o, tx, now } = c;
    const satisfaction = p.result === 'unreachable' ? null : p.result;
    const base = { satisfaction, satisfactionReason: p.note };
    if (!(p.result === 'unsatisfied' && o.reopenCount === 0)) {
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
      ? [{ workOrderId: c.o.id, action: 'reopen', actorRole: 'system', note: p.note, visibility: 'tourist', at: c.now }]
      : [],
};
