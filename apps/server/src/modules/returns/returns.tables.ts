import { sql } from 'drizzle-orm';
import { check, date, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * 无理由退货 (seed 004: 30 days). A tourist asks a shop to take a purchase back; the shop answers within its
 * deadline (3 days); a refusal or silence turns the request into a work order for market supervision, which may
 * record 先行赔付 (advance compensation) paid from the fund. Amounts in fen (分).
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
    /** submitted → accepted | refused | expired → escalated → compensated */
    status: text('status').notNull().default('submitted'),
    shopDueAt: timestamp('shop_due_at', { withTimezone: true }).notNull(),
    shopAnsweredAt: timestamp('shop_answered_at', { withTimezone: true }),
    shopNote: text('shop_note'),
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
      sql`${t.status} in ('submitted', 'accepted', 'refused', 'escalated', 'compensated')`,
    ),
    check('return_requests_compensation_ck', sql`${t.compensationFen} is null or ${t.compensationFen} > 0`),
  ],
);
