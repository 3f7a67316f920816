import { z } from 'zod';
import { day, instant, text, ZId, ZPageQuery } from './common.js';
import { ZBusinessKind } from './master-data.js';
import { ZCategoryId } from './work-orders.js';

/**
 * 检查 inspections, 检查事项清单 checklists, 隐患 hazards with 限期整改 rectification, 约谈 interviews (issue 15, C4/C5).
 * The rules a phone must know before it is online again (the night/weekend test, the distance warning, the
 * deadline by severity) live here, so the offline form and the server judge the same way.
 */

export const CHECKLIST_TOPICS = [
  'fire_safety',
  'forest_fire',
  'licences',
  'price_display',
  'hygiene',
  'crowd_control',
  'special_equipment',
] as const;
export const ZChecklistTopic = z.enum(CHECKLIST_TOPICS);
export type TChecklistTopic = z.infer<typeof ZChecklistTopic>;
export const CHECKLIST_TOPIC_LABELS: Record<TChecklistTopic, { zh: string; en: string }> = {
  fire_safety: { zh: '消防安全', en: 'Fire safety' },
  forest_fire: { zh: '森林防火', en: 'Forest fire prevention' },
  licences: { zh: '证照资质', en: 'Licences' },
  price_display: { zh: '明码标价', en: 'Price display' },
  hygiene: { zh: '卫生', en: 'Hygiene' },
  crowd_control: { zh: '客流管控', en: 'Crowd control' },
  special_equipment: { zh: '特种设备', en: 'Special equipment' },
};

export const SEVERITIES = ['major', 'general', 'minor'] as const;
export const ZSeverity = z.enum(SEVERITIES);
export type TSeverity = z.infer<typeof ZSeverity>;
export const SEVERITY_LABELS: Record<TSeverity, { zh: string; en: string }> = {
  major: { zh: '重大隐患', en: 'Major' },
  general: { zh: '一般隐患', en: 'General' },
  minor: { zh: '轻微隐患', en: 'Minor' },
};
/** Days to rectify by severity unless the admin changed them (issue 15: major 3, general 7, minor 15). */
export const DEFAULT_RECTIFICATION_DAYS: Record<TSeverity, number> = { major: 3, general: 7, minor: 15 };

export const ZChecklistItem = z.object({
  key: text()
    .trim()
    .regex(/^[a-z0-9_]{1,40}$/),
  text: text().trim().min(1).max(300),
  textEn: text().trim().max(300).default(''),
  /** the severity a failure of this item carries */
  severity: ZSeverity,
  photoRequired: z.boolean().default(false),
  /** 检查依据: the law and article the item checks */
  legalBasis: text().trim().max(300).default(''),
});
export type TChecklistItem = z.infer<typeof ZChecklistItem>;

export const ZChecklistInput = z.object({
  code: text()
    .trim()
    .regex(/^[a-z0-9_]{2,40}$/),
  name: text().trim().min(1).max(100),
  nameEn: text().trim().max(100).default(''),
  topic: ZChecklistTopic,
  /** null: every kind of business */
  businessKind: ZBusinessKind.nullable().default(null),
  items: z.array(ZChecklistItem).min(1).max(100),
});
export type TChecklistInput = z.infer<typeof ZChecklistInput>;

export type TChecklistView = TChecklistInput & {
  id: string;
  version: number;
  active: boolean;
  createdAt: string;
};

export const INSPECTION_KINDS = ['patrol', 'campaign', 'random_draw', 'mystery', 'reinspection'] as const;
export const ZInspectionKind = z.enum(INSPECTION_KINDS);
export type TInspectionKind = z.infer<typeof ZInspectionKind>;
export const INSPECTION_KIND_LABELS: Record<TInspectionKind, { zh: string; en: string }> = {
  patrol: { zh: '日常巡查', en: 'Patrol' },
  campaign: { zh: '专项检查', en: 'Campaign' },
  random_draw: { zh: '双随机抽查', en: 'Random draw' },
  mystery: { zh: '暗访', en: 'Mystery visit' },
  reinspection: { zh: '复查', en: 'Re-inspection' },
};

