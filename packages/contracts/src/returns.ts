import { z } from 'zod';
import { text } from './common.js';
import { ZDay } from './reservations.js';

/**
 * 无理由退货 no-reason returns (seed 004: Lijiang, 30 days). The rule data and the pure day arithmetic live here
 * so that the server (apps/server/src/modules/returns/returns.rules.ts) and the portal's form refuse with the
 * same rule code and the same words. Days are calendar days in the prefecture's zone (Asia/Shanghai, UTC+8).
 */

/**
 * A purchase may be returned on the request day if it was bought at most this many calendar days before. Day 30
 * is IN: bought on 1 November, a request on 1 December (30 days later) is accepted, one on 2 December is not.
 */
export const RETURN_WINDOW_DAYS = 30;

/**
 * The returns' local rules (本地规则): the shop's hours to answer and the hours to refund or exchange once it
 * accepted. No seed or law gives these numbers — they are the prefecture's own choice, edited by the system admin
 * (return_rules); these are the defaults of a fresh installation.
 */
export const DEFAULT_RETURN_RULES = { shopAnswerHours: 72, refundHours: 168 } as const;
export const ZReturnRules = z.strictObject({
  shopAnswerHours: z.number().int().min(1).max(720),
  refundHours: z.number().int().min(1).max(720),
});
export type TReturnRules = z.infer<typeof ZReturnRules>;

/**
 * Only shops (购物店) take no-reason returns. Scenic spots, hotels, homestays, travel agencies, transport and
 * entertainment sell services (tickets, rooms, tours, rides), which the rule does not cover — their disputes are
 * complaints (work orders) of their own category; restaurants sell food that is perishable by nature; online
 * operators fall under the e-commerce law's own 7-day rule, not the prefecture's on-site 30-day promise.
 */
export const RETURNABLE_BUSINESS_KINDS = ['shop'] as const;

/** Every rule a request can be refused by: its code (the API's error code) and its words in both languages. */
export const RETURN_RULE_MESSAGES = {
  return_purchase_in_future: {
    zh: '购买日期不能晚于今天',
    en: 'The purchase date cannot be later than today',
  },
  return_window_passed: {
    zh: '已超过30天无理由退货期限（购买当日起第30天仍可申请）',
    en: 'The 30-day no-reason return period has passed (day 30 after the purchase is still in)',
  },
  return_no_pledge: {
    zh: '该商家尚未签署无理由退货承诺，请通过投诉反映',
    en: 'This shop has not signed the no-reason return pledge; please file a complaint instead',
  },
  return_goods_unknown: {
    zh: '商品类别不在退货商品目录中',
    en: 'This goods category is not in the return goods catalogue',
  },
  return_goods_out_of_scope: {
    zh: '该类商品不在无理由退货商品目录范围内',
    en: 'These goods are outside the no-reason return catalogue’s scope',
  },
  return_business_not_shop: {
    zh: '该经营主体不是购物店，不适用无理由退货，请通过投诉反映',
    en: 'This business is not a shop: no-reason returns do not apply; please file a complaint instead',
  },
  return_excluded_perishable: {
    zh: '鲜活易腐食品不适用无理由退货',
    en: 'Fresh and perishable food is excluded from no-reason returns',
  },
  return_excluded_custom: {
    zh: '定制或按要求加工的商品不适用无理由退货',
    en: 'Customised or made-to-order goods are excluded from no-reason returns',
  },
  return_excluded_hygiene: {
    zh: '已拆封的个人卫生用品不适用无理由退货',
    en: 'Opened personal-hygiene items are excluded from no-reason returns',
  },
  return_excluded_damaged: {
    zh: '因购买者原因损坏的商品不适用无理由退货',
    en: 'Goods damaged by the buyer are excluded from no-reason returns',
  },
  return_excluded_digital: {
    zh: '数字化商品或已下载的商品不适用无理由退货',
    en: 'Digital or downloaded goods are excluded from no-reason returns',
  },
  return_excluded_used_service: {
    zh: '已使用的门票或已享受的服务不适用无理由退货',
    en: 'Tickets and services already used are excluded from no-reason returns',
  },
} as const;
export type TReturnRuleCode = keyof typeof RETURN_RULE_MESSAGES;

