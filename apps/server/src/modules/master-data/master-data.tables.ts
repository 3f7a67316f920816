import { sql } from 'drizzle-orm';
import {
  bigserial,
  boolean,
  check,
  doublePrecision,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';

/** 行政区划, GB/T 2260 codes: prefecture → county → township → village. */
export const regions = pgTable(
  'regions',
  {
    code: text('code').primaryKey(),
    name: text('name').notNull(),
    parentCode: text('parent_code'),
    level: integer('level').notNull(),
  },
  (t) => [index('regions_parent_idx').on(t.parentCode)],
);

export const departments = pgTable('departments', {
  id: uuid('id').primaryKey().defaultRandom(),
  code: text('code').notNull().unique(),
  name: text('name').notNull(),
  nameEn: text('name_en').notNull(),
  regionCode: text('region_code'),
  /** DEPARTMENT_KINDS (contracts): a supervising bureau, a county government, the command center … */
  kind: text('kind').notNull().default('bureau'),
  /** an inactive department keeps its history but takes no new work */
  active: boolean('active').notNull().default(true),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const businesses = pgTable(
  'businesses',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    nameEn: text('name_en'),
    kind: text('kind').notNull(),
    uscc: text('uscc').notNull().unique(),
    /** A-level for scenic spots 1..5, stars for hotels 1..5, grade text for homestays (甲级/乙级…) */
    aLevel: integer('a_level'),
    stars: integer('stars'),
    grade: text('grade'),
    address: text('address').notNull().default(''),
    lng: doublePrecision('lng'),
    lat: doublePrecision('lat'),
    regionCode: text('region_code').notNull(),
    gridId: uuid('grid_id'),
    contactName: text('contact_name'),
    contactPhone: text('contact_phone'),
    /** Public profile for the portal directory (C2). */
    openingHours: text('opening_hours'),
    intro: text('intro'),
    introEn: text('intro_en'),
    /** 经营许可证 number shown on the public credit record. */
    licenseNo: text('license_no'),
    /** Badge codes (示范商户 model_shop, 诚信经营示范门店 honest_shop, 党员管理示范户 party_model …). */
    badges: text('badges').array().notNull().default(sql`'{}'::text[]`),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('businesses_region_idx').on(t.regionCode),
    index('businesses_name_idx').on(t.name),
    // a grid's businesses (its page, its worker's scope, the count in the grid list): migration 0018_grids
    index('businesses_grid_idx').on(t.gridId),
  ],
);

/** 从业人员: guides, tour leaders, narrators, drivers … */
export const practitioners = pgTable('practitioners', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  kind: text('kind').notNull(),
  licenseNo: text('license_no'),
  idNumber: text('id_number'),
  phone: text('phone'),
  businessId: uuid('business_id'),
  regionCode: text('region_code'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/** 明码标价: the prices a business posts, shown on its public page. Amounts in fen (分). */
export const businessPrices = pgTable(
  'business_prices',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    businessId: uuid('business_id')
      .notNull()
      .references(() => businesses.id),
    item: text('item').notNull(),
    itemEn: text('item_en'),
    priceFen: integer('price_fen').notNull(),
    unit: text('unit').notNull(),
    unitEn: text('unit_en'),
    sort: integer('sort').notNull().default(0),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('business_prices_business_idx').on(t.businessId, t.sort),
    check('business_prices_price_ck', sql`${t.priceFen} >= 0`),
  ],
);
