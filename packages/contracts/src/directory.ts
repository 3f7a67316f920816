import { z } from 'zod';
import { text } from './common.js';
import { ZPledge, ZPublicCreditEvent, ZPublicDishonestEntry } from './credit.js';
import { ZBusinessKind } from './master-data.js';

/**
 * English names of the prefecture's counties by GB/T 2260 code (the regions table holds Chinese names only; the
 * same names as the county map's GeoJSON). Directory, stations and every English screen take them from here.
 */
export const COUNTY_NAMES_EN: Record<string, string> = {
  '530702': 'Gucheng District',
  '530721': 'Yulong Naxi Autonomous County',
  '530722': 'Yongsheng County',
  '530723': 'Huaping County',
  '530724': 'Ninglang Yi Autonomous County',
};

/** Public badges a business may show (公示标识). Codes in the database, labels Chinese first. */
export const BUSINESS_BADGES = ['model_shop', 'honest_shop', 'party_model', 'safe_consumption'] as const;
export const ZBusinessBadge = z.enum(BUSINESS_BADGES);
export type TBusinessBadge = z.infer<typeof ZBusinessBadge>;
export const BUSINESS_BADGE_LABELS: Record<TBusinessBadge, { zh: string; en: string }> = {
  model_shop: { zh: '示范商户', en: 'Model business' },
  honest_shop: { zh: '诚信经营示范店', en: 'Honest trading model' },
  party_model: { zh: '党员示范户', en: 'Party member model' },
  safe_consumption: { zh: '放心消费单位', en: 'Safe consumption' },
};

const ZCounty = text().regex(/^\d{6}$/);

/** GET /api/directory/businesses */
export const ZDirectoryQuery = z.object({
  kind: ZBusinessKind.optional(),
  /** county code (GB/T 2260, 6 digits): businesses registered in it or in its townships */
  region: ZCounty.optional(),
  q: text().trim().max(50).optional(),
  badge: ZBusinessBadge.optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(50).default(20),
});
export type TDirectoryQuery = z.infer<typeof ZDirectoryQuery>;

export const ZPostedPrice = z.object({
  item: z.string(),
  itemEn: z.string().nullable(),
  priceFen: z.number().int(),
  unit: z.string(),
  unitEn: z.string().nullable(),
});
export type TPostedPrice = z.infer<typeof ZPostedPrice>;

export const ZRatingBrief = z.object({ average: z.number().nullable(), count: z.number().int() });

const ZGradeFields = {
  aLevel: z.number().int().nullable(),
  stars: z.number().int().nullable(),
  grade: z.string().nullable(),
};
const ZRegionFields = {
  regionCode: z.string(),
  /** the business's own region (township or county) */
  regionName: z.string().nullable(),
  countyCode: z.string(),
  countyName: z.string().nullable(),
  countyNameEn: z.string().nullable(),
};