/**
 * The goods catalogue as a fresh installation has it (migration 0026 seeds return_goods_catalogue with these): the
 * admin edits the table afterwards, and the server and the portal read the table. The excluded ones name the
 * rule that excludes them.
 */
export const GOODS_CATEGORIES = [
  { code: 'crafts', zh: '工艺品、纪念品', en: 'Crafts and souvenirs', excludedBy: null },
  { code: 'silver_jewelry', zh: '银器、首饰', en: 'Silverware and jewellery', excludedBy: null },
  { code: 'jade_gems', zh: '玉石、珠宝', en: 'Jade and gems', excludedBy: null },
  { code: 'tea', zh: '茶叶（未拆封）', en: 'Tea (unopened)', excludedBy: null },
  { code: 'silk', zh: '丝绸、刺绣、扎染制品', en: 'Silk, embroidery and tie-dye', excludedBy: null },
  {
    code: 'handicrafts',
    zh: '手工艺品（木雕、陶器、铜器）',
    en: 'Handicrafts (wood, pottery, copper)',
    excludedBy: null,
  },
  { code: 'packaged_specialty', zh: '预包装土特产', en: 'Packaged local specialties', excludedBy: null },
  { code: 'clothing', zh: '服装、鞋帽、民族服饰', en: 'Clothing, shoes and ethnic dress', excludedBy: null },
  { code: 'electronics', zh: '电子产品', en: 'Electronics', excludedBy: null },
  { code: 'other_goods', zh: '其他商品', en: 'Other goods', excludedBy: null },
  {
    code: 'fresh_food',
    zh: '鲜活易腐食品（鲜花饼、菌子等）',
    en: 'Fresh or perishable food',
    excludedBy: 'return_excluded_perishable',
  },
  {
    code: 'custom_made',
    zh: '定制、刻字、按要求加工的商品',
    en: 'Customised goods',
    excludedBy: 'return_excluded_custom',
  },
  {
    code: 'opened_hygiene',
    zh: '已拆封的个人卫生用品',
    en: 'Opened personal-hygiene items',
    excludedBy: 'return_excluded_hygiene',
  },
  {
    code: 'buyer_damaged',
    zh: '因本人原因损坏的商品',
    en: 'Goods damaged by the buyer',
    excludedBy: 'return_excluded_damaged',
  },
  {
    code: 'digital',
    zh: '数字化或下载类商品',
    en: 'Digital or downloaded goods',
    excludedBy: 'return_excluded_digital',
  },
  {
    code: 'used_ticket_service',
    zh: '已使用的门票、服务',
    en: 'Tickets or services already used',
    excludedBy: 'return_excluded_used_service',
  },
] as const satisfies readonly {
  code: string;
  zh: string;
  en: string;
  excludedBy: TReturnRuleCode | null;
}[];
export const GOODS_CATEGORY_CODES = GOODS_CATEGORIES.map((c) => c.code) as unknown as readonly [
  (typeof GOODS_CATEGORIES)[number]['code'],
  ...(typeof GOODS_CATEGORIES)[number]['code'][],
];
/** A catalogue code (the catalogue is a table the admin edits: the server checks the code is in it). */
export const ZGoodsCategory = text()
  .trim()
  .regex(/^[a-z][a-z0-9_]{1,39}$/, 'goods_code_invalid');
export type TGoodsCategory = z.infer<typeof ZGoodsCategory>;

/** One row of the goods catalogue, as read and as the admin writes it. */
export const ZGoodsCatalogueEntry = z.strictObject({
  code: ZGoodsCategory,
  nameZh: text().trim().min(1).max(60),
  nameEn: text().trim().min(1).max(80),
  inScope: z.boolean(),
  sort: z.number().int().min(0).max(1000).default(0),
});
export type TGoodsCatalogueEntry = z.infer<typeof ZGoodsCatalogueEntry>;
export const ZGoodsCatalogueItem = z.object({
  code: z.string(),
  nameZh: z.string(),
  nameEn: z.string(),
  inScope: z.boolean(),
  excludedBy: z.string().nullable(),
  sort: z.number().int(),
});
export type TGoodsCatalogueItem = z.infer<typeof ZGoodsCatalogueItem>;

