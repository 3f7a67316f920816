import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

/**
 * 服务评价二维码: one active code per rated place (business, station) or person (practitioner, e.g. a guide).
 * Replacing a code (停用并换新码) keeps the old one as an inactive row, so a scan of an old sheet is told it was
 * replaced (410) rather than that it never existed; the partial unique index allows any number of those.
 */
export const ratingCodes = pgTable(
  'rating_codes',
  {
    code: text('code').primaryKey(),
    targetType: text('target_type').notNull(),
    targetId: uuid('target_id').notNull(),
    active: boolean('active').notNull().default(true),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('rating_codes_target_uq').on(t.targetType, t.targetId).where(sql`${t.active}`),
    check('rating_codes_target_ck', sql`${t.targetType} in ('business', 'station', 'practitioner')`),
  ],
);

/** A tourist's rating: stars per dimension, overall 1–5; one per tourist per target per day (Asia/Shanghai). */
export const ratings = pgTable(
  'ratings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    targetType: text('target_type').notNull(),
    targetId: uuid('target_id').notNull(),
    touristUserId: uuid('tourist_user_id').notNull(),
    day: date('day', { mode: 'string' }).notNull(),
    /** { dimension code: 1..5 } */
    scores: jsonb('scores').notNull(),
    overall: integer('overall').notNull(),
    comment: text('comment'),
    photoFileIds: uuid('photo_file_ids').array().notNull().default(sql`'{}'::uuid[]`),
    /** Set when a low rating was turned into a complaint. */
    workOrderId: uuid('work_order_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('ratings_one_per_day_uq').on(t.touristUserId, t.targetType, t.targetId, t.day),
    index('ratings_target_idx').on(t.targetType, t.targetId, t.createdAt),
    check('ratings_overall_ck', sql`${t.overall} between 1 and 5`),
  ],
);
