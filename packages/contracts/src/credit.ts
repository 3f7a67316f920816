import { z } from 'zod';
import { text } from './common.js';

/** The national catalogue's categories of public credit information (全国公共信用信息基础目录). */
export const CREDIT_CATEGORIES = [
  'registration',
  'judicial',
  'licensing_penalty',
  'joint_reward_punishment',
  'evaluation_commitment',
  'other',
] as const;
export type TCreditCategory = (typeof CREDIT_CATEGORIES)[number];
export const CREDIT_CATEGORY_LABELS: Record<TCreditCategory, { zh: string; en: string }> = {
  registration: { zh: '登记注册', en: 'Registration' },
  judicial: { zh: '司法裁判及执行', en: 'Judicial' },
  licensing_penalty: { zh: '行政许可和行政处罚', en: 'Licensing and penalties' },
  joint_reward_punishment: { zh: '联合奖惩', en: 'Joint reward and punishment' },
  evaluation_commitment: { zh: '信用评价及承诺履行', en: 'Evaluation and commitments' },
  other: { zh: '其他', en: 'Other' },
};

export const CREDIT_EVIDENCE_TYPES = [
  'work_order',
  'return_request',
  'rating_period',
  'inspection',
  'hazard',
  'penalty_decision',
  'dishonest_entry',
  'pledge',
  'document',
  'evaluation',
] as const;
export type TCreditEvidenceType = (typeof CREDIT_EVIDENCE_TYPES)[number];
export const CREDIT_EVIDENCE_LABELS: Record<TCreditEvidenceType, { zh: string; en: string }> = {
  work_order: { zh: '工单', en: 'Work order' },
  return_request: { zh: '退货申请', en: 'Return request' },
  rating_period: { zh: '评价周期', en: 'Rating period' },
  inspection: { zh: '检查', en: 'Inspection' },
  hazard: { zh: '隐患', en: 'Hazard' },
  penalty_decision: { zh: '行政处罚决定书', en: 'Penalty decision' },
  dishonest_entry: { zh: '失信名单', en: 'Dishonest list entry' },
  pledge: { zh: '信用承诺', en: 'Credit pledge' },
  document: { zh: '文书', en: 'Document' },
  evaluation: { zh: '年度三方评价', en: 'Yearly evaluation' },
};

export const CREDIT_GRADES = ['A', 'B', 'C', 'D'] as const;
export type TCreditGrade = (typeof CREDIT_GRADES)[number] | 'ungraded';
export const CREDIT_GRADE_LABELS: Record<TCreditGrade, { zh: string; en: string }> = {
  A: { zh: 'A级 诚信', en: 'A — trustworthy' },
  B: { zh: 'B级 良好', en: 'B — good' },
  C: { zh: 'C级 关注', en: 'C — watch' },
  D: { zh: 'D级 失信', en: 'D — untrustworthy' },
  ungraded: { zh: '暂未评级', en: 'Not graded yet' },
};

export const ZCreditSubjectType = z.enum(['business', 'practitioner']);
export type TCreditSubjectType = z.infer<typeof ZCreditSubjectType>;

export const ZCreditRule = z.object({
  id: z.string().uuid(),
  code: z.string(),
  version: z.number().int(),
  category: z.enum(CREDIT_CATEGORIES),
  name: z.string(),
  nameEn: z.string(),
  points: z.number().int(),
  validityDays: z.number().int().nullable(),
  public: z.boolean(),
  repairableByCommitment: z.boolean(),
  active: z.boolean(),
  createdAt: z.string(),
});
export type TCreditRule = z.infer<typeof ZCreditRule>;

/** PUT /api/credit/rules/:code — writes the rule's next version (or its first). */
export const ZCreditRuleInput = z.strictObject({
  category: z.enum(CREDIT_CATEGORIES),
  name: text().trim().min(1).max(100),
  nameEn: text().trim().min(1).max(200),
  points: z.number().int().min(-100).max(100),
  validityDays: z.number().int().min(1).max(3650).nullable(),
  public: z.boolean(),
  repairableByCommitment: z.boolean(),
  active: z.boolean(),
});
export type TCreditRuleInput = z.infer<typeof ZCreditRuleInput>;
export const ZRuleCodeParams = z.object({ code: text().regex(/^[a-z][a-z0-9_]{1,49}$/) });

