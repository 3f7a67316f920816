import type { TExecutor } from '../../db/client.js';
import { SYSTEM_ACTOR } from '../../platform/actor.js';
import { writeAuditBatch } from '../../platform/audit.js';
import { STAGE, schedule, type TDeadlineHandler } from '../../platform/deadlines/index.js';
import type { TOutbox } from '../../platform/notify.js';
import type { TSmsProvider } from '../../platform/sms.js';
import { createSystemWorkOrder, getWorkOrderRef, recordLinkedStep } from '../work-orders/index.js';
import { refundRemindAt, shanghaiDay, yuan } from './returns.rules.js';
import * as store from './returns.store.js';

/** "YYYY-MM-DD HH:mm" in the prefecture's zone, for texts. */
const localTime = (d: Date) => new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');

/** The work order's text: the tourist's own words first, then the facts, then the shop's part so far. */
export function composeOrderText(
  r: store.TReturnRow,
  shop: { name: string; nameEn: string | null } | undefined,
  goods: { nameZh: string; nameEn: string } | undefined,
): string {
  const refused = !!r.shopAnsweredAt && !r.outcome;
  const shopPart =
    r.status === 'submitted'
      ? `商家答复期限 ${localTime(r.shopDueAt)}。`
      : refused
        ? `商家拒绝退货，理由：${r.shopNote ?? '（未填写）'}`
        : `商家未在答复期限内答复（期限 ${localTime(r.shopDueAt)}）。`;
  const shopPartEn =
    r.status === 'submitted'
      ? `the shop answers by ${localTime(r.shopDueAt)}`
      : refused
        ? 'refused by the shop'
        : 'the shop did not answer in time';
  return [
    `【无理由退货】退货申请 ${r.trackingNo}`,
    `游客陈述：${r.reason ?? '（未填写）'}`,
    `商品：${r.item}（${goods?.nameZh ?? r.goodsCategory}），金额 ${yuan(r.amountFen)}，发票/小票号 ${r.invoiceNo ?? '（未填写）'}，购买日期 ${r.purchasedOn}，申请日期 ${shanghaiDay(r.createdAt)}。`,
    `商家：${shop?.name ?? r.businessId}。${shopPart}`,
    `No-reason return ${r.trackingNo}: ${r.item}, ${yuan(r.amountFen)}, invoice ${r.invoiceNo ?? '-'}, bought ${r.purchasedOn}; ${shopPartEn}.`,
  ].join('\n');
}

/**
 * Registers a request in the complaint system as it is filed: a work order (complaint, shopping_quality, source
 * `return`, filed for the tourist, about the shop, the receipt attached), linked to the request — inside the
 * filing transaction, so a request exists exactly when its order does. The shop still answers first; the order
 * tells the department what is going on from the start.
 */
export async function registerOrder(tx: TExecutor, outbox: TOutbox, r: store.TReturnRow, now: Date) {
  const order = await createReturnOrder(tx, outbox, r, '申请登记 no-reason return registered on filing', now);
  return store.updateReturn(tx, r.id, { workOrderId: order.id, updatedAt: now });
}

/** The complaint a return is registered as (source `return`), with the receipt as its photo. */
async function createReturnOrder(tx: TExecutor, outbox: TOutbox, r: store.TReturnRow, why: string, now: Date) {
  const text = await orderText(tx, r);
  return createSystemWorkOrder(
    tx,
    outbox,
    {
      kind: 'complaint',
      source: 'return',
      category: 'shopping_quality',
      text,
      reporterUserId: r.touristUserId,
      businessId: r.businessId,
      photoIds: r.receiptFileId ? [r.receiptFileId] : [],
      note: `无理由退货 ${r.trackingNo} ${why}`,
    },
    now,
  );
}

async function orderText(tx: TExecutor, r: store.TReturnRow) {
  const shop = (await store.businessNames(tx, [r.businessId])).get(r.businessId);
  const goods = (await store.catalogueByCodes(tx, [r.goodsCategory])).get(r.goodsCategory);
  return composeOrderText(r, shop, goods);
}

const WHY = {
  refused: '商家拒绝 refused by the shop',
  silence: '商家逾期未答复 no answer in time',
  refund_overdue: '商家逾期未退款/换货 refund or exchange not done in time',
} as const;

/**
 * Passes a refused, unanswered or unrefunded request to market supervision: the order registered at filing gets an
 * `escalate` step (never a second order). A request filed before orders were registered at filing has none: it
 * gets its order now, as before. Inside the caller's transaction.
 */
