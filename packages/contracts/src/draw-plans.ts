import { z } from 'zod';
import { day, instant, text, ZId, ZPageQuery } from './common.js';
import { DRAW_GRADES, type TDrawGrade } from './draw.js';
import { ZBusinessKind } from './master-data.js';

/**
 * 双随机、一公开 over HTTP: enforcement certificates (执法证), declared relations (回避), draw plans (抽查计划),
 * their frozen pools and draw, the tasks each drawn target becomes, and what the public sees. The draw itself is
 * draw.ts (the same code on the server and on the public verify page).
 */

/** The share of businesses a year's plan must reach at least (国办发〔2019〕5号: 不低于5%). */
export const DRAW_MIN_RATIO = 0.05;
/** Results are published within 20 working days of the inspection (公示时限). */
export const DRAW_PUBLISH_WORKING_DAYS = 20;

export const DRAW_PLAN_STATUSES = ['draft', 'frozen', 'drawn'] as const;
export type TDrawPlanStatus = (typeof DRAW_PLAN_STATUSES)[number];

export const DRAW_TASK_STATUSES = ['open', 'done', 'published'] as const;
export type TDrawTaskStatus = (typeof DRAW_TASK_STATUSES)[number];

/** What an inspection found — the legally public result (抽查结果). */
export const DRAW_RESULTS = ['compliant', 'rectify', 'referred', 'not_found'] as const;
export const ZDrawResult = z.enum(DRAW_RESULTS);
export type TDrawResultCode = z.infer<typeof ZDrawResult>;
export const DRAW_RESULT_LABELS: Record<TDrawResultCode, { zh: string; en: string }> = {
  compliant: { zh: '未发现问题', en: 'No problem found' },
  rectify: { zh: '发现问题，已责令整改', en: 'Problems found, rectification ordered' },
  referred: { zh: '发现问题，已移送立案', en: 'Problems found, referred for a case' },
  not_found: { zh: '通过登记的住所无法联系', en: 'Not found at the registered address' },
};

export const DRAW_GRADE_LABELS: Record<TDrawGrade, { zh: string; en: string }> = {
  A: { zh: 'A级（守信）', en: 'Grade A' },
  B: { zh: 'B级', en: 'Grade B' },
  C: { zh: 'C级', en: 'Grade C' },
  D: { zh: 'D级（失信）', en: 'Grade D' },
  ungraded: { zh: '未评级', en: 'Ungraded' },
};

const ZRatio = z.number().min(0).max(1);
export const ZDrawRatios = z.strictObject({ A: ZRatio, B: ZRatio, C: ZRatio, D: ZRatio, ungraded: ZRatio });

// ---------------------------------------------------------------------------------------------- certificates
export const ZCertificateInput = z.strictObject({
  userId: ZId,
  certificateNo: text()
    .trim()
    .regex(/^[0-9A-Za-z-]{4,32}$/, 'invalid_certificate_no'),
  departmentId: ZId,
  validFrom: day(),
  validUntil: day(),
});
export type TCertificateInput = z.infer<typeof ZCertificateInput>;

export type TCertificateView = {
  id: string;
  userId: string;
  userName: string;
  certificateNo: string;
  departmentId: string;
  departmentName: { zh: string; en: string };
  validFrom: string;
  validUntil: string;
  /** valid today (the prefecture's day) */
  valid: boolean;
};

export const ZRelationInput = z.strictObject({
  businessId: ZId,
  reason: text().trim().min(1).max(200),
});
export type TRelationInput = z.infer<typeof ZRelationInput>;

export type TRelationView = {
  id: string;
  userId: string;
  userName: string;
  businessId: string;
  businessName: string;
  reason: string;
  declaredAt: string;
};

export type TStaffOption = { id: string; displayName: string; role: string; departmentId: string | null };

// ---------------------------------------------------------------------------------------------- plans
export const ZDrawPlanInput = z
  .strictObject({
    name: text().trim().min(1).max(100),
    /** one department, or several for a joint plan (联合抽查) */
    departmentIds: z.array(ZId).min(1).max(10),
    periodStart: day(),
    periodEnd: day(),
    /** the target pool: empty lists mean every kind / county / grade */
    kinds: z.array(ZBusinessKind).max(20).default([]),
    countyCodes: z
      .array(text().regex(/^\d{6}$/, 'invalid_region'))
      .max(50)
      .default([]),
    grades: z.array(z.enum(DRAW_GRADES)).max(5).default([]),
    ratios: ZDrawRatios,
    inspectorsPerTarget: z.number().int().min(2).max(5).default(2),
    /** working days from the draw to a task's deadline (holiday calendar) */
    taskWorkingDays: z.number().int().min(1).max(120).default(20),
  })
  .refine((p) => p.periodEnd >= p.periodStart, { message: 'draw_period_invalid', path: ['periodEnd'] });