export const OUTCOMES = ['pass', 'fail', 'not_applicable'] as const;
export const ZOutcome = z.enum(OUTCOMES);
export type TOutcome = z.infer<typeof ZOutcome>;

/** The prefecture's zone: UTC+8 all year (no daylight saving), so a fixed offset is exact. */
const SHANGHAI_MS = 8 * 3_600_000;

/**
 * "白+黑": a check between 19:00 and 07:00 Beijing time is a night check. "5+2": one on a Saturday or Sunday is a
 * weekend check (the make-up working days of the holiday calendar aside: the seed means the days people rest).
 */
export function timeFlags(at: Date): { night: boolean; weekend: boolean } {
  const local = new Date(at.getTime() + SHANGHAI_MS);
  const h = local.getUTCHours();
  const wd = local.getUTCDay();
  return { night: h >= 19 || h < 7, weekend: wd === 0 || wd === 6 };
}

/** Beyond this distance from the business's recorded position the phone warns, and the record keeps the flag. */
export const FAR_FROM_BUSINESS_M = 500;

/** Great-circle distance in metres (haversine): enough for "is the inspector at the business". */
export function distanceMetres(a: { lng: number; lat: number }, b: { lng: number; lat: number }): number {
  const r = 6_371_000;
  const rad = (d: number) => (d * Math.PI) / 180;
  const dLat = rad(b.lat - a.lat);
  const dLng = rad(b.lng - a.lng);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(dLng / 2) ** 2;
  return Math.round(2 * r * Math.asin(Math.min(1, Math.sqrt(h))));
}

export const ZItemResult = z.object({
  key: text().trim().max(40),
  outcome: ZOutcome,
  note: text().trim().max(1000).default(''),
  photoIds: z.array(ZId).max(9).default([]),
});
export type TItemResult = z.infer<typeof ZItemResult>;

/**
 * One inspection as the phone sends it, whole: the visit is walked offline and arrives in one request with its
 * Idempotency-Key, so a replay after a lost answer makes no second record.
 */
export const ZSubmitInspection = z.object({
  businessId: ZId,
  checklistId: ZId,
  kind: ZInspectionKind,
  /** 双随机: the draw's task this inspection carries out (the draws module fills it) */
  drawTaskId: ZId.nullable().default(null),
  /** 复查: the hazard this visit re-inspects */
  hazardId: ZId.nullable().default(null),
  /** when the inspector started at the business (the phone's clock, kept as said) */
  startedAt: instant(),
  position: z.object({ lng: z.number().min(-180).max(180), lat: z.number().min(-90).max(90) }).nullable(),
  /** 督查组: the other members of the team, the leader first if one leads it */
  teamUserIds: z.array(ZId).max(10).default([]),
  results: z.array(ZItemResult).min(1).max(100),
  notes: text().trim().max(2000).default(''),
  photoIds: z.array(ZId).max(9).default([]),
  /** the business's representative confirmed on the inspector's screen (typed name); else later in its account */
  confirmedByName: text().trim().max(50).nullable().default(null),
});
export type TSubmitInspection = z.infer<typeof ZSubmitInspection>;

export const ZConfirmInspection = z.object({ name: text().trim().min(1).max(50) });

export const ZInspectionListQuery = ZPageQuery.extend({
  kind: ZInspectionKind.optional(),
  businessId: ZId.optional(),
  mine: z.enum(['true', 'false']).optional(),
});
export type TInspectionListQuery = z.infer<typeof ZInspectionListQuery>;

export type TInspectionView = {
  id: string;
  kind: TInspectionKind;
  business: { id: string; name: string; nameEn: string | null };
  gridId: string | null;
  departmentId: string | null;
  inspector: { id: string | null; name: string };
  teamUserIds: string[];
  checklist: { id: string; code: string; name: string; nameEn: string; version: number };
  drawTaskId: string | null;
  reinspectsHazardId: string | null;
  startedAt: string;
  submittedAt: string;
  night: boolean;
  weekend: boolean;
  distanceM: number | null;
  farFromBusiness: boolean;
  result: 'pass' | 'fail';
  results: (TItemResult & { text: string; textEn: string; severity: TSeverity })[];
  notes: string;
  photoIds: string[];
  confirmedByName: string | null;
  confirmedAt: string | null;
  confirmedVia: 'screen' | 'account' | null;
  publishedAt: string | null;
  hazardIds: string[];
};

