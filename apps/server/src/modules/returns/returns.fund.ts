import type { TFundLedger, TFundPayoutRequest } from '@zhilv/contracts';
import type { TDb, TExecutor } from '../../db/client.js';
import type { TActor } from '../../platform/actor.js';
import { writeAuditBatch } from '../../platform/audit.js';
import type { TClock } from '../../platform/clock.js';
import { conflict, forbidden, invalid, notFound } from '../../platform/errors.js';
import type { TEventHub } from '../../platform/events.js';
import { createOutbox, type TOutbox } from '../../platform/notify.js';
import { getWorkOrderRef, recordCompensation, workOrderRefsByIds } from '../work-orders/index.js';
import { ordinaryCompensationRule, yuan } from './returns.rules.js';
import * as store from './returns.store.js';

/**
 * 先行赔付基金: the one fund advance compensation is paid from, and its ledger (compensation_fund_ledger). A return
 * request's compensation (returns.service.ts) and an ordinary complaint's (here) both write their payout through
 * `payOut`, in the deciding transaction; one payout per work order.
 */
export async function payOut(
  tx: TExecutor,
  actor: TActor,
  v: {
    workOrderId: string;
    returnRequestId: string | null;
    businessId: string | null;
    amountFen: number;
    note: string;
    at: Date;
  },
) {
  const row = await store.insertPayout(tx, {
    workOrderId: v.workOrderId,
    returnRequestId: v.returnRequestId,
    businessId: v.businessId,
    amountFen: v.amountFen,
    note: v.note,
    decidedBy: actor.id,
    decidedRole: actor.role,
    at: v.at,
  });
  if (!row) throw conflict('compensation_already_paid');
  await writeAuditBatch(
    tx,
    actor,
    [
      {
        action: 'compensation_fund.payout',
        objectType: 'work_order',
        objectId: v.workOrderId,
        after: {
          ledgerId: row.id,
          amountFen: v.amountFen,
          returnRequestId: v.returnRequestId,
          businessId: v.businessId,
          note: v.note,
        },
      },
    ],
    v.at,
  );
  return row;
}

/** Only the command center (the dispatcher) decides 先行赔付 on an ordinary complaint. */
export const mayPayOrdinary = (actor: TActor) => actor.role === 'dispatcher';
/** The command center and leaders read the ledger. */
export const mayReadLedger = (actor: TActor) => actor.role === 'dispatcher' || actor.role === 'leader';

export function createFund(deps: { db: TDb; clock: TClock; events: TEventHub }) {
  const { db, clock, events } = deps;

  async function change<T>(work: (tx: TExecutor, outbox: TOutbox) => Promise<T>): Promise<T> {
    const outbox = createOutbox(events);
    const out = await db.transaction(async (tx) => {
      const res = await work(tx, outbox);
      await outbox.flush(tx);
      return res;
    });
    outbox.afterCommit();
    return out;
  }

  /**
   * The command center's decision to pay an ordinary complaint's tourist in advance: the ledger's line, the
   * order's `compensate` step (seen by the tourist), the audit — one transaction.
   */
  async function payOrdinary(actor: TActor, body: TFundPayoutRequest) {
    if (!mayPayOrdinary(actor)) throw forbidden();
    return change(async (tx, outbox) => {
      const now = clock.now();
      const order = await getWorkOrderRef(tx, body.workOrderId);
      if (!order) throw invalid('not_found', 'workOrderId');
      const linked = await store.returnOfWorkOrder(tx, order.id);
      const rule = ordinaryCompensationRule(order, !!linked);
      if (rule) throw conflict(rule);
      const row = await payOut(tx, actor, {
        workOrderId: order.id,
        returnRequestId: null,
        businessId: order.businessId,
        amountFen: body.amountFen,
        note: body.note,
        at: now,
      });
      await recordCompensation(tx, outbox, {
        workOrderId: order.id,
        actor,
        note: `${yuan(body.amountFen)} · 先行赔付基金 advance-compensation fund · ${body.note}`,
        at: now,
      });
      if (order.reporterUserId)
        outbox.notify(
          { userId: order.reporterUserId },
          {
            kind: 'compensated',
            titleZh: `工单 ${order.trackingNo} 已获先行赔付 ${yuan(body.amountFen)}`,
            titleEn: `Advance compensation of ${yuan(body.amountFen)} was granted on ${order.trackingNo}`,
            objectType: 'work_order',
            objectId: order.id,
          },
        );
      return { id: row.id, workOrderId: order.id, amountFen: row.amountFen, at: row.at.toISOString() };
    });
  }

  async function readLedger(actor: TActor, limit: number): Promise<TFundLedger> {
    if (!mayReadLedger(actor)) throw forbidden();
    const { items, totalFen } = await store.ledger(db, limit);
    const orders = await workOrderRefsByIds(db, [...new Set(items.map((i) => i.workOrderId))]);
    const names = await store.businessNames(db, [
      ...new Set(items.map((i) => i.businessId).filter((x): x is string => !!x)),
    ]);
    return {
      totalFen,
      items: items.map((i) => ({
        id: i.id,
        workOrderId: i.workOrderId,
        workOrderTrackingNo: orders.get(i.workOrderId)?.trackingNo ?? null,
        returnRequestId: i.returnRequestId,
        businessId: i.businessId,
        businessName: i.businessId ? (names.get(i.businessId)?.name ?? null) : null,
        amountFen: i.amountFen,
        note: i.note,
        decidedRole: i.decidedRole,
        at: i.at.toISOString(),
      })),
    };
  }

  /** The payout on one order, if any (the work order's page shows it). */
  async function ofOrder(actor: TActor, workOrderId: string) {
    if (!mayReadLedger(actor)) throw forbidden();
    const order = await getWorkOrderRef(db, workOrderId);
    if (!order) throw notFound();
    const p = await store.payoutOfOrder(db, workOrderId);
    const linked = await store.returnOfWorkOrder(db, workOrderId);
    return {
      payout: p ? { id: p.id, amountFen: p.amountFen, note: p.note, at: p.at.toISOString() } : null,
      mayPay: !p && mayPayOrdinary(actor) && !ordinaryCompensationRule(order, !!linked),
    };
  }

  return { payOrdinary, readLedger, ofOrder };
}
export type TFund = ReturnType<typeof createFund>;