export async function escalate(
  tx: TExecutor,
  outbox: TOutbox,
  r: store.TReturnRow,
  now: Date,
  why: keyof typeof WHY = r.shopAnsweredAt ? 'refused' : 'silence',
) {
  let workOrderId = r.workOrderId;
  if (workOrderId) {
    await recordLinkedStep(tx, outbox, {
      workOrderId,
      action: 'escalate',
      actor: SYSTEM_ACTOR,
      note: `无理由退货 ${r.trackingNo} ${WHY[why]}`,
      at: now,
    });
  } else {
    workOrderId = (await createReturnOrder(tx, outbox, r, WHY[why], now)).id;
  }
  const after = await store.updateReturn(tx, r.id, {
    status: 'escalated',
    workOrderId,
    escalatedAt: now,
    updatedAt: now,
  });
  const ref = await getWorkOrderRef(tx, workOrderId);
  await writeAuditBatch(
    tx,
    SYSTEM_ACTOR,
    [
      {
        action: 'return_request.escalate',
        objectType: 'return_request',
        objectId: r.id,
        before: { status: r.status },
        after: { status: 'escalated', why, workOrderId, trackingNo: ref?.trackingNo ?? null },
      },
    ],
    now,
  );
  if (ref?.departmentId)
    outbox.notify(
      { role: 'department_staff', departmentId: ref.departmentId },
      {
        kind: 'return_escalated',
        titleZh: `退货申请 ${r.trackingNo} 已转市场监管处理（${WHY[why]}）`,
        titleEn: `Return request ${r.trackingNo} passed to market supervision`,
        objectType: 'work_order',
        objectId: workOrderId,
      },
    );
  return after;
}

const TOLD = {
  accepted: {
    zh: (r: store.TReturnRow) =>
      `商家已同意您的退货申请 ${r.trackingNo}（${r.outcome === 'exchange' ? '退换货' : '退货退款'}），请在 ${r.refundDueAt ? localTime(r.refundDueAt) : ''} 前与商家联系办理。`,
    en: (r: store.TReturnRow) =>
      `The shop accepted your return request ${r.trackingNo} (${r.outcome === 'exchange' ? 'exchange' : 'refund'}); it is due by ${r.refundDueAt ? localTime(r.refundDueAt) : ''}.`,
  },
  refused: {
    zh: (r: store.TReturnRow) => `商家拒绝了退货申请 ${r.trackingNo}，已转市场监管部门处理。`,
    en: (r: store.TReturnRow) => `The shop refused return request ${r.trackingNo}; it has gone to market supervision.`,
  },
  silence: {
    zh: (r: store.TReturnRow) => `商家未在答复期限内答复退货申请 ${r.trackingNo}，已转市场监管部门处理。`,
    en: (r: store.TReturnRow) =>
      `The shop did not answer return request ${r.trackingNo} in time; it went to market supervision.`,
  },
  completed: {
    zh: (r: store.TReturnRow) =>
      `商家已为退货申请 ${r.trackingNo} 办理${r.outcome === 'exchange' ? '换货' : '退货退款'}。`,
    en: (r: store.TReturnRow) =>
      `The shop recorded the ${r.outcome === 'exchange' ? 'exchange' : 'refund'} for return request ${r.trackingNo} as done.`,
  },
  refund_overdue: {
    zh: (r: store.TReturnRow) =>
      `商家未在期限内为退货申请 ${r.trackingNo} 办理${r.outcome === 'exchange' ? '换货' : '退款'}，已转市场监管部门处理。`,
    en: (r: store.TReturnRow) =>
      `The shop did not ${r.outcome === 'exchange' ? 'exchange the goods' : 'refund'} for ${r.trackingNo} in time; it went to market supervision.`,
  },
  compensated: {
    zh: (r: store.TReturnRow) => `退货申请 ${r.trackingNo} 已获先行赔付 ${yuan(r.compensationFen ?? 0)}。`,
    en: (r: store.TReturnRow) =>
      `Advance compensation of ${yuan(r.compensationFen ?? 0)} was granted for ${r.trackingNo}.`,
  },
} as const;

/** Every answer reaches the tourist twice: in the portal's notifications and by SMS (the platform's provider). */
export async function tellTourist(
  tx: TExecutor,
  outbox: TOutbox,
  sms: TSmsProvider,
  r: store.TReturnRow,
  what: keyof typeof TOLD,
) {
  const t = TOLD[what];
  outbox.notify(
    { userId: r.touristUserId },
    {
      kind: `return_${what}`,
      titleZh: t.zh(r),
      titleEn: t.en(r),
      objectType: 'return_request',
      objectId: r.id,
    },
  );
  const phone = (await store.touristContacts(tx, [r.touristUserId])).get(r.touristUserId)?.phone;
  if (phone) await sms.send(tx, phone, `return_${what}`, `【智旅】${t.zh(r)} ${t.en(r)}`);
}

