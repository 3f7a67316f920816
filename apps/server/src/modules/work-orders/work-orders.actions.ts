import type { TLocale, TSatisfaction, TWorkOrderDetail } from '@zhilv/contracts';
import { eq } from 'drizzle-orm';
import type { TTx } from '../../db/client.js';
import type { TActor } from '../../platform/actor.js';
import { writeAudit } from '../../platform/audit.js';
import { AppError, notFound } from '../../platform/errors.js';
import { createOutbox, type TOutbox } from '../../platform/notify.js';
import { users } from '../accounts/accounts.tables.js';
import { attachFiles } from '../files/index.js';
import { loadSlaContext, policyFor, scheduleFrom, startClock, stopClock } from './clocks.js';
import { recordCategoryCorrection } from './corrections.service.js';
import { nextStage } from './sla.js';
import { nextStatus } from './state-machine.js';
import { canView, mayAct } from './work-orders.policy.js';
import { liveOrderEvent, type TWorkOrderDeps } from './work-orders.service.js';
import * as store from './work-orders.store.js';
import { toDetail } from './work-orders.view.js';

export type TActionPayload =
  | { action: 'dispatch'; departmentId: string; coDepartmentIds: string[]; note: string; category?: string }
  | { action: 'accept' }
  | { action: 'return'; reason: string }
  | { action: 'transfer'; departmentId: string; reason: string }
  | { action: 'request_material'; text: string }
  | { action: 'supply_material'; text: string; photoIds: string[] }
  | { action: 'involve_business'; text: string }
  | { action: 'business_reply'; text: string }
  | { action: 'reply'; text: string }
  | { action: 'resolve'; text: string }
  | { action: 'rate'; satisfaction: TSatisfaction; reason?: string }
  | { action: 'urge'; reason: string }
  | { action: 'merge'; intoId: string }
  | { action: 'unfounded'; reason: string };

type TCtx = { tx: TTx; actor: TActor; o: store.TWorkOrderRow; now: Date; outbox: TOutbox; deps: TWorkOrderDeps };

const order = (o: store.TWorkOrderRow) => ({ objectType: 'work_order', objectId: o.id });
const toTourist = async (c: TCtx, template: string, zh: string, en: string) => {
  const phone = c.o.reporterUserId
    ? (await c.tx.select({ phone: users.phone }).from(users).where(eq(users.id, c.o.reporterUserId)))[0]?.phone
    : c.o.contactPhone;
  if (phone) await c.deps.sms.send(c.tx, phone, template, `【智旅】${zh} ${en}`);
};
const toDepartment = (c: TCtx, departmentId: string, kind: string, zh: string, en: string) =>
  c.outbox.notify({ role: 'department_staff', departmentId }, { kind, titleZh: zh, titleEn: en, ...order(c.o) });