export const ZCreditSettings = z.object({
  baseScore: z.number().int().min(0).max(1000),
  gradeAMin: z.number().int().min(0).max(1000),
  gradeBMin: z.number().int().min(0).max(1000),
  gradeCMin: z.number().int().min(0).max(1000),
  objectionWorkingDays: z.number().int().min(1).max(60),
  seriousPeriodMonths: z.number().int().min(1).max(120),
  minorPeriodMonths: z.number().int().min(1).max(120),
  repairMinDays: z.number().int().min(0).max(3650),
  repairDecisionWorkingDays: z.number().int().min(1).max(60),
});
export type TCreditSettings = z.infer<typeof ZCreditSettings>;
export const ZCreditSettingsInput = ZCreditSettings.strict().refine(
  (s) => s.gradeAMin > s.gradeBMin && s.gradeBMin > s.gradeCMin,
  { message: 'credit_thresholds_order', path: ['gradeBMin'] },
);

export const ZCreditEvent = z.object({
  id: z.string().uuid(),
  ruleId: z.string().uuid(),
  ruleCode: z.string(),
  ruleVersion: z.number().int(),
  ruleName: z.string(),
  ruleNameEn: z.string(),
  category: z.enum(CREDIT_CATEGORIES),
  points: z.number().int(),
  evidenceType: z.enum(CREDIT_EVIDENCE_TYPES),
  evidenceId: z.string(),
  documentNo: z.string().nullable(),
  note: z.string().nullable(),
  departmentName: z.string().nullable(),
  effectiveAt: z.string(),
  validUntil: z.string().nullable(),
  public: z.boolean(),
  repairedAt: z.string().nullable(),
  inForce: z.boolean(),
});
export type TCreditEvent = z.infer<typeof ZCreditEvent>;

export const ZScorePoint = z.object({ at: z.string(), score: z.number().int(), grade: z.string() });
export type TScorePoint = z.infer<typeof ZScorePoint>;

/** GET /api/credit/files/:type/:id — the whole file (the business its own, staff any). */
export const ZCreditFile = z.object({
  subjectType: ZCreditSubjectType,
  subjectId: z.string().uuid(),
  name: z.string(),
  nameEn: z.string().nullable(),
  /** USCC for a business, the licence number for a practitioner */
  key: z.string().nullable(),
  baseScore: z.number().int(),
  score: z.number().int(),
  grade: z.string(),
  events: z.array(ZCreditEvent),
  history: z.array(ZScorePoint),
  listings: z.array(z.lazy(() => ZDishonestEntry)),
  pledges: z.array(z.lazy(() => ZPledge)),
});
export type TCreditFile = z.infer<typeof ZCreditFile>;