/** 无理由退货承诺 as the admin sees who signed, and as a business sees its own. */
export const ZReturnPledgeView = z.object({
  businessId: z.string(),
  businessName: z.string().nullable(),
  businessNameEn: z.string().nullable(),
  signedAt: z.string().nullable(),
});
export type TReturnPledgeView = z.infer<typeof ZReturnPledgeView>;

export const goodsCategory = (code: string) => GOODS_CATEGORIES.find((c) => c.code === code);

/** The calendar day (YYYY-MM-DD) of an instant in Asia/Shanghai (UTC+8 all year, no daylight saving). */
export function shanghaiDay(at: Date): string {
  return new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}

/** Whole calendar days from day `a` to day `b` (both YYYY-MM-DD); negative when b is before a. */
export function calendarDaysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

/** The 30-day window: null when a purchase on `purchasedOn` may be returned on `requestDay`, else the rule. */
export function checkReturnWindow(purchasedOn: string, requestDay: string): TReturnRuleCode | null {
  const days = calendarDaysBetween(purchasedOn, requestDay);
  if (days < 0) return 'return_purchase_in_future';
  if (days > RETURN_WINDOW_DAYS) return 'return_window_passed';
  return null;
}

/** The rule that excludes a goods category, or null when it may be returned. */
export const excludedBy = (code: string): TReturnRuleCode | null => goodsCategory(code)?.excludedBy ?? null;

export const RETURN_STATUSES = [
  'submitted',
  'accepted',
  'refunded',
  'exchanged',
  'refused',
  'escalated',
  'compensated',
] as const;
export const ZReturnStatus = z.enum(RETURN_STATUSES);
export type TReturnStatus = z.infer<typeof ZReturnStatus>;
export const RETURN_STATUS_LABELS: Record<TReturnStatus, { zh: string; en: string }> = {
  submitted: { zh: '待商家答复', en: 'Awaiting the shop' },
  accepted: { zh: '商家同意，待退款/换货', en: 'Accepted: refund or exchange to come' },
  refunded: { zh: '已退货退款', en: 'Refunded' },
  exchanged: { zh: '已退换货', en: 'Exchanged' },
  refused: { zh: '商家拒绝', en: 'Refused by the shop' },
  escalated: { zh: '已转市场监管处理', en: 'Passed to market supervision' },
  compensated: { zh: '已先行赔付', en: 'Advance compensation paid' },
};

/** 游客申请无理由退货. Amount in fen (分); the receipt is an upload id from POST /api/files. */
export const ZCreateReturnRequest = z.strictObject({
  businessId: text().uuid(),
  item: text().trim().min(1).max(100),
  goodsCategory: ZGoodsCategory,
  amountFen: z.number().int().min(1).max(10_000_000),
  purchasedOn: ZDay,
  reason: text().trim().min(2).max(1000),
  receiptFileId: text().uuid(),
  /** 发票/小票号 */
  invoiceNo: text().trim().min(1).max(64),
});
export type TCreateReturnRequest = z.infer<typeof ZCreateReturnRequest>;

/** What a shop accepts to do: 退货退款 (take the goods back, pay back) or 退换货 (exchange the goods). */
export const RETURN_OUTCOMES = ['refund', 'exchange'] as const;
export type TReturnOutcome = (typeof RETURN_OUTCOMES)[number];
export const RETURN_OUTCOME_LABELS: Record<TReturnOutcome, { zh: string; en: string }> = {
  refund: { zh: '退货退款', en: 'Refund' },
  exchange: { zh: '退换货', en: 'Exchange' },
};

/** The shop's answer: accept (a refund, or an exchange), or refuse with a reason (required). */
export const ZReturnAnswerRequest = z
  .strictObject({
    decision: z.enum(['accept', 'refuse']),
    outcome: z.enum(RETURN_OUTCOMES).default('refund'),
    note: text().trim().max(1000).default(''),
  })
  .refine((a) => a.decision === 'accept' || a.note.length >= 2, { message: 'field_required', path: ['note'] });
export type TReturnAnswerRequest = z.input<typeof ZReturnAnswerRequest>;

