import {
  checkReturnWindow,
  RETURNABLE_BUSINESS_KINDS,
  shanghaiDay,
  type TReturnRuleCode,
  type TReturnRules,
} from '@zhilv/contracts';

/**
 * The rules of 无理由退货, pure: no database, no clock of their own. The 30-day window is seed 004's; the shop's
 * hours to answer and the hours to refund or exchange are local rules (本地规则, return_rules: no seed or law
 * gives them), passed in. The window arithmetic and the messages are in @zhilv/contracts/returns.ts so the
 * portal refuses with the same codes and words.
 *
 * - Business: a shop (RETURNABLE_BUSINESS_KINDS) that has signed the return pledge (无理由退货承诺).
 * - Window: the purchase day is not after the request day and at most RETURN_WINDOW_DAYS (30) calendar days
 *   before it, both days in Asia/Shanghai; day 30 is in.
 * - Goods: the category is in the goods catalogue and in its scope; one out of scope is refused by the rule it
 *   names, or by the general out-of-scope rule.
 */
export {
  calendarDaysBetween,
  checkReturnWindow,
  DEFAULT_RETURN_RULES,
  excludedBy,
  GOODS_CATEGORIES,
  RETURN_WINDOW_DAYS,
  shanghaiDay,
} from '@zhilv/contracts';

/** What the catalogue says of one category (null: not in the catalogue). */
export type TCatalogueFacts = { inScope: boolean; excludedBy: string | null } | null;

export type TEligibilityInput = {
  purchasedOn: string;
  businessKind: string;
  /** when the business signed the return pledge (null: it has not) */
  pledgeSignedAt: Date | null;
  goods: TCatalogueFacts;
};

/** The rule a catalogue entry refuses by, or null when its goods may be returned. */
export function goodsRule(goods: TCatalogueFacts): TReturnRuleCode | null {
  if (!goods) return 'return_goods_unknown';
  if (goods.inScope) return null;
  return (goods.excludedBy as TReturnRuleCode | null) ?? 'return_goods_out_of_scope';
}

/**
 * The first rule that refuses this request filed at `now`, or null when it may be filed. Order: business (kind,
 * then the pledge — signed before the request), then dates, then goods: the most basic objection first.
 */
export function checkEligibility(input: TEligibilityInput, now: Date): TReturnRuleCode | null {
  if (!(RETURNABLE_BUSINESS_KINDS as readonly string[]).includes(input.businessKind)) return 'return_business_not_shop';
  if (!input.pledgeSignedAt || input.pledgeSignedAt.getTime() > now.getTime()) return 'return_no_pledge';
  return checkReturnWindow(input.purchasedOn, shanghaiDay(now)) ?? goodsRule(input.goods);
}

/** The field a rule's refusal points at. */
export function fieldOf(rule: TReturnRuleCode): 'businessId' | 'goodsCategory' | 'purchasedOn' {
  if (rule === 'return_business_not_shop' || rule === 'return_no_pledge') return 'businessId';
  if (rule.startsWith('return_excluded') || rule.startsWith('return_goods')) return 'goodsCategory';
  return 'purchasedOn';
}

const HOUR = 3_600_000;

/** When the shop's answer is due: the local rule's hours after filing. */
export function shopDueAt(filedAt: Date, rules: Pick<TReturnRules, 'shopAnswerHours'>): Date {
  return new Date(filedAt.getTime() + rules.shopAnswerHours * HOUR);
}

/** When the accepted refund or exchange is due: the local rule's hours after the acceptance. */
export function refundDueAt(acceptedAt: Date, rules: Pick<TReturnRules, 'refundHours'>): Date {
  return new Date(acceptedAt.getTime() + rules.refundHours * HOUR);
}

/** The reminder to the shop before its refund deadline: when 80% of the time has gone. */
export function refundRemindAt(acceptedAt: Date, dueAt: Date): Date {
  return new Date(acceptedAt.getTime() + Math.floor((dueAt.getTime() - acceptedAt.getTime()) * 0.8));
}

/** May the shop still answer at `now`? Up to and including the due instant. */
export const shopMayAnswer = (dueAt: Date, now: Date) => now.getTime() <= dueAt.getTime();

/** Whole hours (rounded up) between two instants, for texts ("within 72 hours"). */
export const hoursBetween = (from: Date, to: Date) => Math.ceil((to.getTime() - from.getTime()) / HOUR);

/** How the shop's part ended, from the stored columns (status and whether it ever answered). */
export function shopDecision(r: {
  status: string;
  shopAnsweredAt: Date | null;
  outcome?: string | null;
}): 'accepted' | 'refused' | 'silence' | null {
  if (r.outcome || r.status === 'accepted' || r.status === 'refunded' || r.status === 'exchanged') return 'accepted';
  if (r.shopAnsweredAt) return 'refused';
  if (r.status === 'escalated' || r.status === 'compensated') return 'silence';
  return null;
}

/** Advance compensation is at most what was paid. */
export const compensationAllowed = (amountFen: number, purchaseFen: number) =>
  amountFen > 0 && amountFen <= purchaseFen;

/**
 * 先行赔付 on an ordinary work order: a complaint still on file (not rejected as unfounded, not merged into
 * another); one that came from a return request is compensated on the request (with its purchase-amount cap).
 */
export function ordinaryCompensationRule(
  order: { kind: string; status: string },
  fromReturn: boolean,
): 'compensation_not_complaint' | 'compensation_use_return' | null {
  if (order.kind !== 'complaint' || order.status === 'unfounded' || order.status === 'merged')
    return 'compensation_not_complaint';
  if (fromReturn) return 'compensation_use_return';
  return null;
}

/** Yuan with two decimals from fen, for texts (¥12.50). */
export const yuan = (fen: number) => `¥${(fen / 100).toFixed(2)}`;

/** The work order's timeline note for 先行赔付: amount, the request it settles, the department's own note. */
export const compensationNote = (trackingNo: string, amountFen: number, note: string) =>
  `${yuan(amountFen)} · 退货申请 return request ${trackingNo} · ${note}`;
