import {
  checkReturnWindow,
  excludedBy,
  RETURNABLE_BUSINESS_KINDS,
  SHOP_ANSWER_HOURS,
  shanghaiDay,
  type TReturnRuleCode,
} from '@zhilv/contracts';

/**
 * The rules of 无理由退货 (seed 004), pure: no database, no clock of their own. The data (window, excluded goods,
 * messages) is in @zhilv/contracts/returns.ts so the portal refuses with the same codes and words.
 *
 * - Window: the purchase day is not after the request day and at most RETURN_WINDOW_DAYS (30) calendar days
 *   before it, both days in Asia/Shanghai; day 30 is in.
 * - Business: only kinds in RETURNABLE_BUSINESS_KINDS (shops) — see the reasons there.
 * - Goods: a category with `excludedBy` is refused by that rule.
 * - Shop deadline: SHOP_ANSWER_HOURS (72) hours from filing.
 */
export {
  calendarDaysBetween,
  checkReturnWindow,
  excludedBy,
  GOODS_CATEGORIES,
  RETURN_WINDOW_DAYS,
  SHOP_ANSWER_HOURS,
  shanghaiDay,
} from '@zhilv/contracts';

export type TEligibilityInput = { purchasedOn: string; goodsCategory: string; businessKind: string };

/**
 * The first rule that refuses this request filed at `now`, or null when it may be filed. Order: business,
 * then dates, then goods — the most basic objection is named first.
 */
export function checkEligibility(input: TEligibilityInput, now: Date): TReturnRuleCode | null {
  if (!(RETURNABLE_BUSINESS_KINDS as readonly string[]).includes(input.businessKind)) return 'return_business_not_shop';
  return checkReturnWindow(input.purchasedOn, shanghaiDay(now)) ?? excludedBy(input.goodsCategory);
}

/** When the shop's answer is due: 72 hours after filing. */
export function shopDueAt(filedAt: Date): Date {
  return new Date(filedAt.getTime() + SHOP_ANSWER_HOURS * 3_600_000);
}

/** May the shop still answer at `now`? Up to and including the due instant. */
export const shopMayAnswer = (dueAt: Date, now: Date) => now.getTime() <= dueAt.getTime();

/** How the shop's part ended, from the stored columns (status and whether it ever answered). */
export function shopDecision(r: {
  status: string;
  shopAnsweredAt: Date | null;
}): 'accepted' | 'refused' | 'silence' | null {
  if (r.status === 'accepted') return 'accepted';
  if (r.shopAnsweredAt) return 'refused';
  if (r.status === 'escalated' || r.status === 'compensated') return 'silence';
  return null;
}

/** Advance compensation is at most what was paid. */
export const compensationAllowed = (amountFen: number, purchaseFen: number) =>
  amountFen > 0 && amountFen <= purchaseFen;

/** Yuan with two decimals from fen, for texts (¥12.50). */
export const yuan = (fen: number) => `¥${(fen / 100).toFixed(2)}`;

/** The work order's timeline note for 先行赔付: amount, the request it settles, the department's own note. */
export const compensationNote = (trackingNo: string, amountFen: number, note: string) =>
  `${yuan(amountFen)} · 退货申请 return request ${trackingNo} · ${note}`;
