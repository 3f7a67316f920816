import type { TReturnRequestView, TReturnStatus, TReturnTimelineEntry } from '@zhilv/contracts';
import type { TExecutor } from '../../db/client.js';
import type { TActor } from '../../platform/actor.js';
import { maskPhone } from '../../platform/mask.js';
import { type TWorkOrderRef, workOrderRefsByIds } from '../work-orders/index.js';
import { can } from './returns.policy.js';
import { shopDecision, shopMayAnswer, yuan } from './returns.rules.js';
import * as store from './returns.store.js';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** The steps a request took, from its own columns. */
export function timelineOf(r: store.TReturnRow): TReturnTimelineEntry[] {
  const out: TReturnTimelineEntry[] = [{ action: 'filed', at: r.createdAt.toISOString(), note: null }];
  const decision = shopDecision(r);
  if (decision === 'accepted' || decision === 'refused')
    out.push({ action: decision, at: iso(r.shopAnsweredAt)!, note: r.shopNote });
  if (decision === 'silence') out.push({ action: 'silence', at: r.shopDueAt.toISOString(), note: null });
  if (r.completedAt) out.push({ action: 'completed', at: r.completedAt.toISOString(), note: r.outcome });
  if (r.outcome && !r.completedAt && r.escalatedAt && r.refundDueAt)
    out.push({ action: 'refund_overdue', at: r.refundDueAt.toISOString(), note: r.outcome });
  if (r.escalatedAt) out.push({ action: 'escalated', at: r.escalatedAt.toISOString(), note: null });
  if (r.compensatedAt && r.compensationFen)
    out.push({
      action: 'compensated',
      at: r.compensatedAt.toISOString(),
      note: `${yuan(r.compensationFen)}${r.compensationNote ? ` · ${r.compensationNote}` : ''}`,
    });
  return out;
}

type TNames = {
  business: Map<string, { name: string; nameEn: string | null }>;
  tourists: Map<string, { displayName: string; phone: string | null }>;
  orders: Map<string, TWorkOrderRef>;
  goods: Map<string, { nameZh: string; nameEn: string }>;
};

export async function loadNames(db: TExecutor, rows: store.TReturnRow[]): Promise<TNames> {
  const uniq = (xs: (string | null)[]) => [...new Set(xs.filter((x): x is string => !!x))];
  return {
    business: await store.businessNames(db, uniq(rows.map((r) => r.businessId))),
    tourists: await store.touristContacts(db, uniq(rows.map((r) => r.touristUserId))),
    orders: await workOrderRefsByIds(db, uniq(rows.map((r) => r.workOrderId))),
    goods: await store.catalogueByCodes(db, uniq(rows.map((r) => r.goodsCategory))),
  };
}

/** A request as this viewer sees it: phone masked for everyone, what they may do now. */
export function toView(r: store.TReturnRow, names: TNames, actor: TActor, now: Date): TReturnRequestView {
  const order = r.workOrderId ? (names.orders.get(r.workOrderId) ?? null) : null;
  const b = names.business.get(r.businessId);
  const t = names.tourists.get(r.touristUserId);
  return {
    id: r.id,
    trackingNo: r.trackingNo,
    status: r.status as TReturnStatus,
    businessId: r.businessId,
    businessName: b?.name ?? null,
    businessNameEn: b?.nameEn ?? null,
    item: r.item,
    goodsCategory: r.goodsCategory,
    amountFen: r.amountFen,
    purchasedOn: r.purchasedOn,
    reason: r.reason,
    receiptFileId: r.receiptFileId,
    invoiceNo: r.invoiceNo,
    goodsCategoryName: names.goods.get(r.goodsCategory)?.nameZh ?? null,
    goodsCategoryNameEn: names.goods.get(r.goodsCategory)?.nameEn ?? null,
    touristName: t?.displayName ?? null,
    touristPhoneMasked: maskPhone(t?.phone),
    shopDueAt: r.shopDueAt.toISOString(),
    shopAnsweredAt: iso(r.shopAnsweredAt),
    shopDecision: shopDecision(r),
    shopNote: r.shopNote,
    outcome: (r.outcome as 'refund' | 'exchange' | null) ?? null,
    refundDueAt: iso(r.refundDueAt),
    completedAt: iso(r.completedAt),
    workOrderId: r.workOrderId,
    workOrderTrackingNo: order?.trackingNo ?? null,
    escalatedAt: iso(r.escalatedAt),
    compensationFen: r.compensationFen,
    compensatedAt: iso(r.compensatedAt),
    compensationNote: r.compensationNote,
    createdAt: r.createdAt.toISOString(),
    timeline: timelineOf(r),
    can: {
      answer: r.status === 'submitted' && can(actor, 'answer', r, order) && shopMayAnswer(r.shopDueAt, now),
      complete: r.status === 'accepted' && can(actor, 'complete', r, order),
      compensate: r.status === 'escalated' && can(actor, 'compensate', r, order),
    },
  };
}