/** Side effects of each action beyond the status change: fields, clocks, notices. Returns the fields to set. */
async function effects(c: TCtx, p: TActionPayload): Promise<Partial<store.TWorkOrderInsert>> {
  const { tx, o, now } = c;
  const no = o.trackingNo;
  switch (p.action) {
    case 'dispatch': {
      if (!(await store.departmentExists(tx, p.departmentId)))
        throw new AppError('department_not_found', 422, 'departmentId');
      for (const d of p.coDepartmentIds)
        if (!(await store.departmentExists(tx, d))) throw new AppError('department_not_found', 422, 'coDepartmentIds');
      toDepartment(c, p.departmentId, 'dispatched', `新工单 ${no}`, `New work order ${no}`);
      for (const d of p.coDepartmentIds) toDepartment(c, d, 'co_dispatched', `协办工单 ${no}`, `Co-handling ${no}`);
      // A dispatcher who changes the category corrects the classifier: kept for review (never learnt by itself).
      if (p.category) await recordCategoryCorrection(tx, c.actor, o, p.category, now);
      return {
        departmentId: p.departmentId,
        coDepartmentIds: [...new Set(p.coDepartmentIds.filter((d) => d !== p.departmentId))],
        ...(p.category ? { category: p.category } : {}),
      };
    }
    case 'accept':
      await stopClock(tx, o.id, 'response');
      if (!o.respondedAt)
        await toTourist(c, 'accepted', `您的诉求 ${no} 已受理。`, `Your appeal ${no} is being handled.`);
      return { respondedAt: o.respondedAt ?? now };
    case 'return':
      c.outbox.notify(
        { role: 'dispatcher' },
        { kind: 'returned', titleZh: `工单被退回 ${no}`, titleEn: `Order returned ${no}`, ...order(o) },
      );
      return { departmentId: null, coDepartmentIds: [] };
    case 'transfer':
      if (p.departmentId === o.departmentId) throw new AppError('same_department', 422, 'departmentId');
      if (!(await store.departmentExists(tx, p.departmentId)))
        throw new AppError('department_not_found', 422, 'departmentId');
      toDepartment(c, p.departmentId, 'transferred', `转办工单 ${no}`, `Transferred order ${no}`);
      return { departmentId: p.departmentId };
    case 'request_material': {
      await toTourist(c, 'material', `工单 ${no} 需要您补充材料：${p.text}`, `Order ${no} needs more material.`);
      const ctx = await loadSlaContext(tx);
      if (!policyFor(ctx, o.kind, o.category).pauseOnMaterial) return {};
      const timer = await stopClock(tx, o.id, 'resolution');
      return timer ? { pausedRemainingMs: Math.max(0, timer.deadlineAt.getTime() - now.getTime()) } : {};
    }
    case 'supply_material': {
      await attachFiles(tx, c.actor, p.photoIds, 'work_order', o.id);
      if (o.departmentId)
        toDepartment(c, o.departmentId, 'material', `游客已补充材料 ${no}`, `Material supplied ${no}`);
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
    }
    case 'involve_business': {
      if (!o.businessId) throw new AppError('business_not_found', 422, 'businessId');
      const accounts = await tx.select({ id: users.id }).from(users).where(eq(users.businessId, o.businessId));
      for (const a of accounts)
        c.outbox.notify(
          { userId: a.id },
          { kind: 'involved', titleZh: `请答复工单 ${no}`, titleEn: `Please answer order ${no}`, ...order(o) },
        );
      return { businessInvolved: true };
    }
    case 'business_reply':
      if (o.departmentId)
        toDepartment(c, o.departmentId, 'business_reply', `商户已答复 ${no}`, `Business answered ${no}`);
      return {};
    case 'reply':
      await toTourist(c, 'reply', `工单 ${no} 有新的答复：${p.text.slice(0, 60)}`, `Order ${no} has a new answer.`);
      return { answer: p.text };
    case 'resolve':
      await stopClock(tx, o.id, 'response');
      await stopClock(tx, o.id, 'resolution');
      await toTourist(c, 'resolved', `工单 ${no} 已办结，请评价。`, `Order ${no} is resolved; please rate the answer.`);
      return { answer: p.text, resolvedAt: now, respondedAt: o.respondedAt ?? now };
    case 'rate': {
      const reopen = p.satisfaction === 'unsatisfied' && o.reopenCount === 0;
      const base = { satisfaction: p.satisfaction, satisfactionReason: p.reason ?? null };
      if (!reopen) return { ...base, closedAt: now };
      const due = await startClock(tx, await loadSlaContext(tx), o, 'resolution', now);
      if (o.departmentId) toDepartment(c, o.departmentId, 'reopened', `工单重办 ${no}`, `Order reopened ${no}`);
      return { ...base, resolutionDueAt: due, resolvedAt: null };
    }
    case 'urge':
      if (o.departmentId) {
        toDepartment(c, o.departmentId, 'urged', `督办：${no}`, `Urged: ${no}`);
        c.outbox.notify(
          { role: 'department_head', departmentId: o.departmentId },
          { kind: 'urged', titleZh: `督办：${no}`, titleEn: `Urged: ${no}`, ...order(o) },
        );
      }
      return {};
    case 'merge': {
      if (p.intoId === o.id) throw new AppError('merge_self', 422, 'intoId');
      const into = await store.lockWorkOrder(tx, p.intoId);
      if (!into || !canView(c.actor, into) || into.status === 'merged') throw new AppError('not_found', 404, 'intoId');
      await store.insertEvents(tx, [
        {
          workOrderId: into.id,
          action: 'merge',
          actorId: c.actor.id,
          actorRole: c.actor.role,
          note: `← ${o.trackingNo}`,
          internal: true,
          at: now,
        },
      ]);
      await stopClock(tx, o.id, 'response');
      await stopClock(tx, o.id, 'resolution');
      return { mergedIntoId: into.id, closedAt: now };
    }
    case 'unfounded':
      await stopClock(tx, o.id, 'response');
      await stopClock(tx, o.id, 'resolution');
      await toTourist(
        c,
        'unfounded',
        `工单 ${no} 经核实不予受理：${p.reason.slice(0, 60)}`,
        `Order ${no} was closed as unfounded.`,
      );
      return { closedAt: now };
  }
}