export type TDrawPlanInput = z.infer<typeof ZDrawPlanInput>;

export const ZDrawRunRequest = z.strictObject({
  /** announced after the freeze (e.g. the day's lottery number); hashed into the seed */
  publicValue: text().trim().min(1).max(100),
});

export const ZDrawPlanListQuery = ZPageQuery.extend({ status: z.enum(DRAW_PLAN_STATUSES).optional() });

export type TDrawPlanSummary = {
  id: string;
  name: string;
  departments: { id: string; zh: string; en: string }[];
  periodStart: string;
  periodEnd: string;
  status: TDrawPlanStatus;
  createdAt: string;
  drawnAt: string | null;
  targetCount: number | null;
  taskCount: number;
  doneCount: number;
};

export type TDrawTaskView = {
  id: string;
  planId: string;
  planName: string;
  businessId: string;
  businessName: string;
  businessNameEn: string | null;
  uscc: string;
  address: string;
  grade: TDrawGrade;
  inspectors: { id: string; name: string; certificateNo: string | null }[];
  dueAt: string;
  status: TDrawTaskStatus;
  result: TDrawResultCode | null;
  problems: string | null;
  handling: string | null;
  inspectedAt: string | null;
  inspectionId: string | null;
  publishBy: string | null;
  publishedAt: string | null;
  /** what this reader may do now */
  mayRecord: boolean;
};

export type TDrawPlanDetail = TDrawPlanSummary & {
  kinds: string[];
  countyCodes: string[];
  grades: TDrawGrade[];
  ratios: Record<TDrawGrade, number>;
  inspectorsPerTarget: number;
  taskWorkingDays: number;
  frozenAt: string | null;
  targetPoolSize: number | null;
  inspectorPoolSize: number | null;
  planHash: string | null;
  targetPoolHash: string | null;
  inspectorPoolHash: string | null;
  publicValue: string | null;
  seed: string | null;
  algorithm: string | null;
  byGrade: Record<TDrawGrade, { pool: number; drawn: number }> | null;
  unassigned: string[];
  tasks: TDrawTaskView[];
  mayFreeze: boolean;
  mayDraw: boolean;
  mayPublish: boolean;
};

export const ZDrawTaskListQuery = ZPageQuery.extend({ status: z.enum(DRAW_TASK_STATUSES).optional() });

export const ZDrawTaskResultRequest = z.strictObject({
  result: ZDrawResult,
  problems: text().trim().max(2000).default(''),
  handling: text().trim().max(2000).default(''),
  inspectedAt: instant(),
});
export type TDrawTaskResultRequest = z.infer<typeof ZDrawTaskResultRequest>;

// ---------------------------------------------------------------------------------------------- public
/** Exactly the legally public fields of a result (a test lists these keys). */
export type TPublicDrawResult = {
  businessName: string;
  uscc: string;
  inspectedOn: string;
  departments: string[];
  result: TDrawResultCode;
  problems: string;
  handling: string;
};

export const ZPublicDrawResultQuery = ZPageQuery.extend({ q: text().trim().max(50).optional() });

export type TPublicDrawSummary = {
  id: string;
  name: string;
  departments: string[];
  drawnAt: string;
  targetCount: number;
};

/** Everything the verify page needs to re-run the draw, exactly as frozen and drawn. */
export type TPublishedDraw = {
  id: string;
  name: string;
  departments: string[];
  drawnAt: string;
  algorithm: string;
  plan: { planId: string; ratios: Record<TDrawGrade, number>; inspectorsPerTarget: number };
  planHash: string;
  /** the frozen pools as published: [id, grade, conflicts][] and [id, departmentId][] */
  targetPool: [string, TDrawGrade, string[]][];
  inspectorPool: [string, string][];
  targetPoolHash: string;
  inspectorPoolHash: string;
  publicValue: string;
  seed: string;
  assignments: { targetId: string; grade: TDrawGrade; inspectorIds: string[] }[];
  /** names to read the pairs by: businesses (name, USCC) and inspectors (name, 执法证号) */
  targets: Record<string, { name: string; uscc: string }>;
  inspectors: Record<string, { name: string; certificateNo: string }>;
};
