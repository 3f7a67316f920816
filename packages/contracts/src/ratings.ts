import { z } from 'zod';
import { text } from './common.js';

/** 服务评价二维码: what a rating code stands for. */
export const RATING_TARGET_TYPES = ['business', 'station', 'practitioner'] as const;
export const ZRatingTargetType = z.enum(RATING_TARGET_TYPES);
export type TRatingTargetType = z.infer<typeof ZRatingTargetType>;

export const RATING_TARGET_LABELS: Record<TRatingTargetType, { zh: string; en: string }> = {
  business: { zh: '经营主体', en: 'Business' },
  station: { zh: '红色驿站', en: 'Service station' },
  practitioner: { zh: '从业人员', en: 'Practitioner' },
};

/** The business a complaint would concern, as the appeal form's business picker shows it. */
const ZRatingBusiness = z.object({
  id: z.string(),
  name: z.string(),
  nameEn: z.string().nullable(),
  kind: z.string(),
  address: z.string().nullable(),
});

export type TRatingDimension = { code: string; zh: string; en: string };

/**
 * The stars a tourist gives, per kind of target. Every kind ends with `overall` (总体评价): the rating's
 * overall stars are the tourist's own overall score, not a mean — a rude guide with fair prices is still a
 * bad experience, and a mean would hide it.
 */
export const RATING_DIMENSIONS: Record<TRatingTargetType, TRatingDimension[]> = {
  business: [
    { code: 'attitude', zh: '服务态度', en: 'Service attitude' },
    { code: 'hygiene', zh: '环境卫生', en: 'Cleanliness' },
    { code: 'pricing', zh: '价格诚信', en: 'Honest prices' },
    { code: 'overall', zh: '总体评价', en: 'Overall' },
  ],
  station: [
    { code: 'attitude', zh: '服务态度', en: 'Service attitude' },
    { code: 'facilities', zh: '便民设施', en: 'Facilities' },
    { code: 'hygiene', zh: '环境卫生', en: 'Cleanliness' },
    { code: 'overall', zh: '总体评价', en: 'Overall' },
  ],
  practitioner: [
    { code: 'narration', zh: '讲解质量', en: 'Quality of explanation' },
    { code: 'attitude', zh: '服务态度', en: 'Service attitude' },
    { code: 'integrity', zh: '诚信守约', en: 'Honesty (no forced shopping)' },
    { code: 'overall', zh: '总体评价', en: 'Overall' },
  ],
};

/** A rating of this many stars or fewer, with a comment, may become a complaint. */
export const LOW_RATING_MAX = 2;

/** Rating codes: 10 characters of Crockford base32 (no I, L, O, U). */
export const ZRatingCode = text().regex(/^[0-9A-HJKMNP-TV-Z]{10}$/i);

/** What a scanned code shows (public): the place or person, and the stars to give. */
export const ZRatingCodeView = z.object({
  code: z.string(),
  targetType: ZRatingTargetType,
  targetId: z.string(),
  name: z.string(),
  nameEn: z.string().nullable(),
  kind: z.object({ zh: z.string(), en: z.string() }),
  /** The business a complaint would concern: the business itself, a guide's employer; null for a station. */
  business: ZRatingBusiness.nullable(),
  dimensions: z.array(z.object({ code: z.string(), zh: z.string(), en: z.string() })),
});
export type TRatingCodeView = z.infer<typeof ZRatingCodeView>;

export const ZCreateRatingRequest = z.strictObject({
  code: ZRatingCode,
  /** { dimension code: 1..5 }, every dimension of the target's kind */
  scores: z.record(text().max(40), z.number().int().min(1).max(5)),
  comment: text().trim().max(500).optional(),
  photoIds: z.array(text().uuid()).max(3).default([]),
});
export type TCreateRatingRequest = z.input<typeof ZCreateRatingRequest>;

export const ZRating = z.object({
  id: z.string(),
  code: z.string().nullable(),
  targetType: ZRatingTargetType,
  targetId: z.string(),
  targetName: z.string(),
  targetNameEn: z.string().nullable(),
  /** the Asia/Shanghai day it counts for (one per tourist per target per day) */
  day: z.string(),
  scores: z.record(z.string(), z.number()),
  overall: z.number().int(),
  comment: z.string().nullable(),
  photoIds: z.array(z.string()),
  workOrderId: z.string().nullable(),
  createdAt: z.string(),
  /** true when the rating is low (≤ 2 stars with a comment) and not yet a complaint */
  offerComplaint: z.boolean(),
  business: ZRatingBusiness.nullable(),
});
export type TRating = z.infer<typeof ZRating>;

export const ZLinkRatingWorkOrderRequest = z.strictObject({ workOrderId: text().uuid() });

export const ZRatingCodesQuery = z.object({
  targetType: ZRatingTargetType.optional(),
  q: text().trim().max(50).optional(),
  page: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});
export type TRatingCodesQuery = z.infer<typeof ZRatingCodesQuery>;

export const ZRatingCodeRow = z.object({
  code: z.string(),
  url: z.string(),
  targetType: ZRatingTargetType,
  targetId: z.string(),
  name: z.string(),
  nameEn: z.string().nullable(),
  kind: z.object({ zh: z.string(), en: z.string() }),
  average: z.number().nullable(),
  count: z.number().int(),
  dimensions: z.record(z.string(), z.number()),
});
export type TRatingCodeRow = z.infer<typeof ZRatingCodeRow>;

export const ZRatingSheetsRequest = z.strictObject({ codes: z.array(ZRatingCode).min(1).max(200) });

export const ZTargetRatingsQuery = z.object({
  page: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});

/** A rating as staff see it: the tourist's phone masked. */
export const ZStaffRating = z.object({
  id: z.string(),
  day: z.string(),
  overall: z.number().int(),
  scores: z.record(z.string(), z.number()),
  comment: z.string().nullable(),
  photoIds: z.array(z.string()),
  touristPhoneMasked: z.string().nullable(),
  workOrderId: z.string().nullable(),
  createdAt: z.string(),
});
export type TStaffRating = z.infer<typeof ZStaffRating>;
