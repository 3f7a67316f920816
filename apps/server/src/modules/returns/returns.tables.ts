import { sql } from 'drizzle-orm';
import { boolean, check, date, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

/**
 * 无理由退货 (seed 004: 30 days). A tourist asks a shop that signed the return pledge to take back goods in the
 * catalogue's scope; the request is registered as a work order (source `return`) when filed. The shop answers
 * within the local rule's hours; it accepts (refund or exchange, done within the refund rule's hours) or
 * refuses; a refusal or silence passes the order to market supervision, which may record 先行赔付 (advance
 * compensation) paid from the fund (compensation_fund_ledger). Amounts in fen (分).
 */
export const returnRequests = pgTable(
  'return_requests',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    trackingNo: text('tracking_no').notNull().unique(),
    touristUserId: uuid('tourist_user_id').notNull(),
    businessId: uuid('business_id').notNull(),
    item: text('item').notNull(),
    /** Goods category code; some are excluded from no-reason returns by rule. */
    goodsCategory: text('goods_category').notNull(),
    amountFen: integer('amount_fen').notNull(),
    purchasedOn: date('purchased_on', { mode: 'string' }).notNull(),
    reason: text('reason'),
    receiptFileId: uuid('receipt_file_id'),
    /** 发票/小票号 the invoice or till-receipt number (null on requests filed before it was asked) */
    invoiceNo: text('invoice_no'),
    /**
     * submitted → accepted → refunded | exchanged; submitted → escalated (refused or no answer) → compensated;
     * accepted → escalated when the refund or exchange is not done in time
     */
    status: text('status').notNull().default('submitted'),
    shopDueAt: timestamp('shop_due_at', { withTimezone: true }).notNull(),
    shopAnsweredAt: timestamp('shop_answered_at', { withTimezone: true }),
    shopNote: text('shop_note'),
    /** what the shop accepted to do: 'refund' (退货退款) or 'exchange' (退换货) */
    outcome: text('outcome'),
    /** when the accepted refund or exchange is due (the local rule's hours after the acceptance) */
    refundDueAt: timestamp('refund_due_at', { withTimezone: true }),
    /** when the shop recorded the refund or exchange done */
    completedAt: timestamp('completed_at', { withTimezone: true }),
    workOrderId: uuid('work_order_id'),
    escalatedAt: timestamp('escalated_at', { withTimezone: true }),
    compensationFen: integer('compensation_fen'),
    compensatedAt: timestamp('compensated_at', { withTimezone: true }),
    compensatedBy: uuid('compensated_by'),
    compensationNote: text('compensation_note'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('return_requests_tourist_idx').on(t.touristUserId, t.createdAt),
    index('return_requests_business_idx').on(t.businessId, t.createdAt),
    check('return_requests_amount_ck', sql`${t.amountFen} > 0`),
    check(
      'return_requests_status_ck',
      sql`${t.status} in ('submitted', 'accepted', 'refused', 'refunded', 'exchanged', 'escalated', 'compensated')`,
    ),
    check('return_requests_outcome_ck', sql`${t.outcome} is null or ${t.outcome} in ('refund', 'exchange')`),
    check('return_requests_compensation_ck', sql`${t.compensationFen} is null or ${t.compensationFen} > 0`),
  ],
);

/**
 * The returns' local rules (本地规则), one row: how many hours the shop has to answer, and how many to refund or
 * exchange once it accepted. Not from a seed or a law — the prefecture's own choice, edited by the system admin.
 */
export const returnRules = pgTable('return_rules', {
  id: text('id').primaryKey().default('default'),
  shopAnswerHours: integer('shop_answer_hours').notNull().default(72),
  refundHours: integer('refund_hours').notNull().default(168),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * 无理由退货承诺: a business's signed pledge to take no-reason returns (one per business; withdrawn = deleted).
 * `signedBy` is the business account that signed (null: recorded by the demo loader).
 */
export const returnPledges = pgTable('return_pledges', {
  businessId: uuid('business_id').primaryKey(),
  signedAt: timestamp('signed_at', { withTimezone: true }).notNull(),
  signedBy: uuid('signed_by'),
});

/**
 * The goods catalogue (the province's 30-day no-reason-return scope catalogue as the prefecture keeps it): goods
 * categories in or out of scope, edited by the admin. `excludedBy` names the rule a category out of scope is
 * refused by (null: the general "out of scope" rule).
 */
export const returnGoodsCatalogue = pgTable('return_goods_catalogue', {
  code: text('code').primaryKey(),
  nameZh: text('name_zh').notNull(),
  nameEn: text('name_en').notNull(),
  inScope: boolean('in_scope').notNull(),
  excludedBy: text('excluded_by'),
  sort: integer('sort').notNull().default(0),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * The advance-compensation fund's ledger (先行赔付基金台账): every payout the command center or the department
 * decided, on a return request's work order or an ordinary complaint; one payout per work order.
 */
export const compensationFundLedger = pgTable(
  'compensation_fund_ledger',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workOrderId: uuid('work_order_id').notNull(),
    returnRequestId: uuid('return_request_id'),
    businessId: uuid('business_id'),
    amountFen: integer('amount_fen').notNull(),
    note: text('note').notNull(),
    decidedBy: uuid('decided_by'),
    decidedRole: text('decided_role').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('compensation_fund_ledger_order_uq').on(t.workOrderId),
    index('compensation_fund_ledger_at_idx').on(t.at),
    check('compensation_fund_ledger_amount_ck', sql`${t.amountFen} > 0`),
  ],
);