export const ZDirectoryItem = z.object({
  id: z.string().uuid(),
  name: z.string(),
  nameEn: z.string().nullable(),
  kind: ZBusinessKind,
  ...ZGradeFields,
  badges: z.array(z.string()),
  /** credit grade A–D or ungraded (credit module) */
  creditGrade: z.string(),
  rating: ZRatingBrief,
  ...ZRegionFields,
  /** the headline price: the first item the business posts (e.g. 标准间 ¥420/间/晚); null when nothing is posted */
  headlinePrice: ZPostedPrice.nullable(),
  /** the first few posted prices, in the business's order */
  prices: z.array(ZPostedPrice),
  lng: z.number().nullable(),
  lat: z.number().nullable(),
});
export type TDirectoryItem = z.infer<typeof ZDirectoryItem>;
export const ZDirectoryPage = z.object({
  items: z.array(ZDirectoryItem),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
export type TDirectoryPage = z.infer<typeof ZDirectoryPage>;

/** A value a later capability will fill (credit C6, inspections, dishonest list): honestly "none yet". */
export const ZPending = z.object({ value: z.null(), pending: z.literal(true) });
export type TPending = z.infer<typeof ZPending>;

/** GET /api/directory/businesses/:id */
export const ZDirectoryBusiness = ZDirectoryItem.extend({
  address: z.string(),
  openingHours: z.string().nullable(),
  intro: z.string().nullable(),
  introEn: z.string().nullable(),
  rating: ZRatingBrief.extend({ dimensions: z.record(z.string(), z.number()) }),
});
export type TDirectoryBusiness = z.infer<typeof ZDirectoryBusiness>;

/** GET /api/directory/regions: the counties with how many businesses each has. */
export const ZDirectoryCounty = z.object({
  code: z.string(),
  name: z.string(),
  nameEn: z.string().nullable(),
  count: z.number().int(),
});
export type TDirectoryCounty = z.infer<typeof ZDirectoryCounty>;

/** GET /api/credit/businesses?q= : by name (part of it) or the exact 18-character USCC. */
export const ZCreditQuery = z.object({ q: text().trim().min(2).max(50) });
export const ZCreditHit = z.object({
  id: z.string().uuid(),
  name: z.string(),
  nameEn: z.string().nullable(),
  uscc: z.string(),
  kind: ZBusinessKind,
  countyName: z.string().nullable(),
});
export type TCreditHit = z.infer<typeof ZCreditHit>;

/** GET /api/credit/businesses/:id : the public record. */
export const ZCreditRecord = z.object({
  id: z.string().uuid(),
  name: z.string(),
  nameEn: z.string().nullable(),
  uscc: z.string(),
  licenseNo: z.string().nullable(),
  kind: ZBusinessKind,
  ...ZGradeFields,
  badges: z.array(z.string()),
  ...ZRegionFields,
  address: z.string(),
  creditGrade: z.string(),
  /** public events in force, each with its rule */
  events: z.array(ZPublicCreditEvent),
  pledges: z.array(ZPledge.pick({ id: true, title: true, titleEn: true, status: true, signedAt: true })),
  /** filled when the inspections capability lands */
  inspections: ZPending,
  /** the business's current public entries on the dishonest list */
  dishonestList: z.array(ZPublicDishonestEntry),
  /** 三方评价: the latest yearly evaluation's public grade */
  evaluation: z.object({ year: z.number().int(), grade: z.enum(['A', 'B', 'C', 'D']) }).nullable(),
});
export type TCreditRecord = z.infer<typeof ZCreditRecord>;

/** PUT /api/businesses/:id/profile (system admin). */
export const ZBusinessProfileInput = z.strictObject({
  openingHours: text().trim().max(200).nullable(),
  intro: text().trim().max(1000).nullable(),
  introEn: text().trim().max(2000).nullable(),
  licenseNo: z
    .string()
    .trim()
    .max(60)
    .regex(/^[\p{Script=Han}A-Za-z0-9()（）\-/ ]*$/u)
    .nullable(),
  badges: z
    .array(ZBusinessBadge)
    .max(BUSINESS_BADGES.length)
    .refine((b) => new Set(b).size === b.length, { message: 'duplicate badge' }),
});
export type TBusinessProfileInput = z.infer<typeof ZBusinessProfileInput>;

/** 明码标价: one posted price as the business enters it. */
export const ZPostedPriceInput = z.strictObject({
  item: text().trim().min(1).max(40),
  itemEn: text().trim().max(80).nullable().optional(),
  /** in fen (分); up to ¥1,000,000 */
  priceFen: z.number().int().min(0).max(100_000_000),
  unit: text().trim().min(1).max(20),
  unitEn: text().trim().max(30).nullable().optional(),
});
export type TPostedPriceInput = z.infer<typeof ZPostedPriceInput>;
/** PUT /api/businesses/:id/prices : the whole list, in display order (replaces the posted list). */
export const ZBusinessPricesInput = z.strictObject({ prices: z.array(ZPostedPriceInput).max(30) });
export type TBusinessPricesInput = z.infer<typeof ZBusinessPricesInput>;

/** GET /api/businesses/:id/profile : what the admin (or the business, for its prices) edits. */
export const ZBusinessProfileView = z.object({
  id: z.string().uuid(),
  name: z.string(),
  kind: ZBusinessKind,
  openingHours: z.string().nullable(),
  intro: z.string().nullable(),
  introEn: z.string().nullable(),
  licenseNo: z.string().nullable(),
  badges: z.array(z.string()),
  prices: z.array(ZPostedPrice),
  updatedAt: z.string(),
});
export type TBusinessProfileView = z.infer<typeof ZBusinessProfileView>;
