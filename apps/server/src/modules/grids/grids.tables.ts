import { sql } from 'drizzle-orm';
import { boolean, check, date, index, integer, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from '../accounts/accounts.tables.js';
import { businesses } from '../master-data/master-data.tables.js';

/**
 * 网格: a region's unit of supervision. Which grid a business is in stays `businesses.grid_id` (master data's
 * column, written through master data's `setBusinessGrid`): one nullable column is "exactly one grid, or none yet"
 * by construction, and the business form, its import, its list and its search already read and write it — an
 * assignment table would hold the same fact twice. What only grids know (members, the 包保 official) is here.
 */
export const grids = pgTable(
  'grids',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    code: text('code').notNull().unique(),
    name: text('name').notNull(),
    /** shown in English mode when set */
    nameEn: text('name_en'),
    regionCode: text('region_code').notNull(),
    /** 专属网格: the leader whose own grid this is (A-level scenic spots sit in one); null for an ordinary grid */
    leaderUserId: uuid('leader_user_id').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('grids_region_idx').on(t.regionCode)],
);

/** 网格长 / 网格员 of a grid, full- or part-time. A worker may serve several grids; once per grid. */
export const gridMembers = pgTable(
  'grid_members',
  {
    gridId: uuid('grid_id')
      .notNull()
      .references(() => grids.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    role: text('role').notNull(),
    employment: text('employment').notNull().default('full_time'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.gridId, t.userId] }),
    // gridScopeOf reads a user's grids on every request of a grid worker
    index('grid_members_user_idx').on(t.userId),
    check('grid_members_role_ck', sql`${t.role} in ('grid_head', 'grid_worker')`),
    check('grid_members_employment_ck', sql`${t.employment} in ('full_time', 'part_time')`),
  ],
);

/** 包保 (谁包保，谁负责): the leader or official answerable for a business; one per business. */
export const businessGuarantors = pgTable(
  'business_guarantors',
  {
    businessId: uuid('business_id')
      .primaryKey()
      .references(() => businesses.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('business_guarantors_user_idx').on(t.userId)],
);

/** 责任状 templates (安全生产, 护林防火 …): the text a letter is issued with. */
export const letterTemplates = pgTable('letter_templates', {
  id: uuid('id').primaryKey().defaultRandom(),
  code: text('code').notNull().unique(),
  topic: text('topic').notNull(),
  title: text('title').notNull(),
  titleEn: text('title_en'),
  body: text('body').notNull(),
  periodMonths: integer('period_months').notNull().default(12),
  partyAName: text('party_a_name').notNull(),
  active: boolean('active').notNull().default(true),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * A letter issued to a business. `text` is frozen at issue (the template may change later): it is what the
 * business reads, signs and what the PDF prints; `text_sha256` is its hash, kept with the signature.
 */
export const responsibilityLetters = pgTable(
  'responsibility_letters',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    templateId: uuid('template_id')
      .notNull()
      .references(() => letterTemplates.id),
    topic: text('topic').notNull(),
    businessId: uuid('business_id')
      .notNull()
      .references(() => businesses.id),
    title: text('title').notNull(),
    titleEn: text('title_en'),
    text: text('text').notNull(),
    textSha256: text('text_sha256').notNull(),
    partyAName: text('party_a_name').notNull(),
    partyAUserId: uuid('party_a_user_id')
      .notNull()
      .references(() => users.id),
    periodStart: date('period_start', { mode: 'string' }).notNull(),
    periodEnd: date('period_end', { mode: 'string' }).notNull(),
    status: text('status').notNull().default('issued'),
    signedName: text('signed_name'),
    signedAt: timestamp('signed_at', { withTimezone: true }),
    signedByUserId: uuid('signed_by_user_id'),
    signedVia: text('signed_via'),
    scanFileId: uuid('scan_file_id'),
    issuedByUserId: uuid('issued_by_user_id'),
    issuedAt: timestamp('issued_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('responsibility_letters_business_idx').on(t.businessId),
    index('responsibility_letters_status_end_idx').on(t.status, t.periodEnd),
    check('responsibility_letters_status_ck', sql`${t.status} in ('issued', 'signed')`),
    check('responsibility_letters_period_ck', sql`${t.periodEnd} >= ${t.periodStart}`),
    check(
      'responsibility_letters_signed_ck',
      sql`(${t.status} = 'signed') = (${t.signedAt} is not null and ${t.signedName} is not null)`,
    ),
  ],
);