export const ZCreditFileParams = z.object({ type: ZCreditSubjectType, id: text().uuid() });
export const ZCreditFilesQuery = z.object({
  /** business files (by USCC) or practitioners' (guides by licence number) */
  type: ZCreditSubjectType.default('business'),
  q: text().trim().max(50).optional(),
  grade: z.enum(['A', 'B', 'C', 'D', 'ungraded']).optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export const ZCreditFileRow = z.object({
  subjectType: ZCreditSubjectType,
  subjectId: z.string().uuid(),
  name: z.string(),
  key: z.string().nullable(),
  score: z.number().int(),
  grade: z.string(),
  events: z.number().int(),
});
export type TCreditFileRow = z.infer<typeof ZCreditFileRow>;

/** POST /api/credit/events — a department records an event by hand (a penalty decision, a commendation …). */
export const ZCreditEventInput = z.strictObject({
  subjectType: ZCreditSubjectType,
  subjectId: text().uuid(),
  ruleCode: text().regex(/^[a-z][a-z0-9_]{1,49}$/),
  evidenceType: z.enum(['inspection', 'hazard', 'penalty_decision', 'document']),
  evidenceId: text().trim().min(1).max(100),
  documentNo: text().trim().max(100).nullable().default(null),
  fileId: text().uuid().nullable().default(null),
  note: text().trim().max(500).nullable().default(null),
  effectiveAt: z.string().datetime({ offset: true }).optional(),
  public: z.boolean().optional(),
});
export type TCreditEventInput = z.infer<typeof ZCreditEventInput>;

// ---------- dishonest list ----------
export const DISHONEST_STATUSES = ['proposed', 'noticed', 'listed', 'withdrawn', 'exited', 'repaired'] as const;
export type TDishonestStatus = (typeof DISHONEST_STATUSES)[number];
export const DISHONEST_STATUS_LABELS: Record<TDishonestStatus, { zh: string; en: string }> = {
  proposed: { zh: '已提出', en: 'Proposed' },
  noticed: { zh: '已告知（陈述申辩期）', en: 'Noticed (objection window)' },
  listed: { zh: '已列入', en: 'Listed' },
  withdrawn: { zh: '不予列入', en: 'Withdrawn' },
  exited: { zh: '期满移出', en: 'Exited at period end' },
  repaired: { zh: '修复移出', en: 'Removed by repair' },
};
export const ZDishonestTier = z.enum(['serious', 'minor']);
export const DISHONEST_TIER_LABELS = {
  serious: { zh: '严重失信主体名单', en: 'Serious list' },
  minor: { zh: '轻微失信主体', en: 'Minor list' },
} as const;

export const ZDishonestEntry = z.object({
  id: z.string().uuid(),
  businessId: z.string().uuid(),
  businessName: z.string(),
  tier: ZDishonestTier,
  status: z.enum(DISHONEST_STATUSES),
  legalBasis: z.string(),
  reason: z.string(),
  decisionNo: z.string(),
  departmentName: z.string().nullable(),
  noticedAt: z.string().nullable(),
  objectionDueAt: z.string().nullable(),
  objection: z.string().nullable(),
  objectedAt: z.string().nullable(),
  objectionDecision: z.string().nullable(),
  objectionNote: z.string().nullable(),
  listedAt: z.string().nullable(),
  periodEndsAt: z.string().nullable(),
  exitedAt: z.string().nullable(),
  exitReason: z.string().nullable(),
  repairs: z.array(
    z.object({
      id: z.string().uuid(),
      status: z.enum(['submitted', 'approved', 'rejected']),
      proof: z.string(),
      /** the proof photos (files module), readable by whoever may see the entry */
      proofFileIds: z.array(z.string().uuid()),
      commitment: z.string(),
      trainingRecord: z.string(),
      dueAt: z.string(),
      decisionNote: z.string().nullable(),
      decidedAt: z.string().nullable(),
      createdAt: z.string(),
    }),
  ),
});
export type TDishonestEntry = z.infer<typeof ZDishonestEntry>;

export const ZDishonestProposal = z.strictObject({
  businessId: text().uuid(),
  tier: ZDishonestTier,
  legalBasis: text().trim().min(2).max(500),
  reason: text().trim().min(2).max(2000),
  decisionNo: text().trim().min(2).max(100),
});
export type TDishonestProposal = z.infer<typeof ZDishonestProposal>;
export const ZObjectionInput = z.strictObject({ objection: text().trim().min(2).max(2000) });
export const ZDecisionInput = z.strictObject({
  decision: z.enum(['accept', 'reject']),
  note: text().trim().min(2).max(1000),
});
export type TDecisionInput = z.infer<typeof ZDecisionInput>;
export const ZRepairInput = z.strictObject({
  proof: text().trim().min(2).max(2000),
  proofFileId: text().uuid().nullable().default(null),
  /** photos of the correction uploaded first through POST /api/files (the uploader's own, not yet attached) */
  proofFileIds: z.array(text().uuid()).max(10).default([]),
  commitment: text().trim().min(2).max(2000),
  commitmentSigned: z.literal(true),
  trainingRecord: text().trim().min(2).max(500),
});
export type TRepairInput = z.infer<typeof ZRepairInput>;
export const ZIdParam = z.object({ id: text().uuid() });

/** GET /api/credit/dishonest-list — the public list: only the fields the rules make public. */
export const ZPublicDishonestEntry = z.strictObject({
  id: z.string().uuid(),
  businessName: z.string(),
  businessNameEn: z.string().nullable(),
  uscc: z.string(),
  tier: ZDishonestTier,
  reason: z.string(),
  legalBasis: z.string(),
  decisionNo: z.string(),
  departmentName: z.string().nullable(),
  listedAt: z.string(),
  periodEndsAt: z.string(),
});
export type TPublicDishonestEntry = z.infer<typeof ZPublicDishonestEntry>;

// ---------- pledges ----------
export const ZPledgeTemplate = z.object({
  id: z.string().uuid(),
  code: z.string(),
  title: z.string(),
  titleEn: z.string(),
  body: z.string(),
  bodyEn: z.string(),
});
export type TPledgeTemplate = z.infer<typeof ZPledgeTemplate>;
export const ZPledge = z.object({
  id: z.string().uuid(),
  templateId: z.string().uuid(),
  title: z.string(),
  titleEn: z.string(),
  status: z.enum(['in_force', 'broken']),
  signedAt: z.string(),
  brokenAt: z.string().nullable(),
});
export type TPledge = z.infer<typeof ZPledge>;
export const ZPledgeSign = z.strictObject({ templateId: text().uuid(), agreed: z.literal(true) });
export const ZPledgeBreak = z.strictObject({ note: text().trim().min(2).max(500) });

/** The public record's credit part (GET /api/credit/businesses/:id). */
export const ZPublicCreditEvent = z.strictObject({
  id: z.string().uuid(),
  ruleName: z.string(),
  ruleNameEn: z.string(),
  category: z.enum(CREDIT_CATEGORIES),
  points: z.number().int(),
  evidenceType: z.enum(CREDIT_EVIDENCE_TYPES),
  documentNo: z.string().nullable(),
  departmentName: z.string().nullable(),
  effectiveAt: z.string(),
  validUntil: z.string().nullable(),
});
export type TPublicCreditEvent = z.infer<typeof ZPublicCreditEvent>;

/** The 示范 badges a listed or D-grade business loses (诚信经营示范门店, 示范商户, 党员管理示范户). */
export const DEMONSTRATION_BADGES = ['model_shop', 'honest_shop', 'party_model'] as const;

// ---------- 三方评价: the yearly evaluation (government, self-assessment, tourists) ----------

/** The self-assessment questionnaire: each answered 0 (不符合) … 4 (完全符合). */
export const SELF_ASSESSMENT_QUESTIONS = [
  {
    code: 'license',
    zh: '证照齐全有效，按许可范围经营',
    en: 'Licences complete and valid; business within their scope',
  },
  { code: 'prices', zh: '明码标价，无价格欺诈', en: 'Prices posted; no price fraud' },
  {
    code: 'contracts',
    zh: '依法签订旅游合同或出具凭证',
    en: 'Contracts signed or receipts issued as the law requires',
  },
  { code: 'safety', zh: '安全管理制度健全，隐患及时整改', en: 'Safety rules in place; hazards put right in time' },
  { code: 'complaints', zh: '设专人处理投诉，按时答复', en: 'A person in charge of complaints; answers on time' },
  { code: 'staff', zh: '从业人员持证上岗并定期培训', en: 'Staff licensed and trained regularly' },
  { code: 'no_forced', zh: '无强迫消费、虚假宣传', en: 'No forced shopping or misleading advertising' },
  { code: 'pledge', zh: '已签署并履行信用承诺', en: 'Credit pledges signed and kept' },
] as const;
export const SELF_ASSESSMENT_SCALE = [
  { value: 0, zh: '不符合', en: 'Not at all' },
  { value: 1, zh: '较少符合', en: 'Rarely' },
  { value: 2, zh: '基本符合', en: 'Mostly' },
  { value: 3, zh: '比较符合', en: 'Largely' },
  { value: 4, zh: '完全符合', en: 'Fully' },
] as const;

export const ZEvaluationYear = z.coerce.number().int().min(2000).max(2100);

/** The weights (percent, summing to 100) and the grade thresholds of the combined score (0–100). */
export const ZEvaluationWeightsInput = z
  .strictObject({
    government: z.number().int().min(0).max(100),
    selfAssessment: z.number().int().min(0).max(100),
    tourist: z.number().int().min(0).max(100),
    gradeAMin: z.number().int().min(1).max(100),
    gradeBMin: z.number().int().min(1).max(100),
    gradeCMin: z.number().int().min(1).max(100),
  })
  .refine((w) => w.government + w.selfAssessment + w.tourist === 100, {
    message: 'evaluation_weights_sum',
    path: ['tourist'],
  })
  .refine((w) => w.gradeAMin > w.gradeBMin && w.gradeBMin > w.gradeCMin, {
    message: 'credit_thresholds_order',
    path: ['gradeBMin'],
  });
export type TEvaluationWeightsInput = z.infer<typeof ZEvaluationWeightsInput>;
export type TEvaluationWeights = TEvaluationWeightsInput & { version: number; createdAt: string };

/** PUT /api/credit/self-assessments/:year — one answer per question, in the questionnaire's order. */
export const ZSelfAssessmentInput = z.strictObject({
  answers: z.array(z.number().int().min(0).max(4)).length(SELF_ASSESSMENT_QUESTIONS.length),
});
export type TSelfAssessment = {
  year: number;
  answers: number[];
  score: number;
  submittedAt: string;
  /** the year's evaluation has run: the answers are final */
  locked: boolean;
};

/** What the evaluation read for one business and year. */
export type TEvaluationInputs = {
  inspections: number;
  failedInspections: number;
  cases: number;
  ratings: number;
  ratingAverage: number | null;
  complaints: number;
  visits: number;
  complaintsPerThousand: number | null;
  selfAssessment: number | null;
};
export type TEvaluation = {
  id: string;
  businessId: string;
  businessName: string;
  year: number;
  weightsVersion: number;
  government: number | null;
  selfAssessment: number;
  tourist: number | null;
  total: number;
  grade: 'A' | 'B' | 'C' | 'D';
  inputs: TEvaluationInputs;
  createdAt: string;
};
export const ZEvaluationRunInput = z.strictObject({ year: ZEvaluationYear });
export const ZEvaluationQuery = z.object({
  year: ZEvaluationYear,
  q: text().trim().max(50).optional(),
});
export const EVALUATION_GRADE_LABELS = {
  A: { zh: 'A级（优秀）', en: 'A — excellent' },
  B: { zh: 'B级（良好）', en: 'B — good' },
  C: { zh: 'C级（合格）', en: 'C — adequate' },
  D: { zh: 'D级（不合格）', en: 'D — inadequate' },
} as const;
