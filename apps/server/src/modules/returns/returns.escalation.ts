import { goodsCategory } from '@zhilv/contracts';
import type { TExecutor } from '../../db/client.js';
import { SYSTEM_ACTOR } from '../../platform/actor.js';
import { writeAuditBatch } from '../../platform/audit.js';
import { STAGE, schedule, type TDeadlineHandler } from '../../platform/deadlines/index.js';
import type { TOutbox } from '../../platform/notify.js';
import type { TSmsProvider } from '../../platform/sms.js';
import { createSystemWorkOrder } from '../work-orders/index.js';
import { shanghaiDay, yuan } from './returns.rules.js';
import * as store from './returns.store.js';

/** "YYYY-MM-DD HH:mm" in the prefecture's zone, for texts. */
const localTime = (d: Date) => new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');

/** The work order's text: the tourist's own words first, then the facts, then the shop's part. */
export function composeOrderText(
  r: store.TReturnRow,
  shop: { name: string; nameEn: string | null } | undefined,
): string {
  const cat = goodsCategory(r.goodsCategory);
  const refused = !!r.shopAnsweredAt;
  return [
    `【无理由退货转办】退货申请 ${r.trackingNo}`,
    `游客陈述：${r.reason ?? '（未填写）'}`,
    `商品：${r.item}（${cat?.zh ?? r.goodsCategory}），金额 ${yuan(r.amountFen)}，购买日期 ${r.purchasedOn}，申请日期 ${shanghaiDay(r.createdAt)}。`,
    `商家：${shop?.name ?? r.businessId}。${
      refused
        ? `商家拒绝退货，理由：${r.shopNote ?? '（未填写）'}`
        : `商家未在3日内答复（期限 ${localTime(r.shopDueAt)}）。`
    }`,
    `No-reason return ${r.trackingNo}: ${r.item}, ${yuan(r.amountFen)}, bought ${r.purchasedOn}; ${
      refused ? 'refused by the shop' : 'the shop did not answer within 3 days'
    }.`,
  ].join('\n');
}

/**
 * Turns a refused or lapsed request into a work order (complaint, shopping_quality, source portal, filed for the
 * tourist, about the shop, the receipt attached) and links it — inside the caller's transaction, so the request
 * is escalated exactly when its order exists.
 */
export async function escalate(tx: TExecutor, outbox: TOutbox, r: store.TReturnRow, now: Date) {
  const shop = (await store.businessNames(tx, [r.businessId])).get(r.businessId);
  const order = await createSystemWorkOrder(
    tx,
    outbox,
    {
      kind: 'complaint',
      source: 'portal',
      category: 'shopping_quality',
      text: composeOrderText(r, shop),
      reporterUserId: r.touristUserId,
      businessId: r.businessId,
      photoIds: r.receiptFileId ? [r.receiptFileId] : [],
      note: `无理由退货 ${r.trackingNo} ${r.shopAnsweredAt ? '商家拒绝 refused by the shop' : '商家逾期未答复 no answer in 3 days'}`,
    },
    now,
  );
  const after = await store.updateReturn(tx, r.id, {
    status: 'escalated',
    workOrderId: order.id,
    escalatedAt: now,
    updatedAt: now,
  });
  await writeAuditBatch(
    tx,
    SYSTEM_ACTOR,
    [
      {
        action: 'return_request.escalate',
        objectType: 'return_request',
        objectId: r.id,
        before: { status: r.status },
        after: { status: 'escalated', workOrderId: order.id, trackingNo: order.trackingNo },
      },
    ],
    now,
  );
  return after;
}

const TOLD = {
  accepted: {
    zh: (r: store.TReturnRow) => `商家已同意您的退货申请 ${r.trackingNo}，请与商家联系办理退货退款。`,
    en: (r: store.TReturnRow) =>
      `The shop accepted your return request ${r.trackingNo}; contact the shop to return it.`,
  },
  refused: {
    zh: (r: store.TReturnRow) => `商家拒绝了退货申请 ${r.trackingNo}，已转市场监管部门处理。`,
    en: (r: store.TReturnRow) => `The shop refused return request ${r.trackingNo}; it has gone to market supervision.`,
  },
  silence: {
    zh: (r: store.TReturnRow) => `商家未在3日内答复退货申请 ${r.trackingNo}，已转市场监管部门处理。`,
    en: (r: store.TReturnRow) =>
      `The shop did not answer return request ${r.trackingNo} in 3 days; it went to market supervision.`,
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

/** The deadline engine's kind for a request's 72-hour shop deadline; its one stage is `escalate`. */
export const SHOP_DEADLINE = 'return_request.shop_answer';

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

/**
 * The shop let the 72 hours pass: the request becomes a work order for market supervision, the tourist and the
 * shop are told — in the engine's transaction, with the stage's move, so each request escalates exactly once
 * whichever instance sweeps. A request answered meanwhile (its deadline is cancelled in the answering
 * transaction, which holds the request's lock) is left alone.
 */
export function shopDeadlineHandler(sms: TSmsProvider): TDeadlineHandler {
  return async (tx, firing, { now, outbox }) => {
    const r = await store.lockReturn(tx, firing.objectId);
    if (r?.status !== 'submitted' || r.shopAnsweredAt) return 'stop';
    const after = await escalate(tx, outbox, r, now);
    await tellTourist(tx, outbox, sms, after, 'silence');
    for (const userId of await store.businessAccountIds(tx, r.businessId))
      outbox.notify(
        { userId },
        {
          kind: 'return_escalated',
          titleZh: `退货申请 ${r.trackingNo} 逾期未答复，已转市场监管部门`,
          titleEn: `Return request ${r.trackingNo} was not answered in time and went to market supervision`,
          objectType: 'return_request',
          objectId: r.id,
        },
      );
  };
}