/** The deadline engine's kind for a request's shop deadline (the local rule's hours); its one stage is `escalate`. */
export const SHOP_DEADLINE = 'return_request.shop_answer';

/** The kind for an accepted request's refund or exchange (the local rule's hours): `remind`, then `escalate`. */
export const REFUND_DEADLINE = 'return_request.refund';

/** Schedules the shop's deadline in the filing transaction (cancelled when the shop answers). */
export function scheduleShopDeadline(tx: TExecutor, r: { id: string; shopDueAt: Date }, now: Date) {
  return schedule(tx, {
    kind: SHOP_DEADLINE,
    objectType: 'return_request',
    objectId: r.id,
    // The shop may still answer at its deadline's very instant (shopMayAnswer): the stage is the millisecond after.
    stages: [{ name: STAGE.escalate, at: new Date(r.shopDueAt.getTime() + 1) }],
    start: now,
  });
}

/** Schedules the refund deadline in the accepting transaction (cancelled when the shop records it done). */
export function scheduleRefundDeadline(tx: TExecutor, r: { id: string; refundDueAt: Date }, now: Date) {
  return schedule(tx, {
    kind: REFUND_DEADLINE,
    objectType: 'return_request',
    objectId: r.id,
    stages: [
      { name: STAGE.remind, at: refundRemindAt(now, r.refundDueAt) },
      { name: STAGE.escalate, at: new Date(r.refundDueAt.getTime() + 1) },
    ],
    start: now,
  });
}

function tellShop(
  outbox: TOutbox,
  accountIds: string[],
  r: store.TReturnRow,
  kind: string,
  titleZh: string,
  titleEn: string,
) {
  for (const userId of accountIds)
    outbox.notify({ userId }, { kind, titleZh, titleEn, objectType: 'return_request', objectId: r.id });
}

/**
 * The shop let its answer hours pass: the request passes to market supervision, the tourist and the shop are
 * told — in the engine's transaction, with the stage's move, so each request escalates exactly once whichever
 * instance sweeps. A request answered meanwhile (its deadline is cancelled in the answering transaction, which
 * holds the request's lock) is left alone.
 */
export function shopDeadlineHandler(sms: TSmsProvider): TDeadlineHandler {
  return async (tx, firing, { now, outbox }) => {
    const r = await store.lockReturn(tx, firing.objectId);
    if (r?.status !== 'submitted' || r.shopAnsweredAt) return 'stop';
    const after = await escalate(tx, outbox, r, now, 'silence');
    await tellTourist(tx, outbox, sms, after, 'silence');
    tellShop(
      outbox,
      await store.businessAccountIds(tx, r.businessId),
      r,
      'return_escalated',
      `退货申请 ${r.trackingNo} 逾期未答复，已转市场监管部门`,
      `Return request ${r.trackingNo} was not answered in time and went to market supervision`,
    );
  };
}

/**
 * The refund or exchange the shop accepted is chased: a reminder to the shop at 80% of its hours, then — not done
 * by the deadline — the request passes to market supervision (an `overdue` step on its order, then the
 * escalation), the tourist is told. A request completed meanwhile is left alone.
 */
export function refundDeadlineHandler(sms: TSmsProvider): TDeadlineHandler {
  return async (tx, firing, { now, outbox }) => {
    const r = await store.lockReturn(tx, firing.objectId);
    if (r?.status !== 'accepted' || r.completedAt) return 'stop';
    const what = r.outcome === 'exchange' ? '换货' : '退款';
    const whatEn = r.outcome === 'exchange' ? 'exchange' : 'refund';
    const accounts = await store.businessAccountIds(tx, r.businessId);
    if (firing.stage === STAGE.remind) {
      tellShop(
        outbox,
        accounts,
        r,
        'return_refund_remind',
        `请尽快为退货申请 ${r.trackingNo} 办理${what}（期限 ${r.refundDueAt ? localTime(r.refundDueAt) : ''}）`,
        `Please complete the ${whatEn} for return request ${r.trackingNo} before its deadline`,
      );
      return;
    }
    await writeAuditBatch(
      tx,
      SYSTEM_ACTOR,
      [
        {
          action: 'return_request.refund_overdue',
          objectType: 'return_request',
          objectId: r.id,
          before: { status: r.status, refundDueAt: r.refundDueAt?.toISOString() ?? null },
        },
      ],
      now,
    );
    const after = await escalate(tx, outbox, r, now, 'refund_overdue');
    await tellTourist(tx, outbox, sms, after, 'refund_overdue');
    tellShop(
      outbox,
      accounts,
      r,
      'return_escalated',
      `退货申请 ${r.trackingNo} 逾期未${what}，已转市场监管部门`,
      `Return request ${r.trackingNo}: the ${whatEn} was not done in time and went to market supervision`,
    );
    return 'stop';
  };
}
