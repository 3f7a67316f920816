import { AppError } from '../../../platform/errors.js';
import * as procedure from '../procedure.store.js';
import { handOver } from '../stretches.js';
import * as store from '../work-orders.store.js';
import { orderRef, toDepartment, toldOfTransfer } from './notices.js';
import type { TActionCtx, TActionDef } from './types.js';

/** A return is possible within the local window after this department got the order (procedure_rules). */
export async function withinReturnWindow(c: TActionCtx) {
  const rules = await procedure.getProcedureRules(c.tx);
  const held = await procedure.openStretch(c.tx, c.o.id);
  if (held && c.now.getTime() - held.startedAt.getTime() > rules.returnWindowHours * 3_600_000)
    throw new AppError('return_window_closed', 422, undefined, { hours: rules.returnWindowHours });
}

/** While the command center reviews a dispute, the order does not leave its department by another way. */
export async function noPendingDispute(c: TActionCtx) {
  if (await procedure.pendingDispute(c.tx, c.o.id)) throw new AppError('dispute_pending', 422);
}

/**
 * 派单异议: the lead department says the order was wrongly dispatched. Within the return window, one at a time;
 * the order stays with the department (its acceptance and resolution clocks run on) until the command center
 * reviews the dispute. The reason is between handlers.
 */
export const dispute: TActionDef<'dispute'> = {
  command: 'work-order.disputed',
  visibility: () => 'internal',
  async effects(c, p) {
    await withinReturnWindow(c);
    await noPendingDispute(c);
    await procedure.insertDispute(c.tx, {
      workOrderId: c.o.id,
      departmentId: c.o.departmentId!,
      reason: p.reason,
      requestedBy: c.actor.id,
      requestedAt: c.now,
    });
    const no = c.o.trackingNo;
    c.outbox.notify(
      { role: 'dispatcher' },
      { kind: 'disputed', titleZh: `派单异议待审核 ${no}`, titleEn: `Dispatch disputed ${no}`, ...orderRef(c) },
    );
    return {};
  },
};

/**
 * 派单异议审核: the command center upholds the dispatch — the order stays with the same department, the dispute
 * recorded, its clocks not reset — or accepts the dispute and re-dispatches the order to another department, whose
 * acceptance clock starts now; the tourist is told where the order went (32号令 §15).
 */
export const reviewDispute: TActionDef<'review_dispute'> = {
  command: 'work-order.dispute-reviewed',
  visibility: () => 'internal',
  async effects(c, p) {
    const { o, tx, now } = c;
    const d = await procedure.pendingDispute(tx, o.id);
    if (!d) throw new AppError('dispute_none', 422);
    const decided = { decidedBy: c.actor.id, decidedAt: now, decisionNote: p.note };
    const no = o.trackingNo;
    if (p.decision === 'uphold') {
      await procedure.decideDispute(tx, d.id, { ...decided, status: 'upheld' });
      toDepartment(c, d.departmentId, 'dispute_upheld', `派单异议未通过 ${no}`, `Dispatch upheld ${no}`);
      return {};
    }
    if (p.departmentId === o.departmentId) throw new AppError('same_department', 422, 'departmentId');
    const to = await store.activeDepartment(tx, p.departmentId);
    if (!to) throw new AppError('department_not_found', 422, 'departmentId');
    for (const co of p.coDepartmentIds)
      if (!(await store.departmentExists(tx, co))) throw new AppError('department_not_found', 422, 'coDepartmentIds');
    await procedure.decideDispute(tx, d.id, { ...decided, status: 'accepted', redispatchedTo: p.departmentId });
    toDepartment(c, d.departmentId, 'dispute_accepted', `派单异议已通过 ${no}`, `Dispute accepted ${no}`);
    toDepartment(c, p.departmentId, 'dispatched', `新工单 ${no}`, `New work order ${no}`);
    for (const co of p.coDepartmentIds) toDepartment(c, co, 'co_dispatched', `协办工单 ${no}`, `Co-handling ${no}`);
    const clock = await handOver(c, { holder: 'department', departmentId: p.departmentId }, 'redispatched');
    await toldOfTransfer(c, to);
    return {
      ...clock,
      departmentId: p.departmentId,
      coDepartmentIds: [...new Set(p.coDepartmentIds.filter((x) => x !== p.departmentId))],
    };
  },
  moreEntries: (c, p) => (p.decision === 'redispatch' ? [transferNotice(c, p.departmentId)] : []),
};

/** The tourist-visible entry of a transfer or re-dispatch: the new department, by name (timeline's department). */
export const transferNotice = (c: TActionCtx, departmentId: string) => ({
  workOrderId: c.o.id,
  action: 'transfer_notice',
  actorRole: 'system',
  departmentId,
  note: null,
  visibility: 'tourist' as const,
  at: c.now,
});