const noteOf = (p: TActionPayload): string | null => {
  if ('reason' in p && p.reason) return p.reason;
  if ('text' in p) return p.text;
  if ('note' in p) return p.note || null;
  if (p.action === 'rate') return p.satisfaction;
  return null;
};

/**
 * One action on one order, in one transaction: lock the order, check who may (policy) and whether now
 * (state machine), apply it, write the timeline, the audit entry and the notices; push live after commit.
 */
export async function act(
  deps: TWorkOrderDeps,
  actor: TActor,
  id: string,
  p: TActionPayload,
  lang: TLocale,
): Promise<TWorkOrderDetail> {
  const outbox = createOutbox(deps.events);
  const result = await deps.db.transaction(async (tx) => {
    const o = await store.lockWorkOrder(tx, id);
    if (!o || !canView(actor, o)) throw notFound();
    if (!mayAct(actor, p.action, o)) throw new AppError('forbidden', 403);
    const now = deps.clock.now();
    const next = nextStatus(
      {
        status: o.status,
        reopenCount: o.reopenCount,
        urgeCount: o.urgeCount,
        respondedAt: o.respondedAt,
        resolvedAt: o.resolvedAt,
        departmentId: o.departmentId,
      } as never,
      p.action as never,
      { ...p, now } as never,
    ) as { ok?: false; code?: string; status?: string; reopenCount?: number; urgeCount?: number };
    if (next.ok === false)
      throw new AppError(next.code === 'reopen_limit' ? 'reopen_limit' : 'invalid_transition', 409);
    const c: TCtx = { tx, actor, o, now, outbox, deps };
    const fields = await effects(c, p);
    const saved = await store.updateWorkOrder(tx, o.id, {
      ...fields,
      status: next.status,
      reopenCount: next.reopenCount ?? o.reopenCount,
      urgeCount: next.urgeCount ?? o.urgeCount,
      updatedAt: now,
    });
    const timelineAction = p.action === 'rate' && saved.status === 'handling' ? 'reopen' : p.action;
    const events: store.TEventInsert[] = [
      {
        workOrderId: o.id,
        action: p.action,
        actorId: actor.id,
        actorRole: actor.role,
        departmentId: p.action === 'dispatch' || p.action === 'transfer' ? p.departmentId : actor.departmentId,
        note: noteOf(p),
        internal:
          p.action === 'urge' ||
          p.action === 'merge' ||
          p.action === 'business_reply' ||
          p.action === 'involve_business',
        at: now,
      },
    ];
    if (timelineAction === 'reopen')
      events.push({
        workOrderId: o.id,
        action: 'reopen',
        actorRole: 'system',
        note: p.action === 'rate' ? (p.reason ?? null) : null,
        at: now,
      });
    await store.insertEvents(tx, events);
    await writeAudit(tx, actor, {
      action: `work_order.${p.action}`,
      objectType: 'work_order',
      objectId: o.id,
      before: { status: o.status, departmentId: o.departmentId },
      after: { status: saved.status, departmentId: saved.departmentId },
    });
    await outbox.flush(tx);
    outbox.publish(liveOrderEvent(saved));
    return toDetail(tx, saved, actor, lang);
  });
  outbox.afterCommit();
  return result;
}