export const HAZARD_STATUSES = ['open', 'answered', 'closed'] as const;
export type THazardStatus = (typeof HAZARD_STATUSES)[number];
export const HAZARD_STATUS_LABELS: Record<THazardStatus, { zh: string; en: string }> = {
  open: { zh: '整改中', en: 'Being rectified' },
  answered: { zh: '待复查', en: 'Awaiting re-inspection' },
  closed: { zh: '已销号', en: 'Closed' },
};

export const ZHazardAnswer = z.object({
  text: text().trim().min(1).max(2000),
  photoIds: z.array(ZId).min(1).max(9),
});
export const ZHazardReview = z.object({
  decision: z.enum(['accept', 'reject']),
  note: text().trim().max(1000).default(''),
  /** a rejection's new deadline, in days from now (default: the severity's days) */
  days: z.number().int().min(1).max(90).optional(),
});
export const ZHazardWorkOrder = z.object({ category: ZCategoryId, note: text().trim().max(1000).default('') });
export const ZHazardReferral = z.object({ note: text().trim().min(1).max(1000) });

export const ZHazardListQuery = ZPageQuery.extend({
  status: z.enum(HAZARD_STATUSES).optional(),
  severity: ZSeverity.optional(),
  overdue: z.enum(['true', 'false']).optional(),
  businessId: ZId.optional(),
  gridId: ZId.optional(),
  departmentId: ZId.optional(),
  regionCode: text()
    .trim()
    .regex(/^\d{6}$/)
    .optional(),
});
export type THazardListQuery = z.infer<typeof ZHazardListQuery>;

export type THazardView = {
  id: string;
  hazardNo: string;
  inspectionId: string;
  business: { id: string; name: string; nameEn: string | null; regionCode: string };
  gridId: string | null;
  departmentId: string | null;
  itemKey: string;
  itemText: string;
  itemTextEn: string;
  legalBasis: string;
  severity: TSeverity;
  description: string;
  photoIds: string[];
  status: THazardStatus;
  dueAt: string;
  round: number;
  overdue: boolean;
  overdueAt: string | null;
  supervisorUserId: string | null;
  answerText: string | null;
  answerPhotoIds: string[];
  answeredAt: string | null;
  closedAt: string | null;
  closedOnTime: boolean | null;
  workOrderId: string | null;
  referralNo: string | null;
  history: { at: string; action: string; note: string }[];
  createdAt: string;
};

export const ZRectificationDays = z.object({
  major: z.number().int().min(1).max(90),
  general: z.number().int().min(1).max(90),
  minor: z.number().int().min(1).max(90),
});
export type TRectificationDays = z.infer<typeof ZRectificationDays>;

export const ZInterviewInput = z.object({
  businessId: ZId,
  incident: text().trim().min(1).max(1000),
  heldAt: instant(),
  participants: z
    .array(z.object({ name: text().trim().min(1).max(50), organisation: text().trim().max(100).default('') }))
    .min(1)
    .max(30),
  minutes: text().trim().min(1).max(10000),
  commitments: z
    .array(z.object({ text: text().trim().min(1).max(500), dueOn: day() }))
    .max(30)
    .default([]),
  followUpOn: day().nullable().default(null),
});
export type TInterviewInput = z.infer<typeof ZInterviewInput>;
export type TInterviewView = TInterviewInput & {
  id: string;
  business: { id: string; name: string; nameEn: string | null };
  departmentId: string | null;
  createdAt: string;
};

export const ZStatsQuery = z.object({
  by: z.enum(['grid', 'department', 'county']).default('county'),
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  quarter: z.coerce.number().int().min(1).max(4).optional(),
});
export type TStatsQuery = z.infer<typeof ZStatsQuery>;
export type TStatsRow = {
  key: string;
  name: string;
  nameEn: string;
  businesses: number;
  inspections: number;
  inspectedBusinesses: number;
  coverage: number;
  night: number;
  weekend: number;
  hazardsFound: number;
  hazardsClosedOnTime: number;
  hazardsOverdue: number;
};