/** 先行赔付 recorded by the department: amount in fen, at most the purchase amount; a note on the decision. */
export const ZReturnCompensationRequest = z.strictObject({
  amountFen: z.number().int().min(1).max(10_000_000),
  note: text().trim().min(2).max(1000),
});
export type TReturnCompensationRequest = z.infer<typeof ZReturnCompensationRequest>;

/** The shop records the refund or exchange done (within the refund rule's hours), with an optional note. */
export const ZReturnCompleteRequest = z.strictObject({ note: text().trim().max(1000).default('') });
export type TReturnCompleteRequest = z.input<typeof ZReturnCompleteRequest>;

/** 先行赔付 on an ordinary complaint, decided by the command center: the work order, amount in fen, a note. */
export const ZFundPayoutRequest = z.strictObject({
  workOrderId: text().uuid(),
  amountFen: z.number().int().min(1).max(10_000_000),
  note: text().trim().min(2).max(1000),
});
export type TFundPayoutRequest = z.infer<typeof ZFundPayoutRequest>;

/** A line of the fund's ledger. */
export const ZFundLedgerEntry = z.object({
  id: z.string(),
  workOrderId: z.string(),
  workOrderTrackingNo: z.string().nullable(),
  returnRequestId: z.string().nullable(),
  businessId: z.string().nullable(),
  businessName: z.string().nullable(),
  amountFen: z.number().int(),
  note: z.string(),
  decidedRole: z.string(),
  at: z.string(),
});
export type TFundLedgerEntry = z.infer<typeof ZFundLedgerEntry>;
export const ZFundLedger = z.object({ items: z.array(ZFundLedgerEntry), totalFen: z.number().int() });
export type TFundLedger = z.infer<typeof ZFundLedger>;

export const ZReturnListQuery = z.object({
  status: ZReturnStatus.optional(),
  page: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
  lang: text().optional(),
});
export type TReturnListQuery = z.infer<typeof ZReturnListQuery>;

export const RETURN_TIMELINE_ACTIONS = [
  'filed',
  'accepted',
  'refused',
  'silence',
  'completed',
  'refund_overdue',
  'escalated',
  'compensated',
] as const;
export const ZReturnTimelineEntry = z.object({
  action: z.enum(RETURN_TIMELINE_ACTIONS),
  at: z.string(),
  note: z.string().nullable(),
});
export type TReturnTimelineEntry = z.infer<typeof ZReturnTimelineEntry>;

export const ZReturnRequestView = z.object({
  id: z.string(),
  trackingNo: z.string(),
  status: ZReturnStatus,
  businessId: z.string(),
  businessName: z.string().nullable(),
  businessNameEn: z.string().nullable(),
  item: z.string(),
  goodsCategory: z.string(),
  amountFen: z.number().int(),
  purchasedOn: z.string(),
  reason: z.string().nullable(),
  receiptFileId: z.string().nullable(),
  invoiceNo: z.string().nullable(),
  goodsCategoryName: z.string().nullable(),
  goodsCategoryNameEn: z.string().nullable(),
  /** the tourist as the shop and the department see them: name and masked phone */
  touristName: z.string().nullable(),
  touristPhoneMasked: z.string().nullable(),
  shopDueAt: z.string(),
  shopAnsweredAt: z.string().nullable(),
  /** 'accepted' | 'refused' once the shop answered; 'silence' when the deadline passed without an answer */
  shopDecision: z.enum(['accepted', 'refused', 'silence']).nullable(),
  shopNote: z.string().nullable(),
  outcome: z.enum(RETURN_OUTCOMES).nullable(),
  refundDueAt: z.string().nullable(),
  completedAt: z.string().nullable(),
  workOrderId: z.string().nullable(),
  workOrderTrackingNo: z.string().nullable(),
  escalatedAt: z.string().nullable(),
  compensationFen: z.number().int().nullable(),
  compensatedAt: z.string().nullable(),
  compensationNote: z.string().nullable(),
  createdAt: z.string(),
  timeline: z.array(ZReturnTimelineEntry),
  /** what this viewer may do now */
  can: z.object({ answer: z.boolean(), complete: z.boolean(), compensate: z.boolean() }),
});
export type TReturnRequestView = z.infer<typeof ZReturnRequestView>;
