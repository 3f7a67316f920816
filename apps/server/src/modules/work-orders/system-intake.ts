import { randomUUID } from 'node:crypto';
import type { TCategoryId, TClassifyResponse, TWorkOrderKind, TWorkOrderSource } from '@zhilv/contracts';
import type { TExecutor } from '../../db/client.js';
import type { TActor } from '../../platform/actor.js';
import { SYSTEM_ACTOR } from '../../platform/actor.js';
import { writeAuditBatch } from '../../platform/audit.js';
import type { TOutbox } from '../../platform/notify.js';
import { deadlineFor, loadSlaContext, newOrderTimers, routingFor } from './clocks.js';
import { scheduleDecisionLimits } from './decision-limits.js';
import { openFirstStretches } from './stretches.js';
import { ENTRY_VISIBILITY } from './work-orders.policy.js';
import { liveOrderEvent } from './work-orders.service.js';
import * as store from './work-orders.store.js';

/**
 * A work order that another module files inside ITS OWN transaction — e.g. a no-reason return the shop refused
 * or let lapse. It goes the way every order goes: a tracking number from the order sequence, both SLA clocks
 * from the policy for its kind and category (sla_timers rows the sweeper acts on), timeline entries, an audit
 * row and a notification, built from the same store and clock functions as intake.ts. What differs: the category
 * is known, not guessed (so no classifier run: confidence 1), and the order is dispatched straight to the
 * department the admin routes that category to (market supervision for shopping_quality in the demo routing),
 * or left pending for the dispatcher when no department is routed. The caller flushes `outbox` before its
 * commit and calls `afterCommit` after it.
 */
export type TSystemWorkOrder = {
  kind: TWorkOrderKind;
  source: TWorkOrderSource;
  category: TCategoryId;
  text: string;
  /** the person the order is filed for (the tourist); they see and rate it like one they filed themselves */
  reporterUserId: string | null;
  businessId: string | null;
  photoIds?: string[];
  /** what the timeline's submit entry says about where it came from */
  note: string;
  /** a phone to answer on when the person has no account (a hotline caller); personal data, shown masked */
  contactPhone?: string | null;
};

export async function createSystemWorkOrder(
  tx: TExecutor,
  outbox: TOutbox,
  input: TSystemWorkOrder,
  now: Date,
  actor: TActor = SYSTEM_ACTOR,
): Promise<store.TWorkOrderRow> {
  const route = (await routingFor(tx)).find((r) => r.category === input.category);
  const departmentId = route?.departmentId ?? null;
  const biz = input.businessId ? (await store.businessesByIds(tx, [input.businessId])).get(input.businessId) : null;
  const ctx = await loadSlaContext(tx);
  const rule = { kind: input.kind, category: input.category };
  const responseDueAt = deadlineFor(ctx, rule, 'response', now);
  const resolutionDueAt = deadlineFor(ctx, rule, 'resolution', now);
  const classification: TClassifyResponse = {
    category: input.category,
    confidence: 1,
    department: route?.departmentCode ?? '',
    keywords: [],
    alternatives: [],
  };
  const id = randomUUID();
  const saved = await store.insertWorkOrders(
    tx,
    [
      {
        id,
        trackingNo: store.trackingNumberSql(now),
        kind: input.kind,
        source: input.source,
        status: departmentId ? 'dispatched' : 'pending',
        category: input.category,
        text: input.text,
        businessId: input.businessId,
        regionCode: biz?.regionCode ?? null,
        departmentId,
        reporterUserId: input.reporterUserId,
        contactPhone: input.contactPhone ?? null,
        lng: biz?.lng ?? null,
        lat: biz?.lat ?? null,
        photoIds: input.photoIds ?? [],
        classification,
        createdAt: now,
        updatedAt: now,
        responseDueAt,
        resolutionDueAt,
      },
    ],
    newOrderTimers({ id, departmentId }, now, { response: responseDueAt, resolution: resolutionDueAt }),
  );
  await openFirstStretches(tx, [{ id, departmentId, responseDueAt }], now);
  await scheduleDecisionLimits(tx, [{ id, kind: input.kind }], now);
  const o = saved.get(id)!;
  const events: store.TEventInsert[] = [
    {
      workOrderId: id,
      action: 'submit',
      actorId: actor.id,
      actorRole: actor.role,
      note: input.note,
      visibility: ENTRY_VISIBILITY.submit,
      at: now,
    },
  ];
  const ref = { objectType: 'work_order', objectId: id };
  if (departmentId) {
    events.push({
      workOrderId: id,
      action: 'dispatch',
      actorRole: 'system',
      departmentId,
      note: 'auto-dispatch by category 按类别自动派单',
      visibility: ENTRY_VISIBILITY.dispatch,
      at: now,
    });
    outbox.notify(
      { role: 'department_staff', departmentId },
      { kind: 'dispatched', titleZh: `新工单 ${o.trackingNo}`, titleEn: `New work order ${o.trackingNo}`, ...ref },
    );
  } else {
    outbox.notify(
      { role: 'dispatcher' },
      {
        kind: 'submitted',
        titleZh: `新诉求待派单 ${o.trackingNo}`,
        titleEn: `New appeal to dispatch ${o.trackingNo}`,
        ...ref,
      },
    );
  }
  await store.insertEvents(tx, events);
  await writeAuditBatch(tx, actor, [
    {
      action: 'work_order.submit',
      objectType: 'work_order',
      objectId: id,
      after: { trackingNo: o.trackingNo, kind: o.kind, source: o.source, status: o.status, category: o.category },
    },
  ]);
  outbox.publish(liveOrderEvent(o));
  return o;
}

/**
 * 先行赔付 recorded by another module (a no-reason return the department compensated) on the order it became: a
 * `compensate` step on the order's timeline, inside the caller's transaction, seen by the tourist too. Not a state
 * change — the order's status and clocks stay as they are. Pushes the order's live event after the caller's commit.
 */
export async function recordCompensation(
  tx: TExecutor,
  outbox: TOutbox,
  input: { workOrderId: string; actor: TActor; note: string; at: Date },
): Promise<void> {
  const { workOrderId, actor, note, at } = input;
  await store.insertEvents(tx, [
    {
      workOrderId,
      action: 'compensate',
      actorId: actor.id,
      actorRole: actor.role,
      departmentId: actor.departmentId,
      note,
      visibility: ENTRY_VISIBILITY.compensate,
      at,
    },
  ]);
  const o = await store.getWorkOrder(tx, workOrderId);
  if (o) outbox.publish(liveOrderEvent(o));
}

/**
 * A step another module records on an order it linked (a no-reason return: the shop's answer, the refund done,
 * the passing to market supervision): a timeline entry of one of the timeline's own actions, inside the caller's
 * transaction, with the action's default visibility. Not a state change: status and clocks stay as they are.
 */
export async function recordLinkedStep(
  tx: TExecutor,
  outbox: TOutbox,
  input: {
    workOrderId: string;
    action: 'business_reply' | 'escalate' | 'overdue';
    actor: TActor;
    note: string;
    at: Date;
  },
): Promise<void> {
  const { workOrderId, action, actor, note, at } = input;
  await store.insertEvents(tx, [
    {
      workOrderId,
      action,
      actorId: actor.id,
      actorRole: actor.role,
      departmentId: actor.departmentId,
      note,
      visibility: action === 'business_reply' ? 'all' : ENTRY_VISIBILITY[action],
      at,
    },
  ]);
  const o = await store.getWorkOrder(tx, workOrderId);
  if (o) outbox.publish(liveOrderEvent(o));
}
