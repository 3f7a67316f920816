import { z } from 'zod';
import { day, text } from './common.js';

/** A grid's members (网格长 / 网格员) and how they serve (专职 / 兼职). */
export const GRID_MEMBER_ROLES = ['grid_head', 'grid_worker'] as const;
export type TGridMemberRole = (typeof GRID_MEMBER_ROLES)[number];
export const GRID_MEMBER_ROLE_LABELS: Record<TGridMemberRole, { zh: string; en: string }> = {
  grid_head: { zh: '网格长', en: 'Grid head' },
  grid_worker: { zh: '网格员', en: 'Grid worker' },
};
export const GRID_EMPLOYMENTS = ['full_time', 'part_time'] as const;
export type TGridEmployment = (typeof GRID_EMPLOYMENTS)[number];
export const GRID_EMPLOYMENT_LABELS: Record<TGridEmployment, { zh: string; en: string }> = {
  full_time: { zh: '专职', en: 'Full-time' },
  part_time: { zh: '兼职', en: 'Part-time' },
};

/** Seed 001: "每个网格员包2户左右"; the coverage page flags more than this many businesses per worker. */
export const DEFAULT_GRID_MAX_LOAD = 3;

export const ZGridInput = z.strictObject({
  code: text().regex(/^[A-Za-z0-9_-]{2,40}$/),
  name: text().trim().min(1).max(60),
  nameEn: text().trim().max(100).nullish(),
  regionCode: text().regex(/^\d{6,12}$/),
  /** 专属网格: a leader's own grid (A-level scenic spots sit in one); the leader is named with it */
  leaderUserId: text().uuid().nullish(),
});
export type TGridInput = z.infer<typeof ZGridInput>;

export const ZGridMember = z.strictObject({
  userId: text().uuid(),
  role: z.enum(GRID_MEMBER_ROLES),
  employment: z.enum(GRID_EMPLOYMENTS).default('full_time'),
});
export const ZGridMembersInput = z.strictObject({ members: z.array(ZGridMember).max(50) });
export type TGridMembersInput = z.infer<typeof ZGridMembersInput>;

/** A business's grid (exactly one, or none yet) and its 包保 official. */
export const ZGridAssignmentInput = z.strictObject({
  gridId: text().uuid().nullable(),
  guarantorUserId: text().uuid().nullable(),
});
export type TGridAssignmentInput = z.infer<typeof ZGridAssignmentInput>;

export const ZCoverageQuery = z.object({
  maxLoad: z.coerce.number().int().min(1).max(100).default(DEFAULT_GRID_MAX_LOAD),
  regionCode: text()
    .regex(/^\d{2,12}$/)
    .optional(),
});

/** The coverage page (覆盖情况): what is not covered, who carries too much, and a move list that would even it. */
export type TCoverage = {
  maxLoad: number;
  totals: { grids: number; businesses: number; workers: number; unassigned: number; noGuarantor: number };
  /** per county: grids, businesses, those with a grid, those with a 包保 official, workers */
  byCounty: {
    regionCode: string;
    regionName: string | null;
    grids: number;
    businesses: number;
    withGrid: number;
    withGuarantor: number;
    workers: number;
  }[];
  businessesWithoutGrid: { id: string; name: string; nameEn: string | null; regionCode: string }[];
  businessesWithoutGuarantor: { id: string; name: string; nameEn: string | null; gridId: string | null }[];
  overloadedWorkers: { userId: string; displayName: string; load: number; gridIds: string[] }[];
  gridsWithoutWorker: { id: string; code: string; name: string; nameEn: string | null; businesses: number }[];
  /** greedy: move a business from the most loaded grid to a less loaded grid of the same county */
  suggestedMoves: {
    businessId: string;
    businessName: string;
    fromGridId: string | null;
    fromGridName: string | null;
    toGridId: string;
    toGridName: string;
  }[];
};

