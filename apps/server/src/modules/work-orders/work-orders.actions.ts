import {
  FINDING_LABELS,
  FOLLOW_UP_RESULT_LABELS,
  REFUSAL_GROUND_LABELS,
  type TLocale,
  type TWorkOrderDetail,
} from '@zhilv/contracts';
import type { TActor } from '../../platform/actor.js';
import { ACTIONS, type TActionDef, type TActionName, type TActionPayload } from './actions/index.js';
import { nextStatus, type TTransition } from './state-machine.js';
import type { TWorkOrderCommandFacts } from './work-orders.commands.js';
import { can } from './work-orders.policy.js';
import { liveOrderEvent, type TWorkOrderDeps } from './work-orders.service.js';
import * as store from './work-orders.store.js';
import { toDetail } from './work-orders.view.js';

export type { TActionPayload } from './actions/index.js';

/** The note an action's timeline entry carries: its reason, its text, the dispatcher's note, the rating. */
const noteOf = (p: TActionPayload): string | null => {
  // 不予受理 names its ground (both languages, as the tourist reads it) and the dispatcher's words, if any
  if (p.action === 'unfounded') {
    const l = REFUSAL_GROUND_LABELS[p.ground];
    return p.reason ? `${l.zh} ${l.en}：${p.reason}` : `${l.zh} ${l.en}`;
  }
  // an answer found unfounded (不属实) says so before the answer
  if (p.action === 'resolve' && p.finding === 'unfounded') {
    const l = FINDING_LABELS.unfounded;
    return `【${l.zh} ${l.en}】${p.text}`;
  }
  if ('reason' in p && p.reason) return p.reason;
  if ('text' in p) return p.text;
  if ('note' in p && p.action !== 'follow_up') return p.note || null;
  if (p.action === 'rate') return p.satisfaction;
  if (p.action === 'follow_up') {
    const l = FOLLOW_UP_RESULT_LABELS[p.result];
    return `${l.zh} ${l.en}：${p.note}`;
  }
  return null;
};

const factsOf = (before: store.TWorkOrderRow, after: store.TWorkOrderRow, at: Date): TWorkOrderCommandFacts => ({
  workOrderId: after.id,
  trackingNo: after.trackingNo,
  kind: after.kind,
  category: after.category,
  businessId: after.businessId,
  departmentId: after.departmentId,
  statusBefore: before.status,
  statusAfter: after.status,
  satisfaction: after.satisfaction,
  finding: after.finding,
  at,
});

/**
 * One action on one order, through the command runner (platform/commands): lock the order, the policy's `can`,
 * the state machine's next status, the action's own effects (actions/<action>.ts), the update, the timeline, the
 * audit entry, the subscribers' hooks and the notices in one transaction; the live event after the commit.
 */
export function act(
  deps: TWorkOrderDeps,
  actor: TActor,
  id: string,
  p: TActionPayload,
  lang: TLocale,
): Promise<TWorkOrderDetail> {
  // ACTIONS' mapped type pairs each action with its own payload; TypeScript cannot follow that pairing through the
  // union p.action, so the definition is read as one over all payloads (which p is).
  const def = ACTIONS[p.action] as unknown as TActionDef<TActionName>;
  let now = new Date(0);
  return deps.commands.run({
    name: def.command,
    actor,
    lock: (tx) => store.lockWorkOrder(tx, id),
    authorize: (o) => ({ view: can(actor, 'view', o), act: can(actor, p.action, o) }),
    transition: (o, at) =>
      nextStatus(o, p.action, {
        now: at,
        departmentId: 'departmentId' in p ? p.departmentId : undefined,
        uphold: p.action === 'review_dispute' ? p.decision === 'uphold' : undefined,
        satisfaction:
          p.action === 'rate'
            ? p.satisfaction
            : p.action === 'follow_up' && p.result !== 'unreachable'
              ? p.result
              : undefined,
      }),
    async write(c, o, next: TTransition) {
      now = c.now;
      const fields = await def.effects({ ...c, o, deps }, p);
      return store.updateWorkOrder(c.tx, o.id, {
        ...fields,
        status: next.status,
        reopenCount: next.reopenCount,
        urgeCount: next.urgeCount,
        updatedAt: c.now,
      });
    },
    async timeline(c, o, saved) {
      const own: store.TEventInsert = {
        workOrderId: o.id,
        action: p.action,
        actorId: actor.id,
        actorRole: actor.role,
        departmentId: p.action === 'dispatch' || p.action === 'transfer' ? p.departmentId : actor.departmentId,
        note: noteOf(p),
        visibility: def.visibility(p),
        at: c.now,
      };
      await store.insertEvents(c.tx, [own, ...(def.moreEntries?.({ ...c, o, deps }, p, saved) ?? [])]);
    },
    audit: (o, saved) => ({
      action: `work_order.${p.action}`,
      objectType: 'work_order',
      objectId: o.id,
      before: { status: o.status, departmentId: o.departmentId },
      after: { status: saved.status, departmentId: saved.departmentId },
    }),
    facts: (o, saved) => factsOf(o, saved, now),
    publish: (saved) => [liveOrderEvent(saved)],
    answer: (c, saved) => toDetail(c.tx, saved, actor, lang),
  });
}