/** 责任状 topics: 安全生产, 护林防火, and what else a prefecture has its businesses sign. */
export const LETTER_TOPICS = ['work_safety', 'forest_fire', 'food_safety', 'other'] as const;
export type TLetterTopic = (typeof LETTER_TOPICS)[number];
export const LETTER_TOPIC_LABELS: Record<TLetterTopic, { zh: string; en: string }> = {
  work_safety: { zh: '安全生产', en: 'Work safety' },
  forest_fire: { zh: '护林防火', en: 'Forest fire prevention' },
  food_safety: { zh: '食品安全', en: 'Food safety' },
  other: { zh: '其他', en: 'Other' },
};

export const ZLetterTemplateInput = z.strictObject({
  code: text().regex(/^[a-z][a-z0-9_]{1,40}$/),
  topic: z.enum(LETTER_TOPICS),
  title: text().trim().min(2).max(100),
  titleEn: text().trim().max(150).nullish(),
  /** the commitments, as they will be printed; {business} and {partyA} are filled in when a letter is issued */
  body: text().trim().min(10).max(20000),
  /** the default period of a letter issued from it */
  periodMonths: z.number().int().min(1).max(60).default(12),
  /** the government side, e.g. 市文化和旅游局 */
  partyAName: text().trim().min(2).max(100),
  active: z.boolean().default(true),
});
export type TLetterTemplateInput = z.infer<typeof ZLetterTemplateInput>;

export const ZIssueLetterInput = z.strictObject({
  templateId: text().uuid(),
  businessId: text().uuid(),
  /** the leader or official who signs for party A */
  partyAUserId: text().uuid(),
  periodStart: day(),
  periodEnd: day(),
});
export type TIssueLetterInput = z.infer<typeof ZIssueLetterInput>;

export const ZSignLetterInput = z.strictObject({
  /** the signer types their name (电子签名) */
  signedName: text().trim().min(2).max(50),
  /** SHA-256 (hex) of the letter's text as the signer was shown it: a letter changed meanwhile is refused */
  textSha256: text().regex(/^[0-9a-f]{64}$/),
});
export const ZLetterScanInput = z.strictObject({
  fileId: text().uuid(),
  signedName: text().trim().min(2).max(50),
});

export const LETTER_LIST_STATUSES = ['unsigned', 'signed', 'expiring', 'expired'] as const;
export const ZLetterListQuery = z.object({
  status: z.enum(LETTER_LIST_STATUSES).optional(),
  businessId: text().uuid().optional(),
  page: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});

/** A letter expires "soon" this many days before its period ends; the reminder goes out then too. */
export const LETTER_REMIND_DAYS = 30;

export type TResponsibilityLetter = {
  id: string;
  templateId: string;
  topic: TLetterTopic;
  businessId: string;
  businessName: string;
  businessNameEn: string | null;
  title: string;
  titleEn: string | null;
  text: string;
  textSha256: string;
  partyAName: string;
  partyAUserId: string;
  partyAUserName: string | null;
  periodStart: string;
  periodEnd: string;
  status: 'issued' | 'signed';
  signedName: string | null;
  signedAt: string | null;
  signedVia: 'online' | 'scan' | null;
  scanFileId: string | null;
  issuedAt: string;
  /** what the caller may do now */
  can: { sign: boolean; uploadScan: boolean };
};

/** The grid import's sheets, in the export's order: grids, their members, each business's grid and 包保 official. */
export const GRID_IMPORT_SHEETS = ['grids', 'members', 'assignments'] as const;
export type TGridImportSheet = (typeof GRID_IMPORT_SHEETS)[number];
export type TGridImportRow = {
  sheet: TGridImportSheet;
  /** the sheet's row number (the header is row 1) */
  row: number;
  status: 'new' | 'changed' | 'unchanged' | 'invalid';
  /** the grid code, or "grid code / username", or the business's USCC */
  key: string;
  errors: { field: string; message: string }[];
};
export type TGridImportPreview = {
  token: string;
  counts: Record<TGridImportRow['status'], number>;
  rows: TGridImportRow[];
};
