import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
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
 * 信用规则: one row per version of a rule. Editing a rule writes its next version; an event keeps the version it
 * was recorded under (rule_id), so a later edit never changes a point already on someone's file.
 */
export const creditRules = pgTable(
  'credit_rules',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    code: text('code').notNull(),
    version: integer('version').notNull(),
    /** CREDIT_CATEGORIES (contracts): the national catalogue's six categories */
    category: text('category').notNull(),
    name: text('name').notNull(),
    nameEn: text('name_en').notNull(),
    points: integer('points').notNull(),
    /** how long an event counts (and is published) after it takes effect; null: until repaired */
    validityDays: integer('validity_days'),
    /** the default for events under this rule: published on the public record or internal */
    public: boolean('public').notNull().default(true),
    /** 不可仅凭承诺修复: some serious cases need more than a signed commitment to be repaired */
    repairableByCommitment: boolean('repairable_by_commitment').notNull().default(true),
    active: boolean('active').notNull().default(true),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('credit_rules_code_version_uq').on(t.code, t.version)],
);

/** The one row of credit settings an admin edits: base score, grade thresholds, list periods and windows. */
export const creditSettings = pgTable(
  'credit_settings',
  {
    id: integer('id').primaryKey().default(1),
    baseScore: integer('base_score').notNull().default(100),
    gradeAMin: integer('grade_a_min').notNull().default(95),
    gradeBMin: integer('grade_b_min').notNull().default(85),
    gradeCMin: integer('grade_c_min').notNull().default(70),
    objectionWorkingDays: integer('objection_working_days').notNull().default(5),
    seriousPeriodMonths: integer('serious_period_months').notNull().default(36),
    minorPeriodMonths: integer('minor_period_months').notNull().default(12),
    /** 最短公示期: a listed business may apply for repair only after this many days on the list */
    repairMinDays: integer('repair_min_days').notNull().default(90),
    repairDecisionWorkingDays: integer('repair_decision_working_days').notNull().default(10),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('credit_settings_one_ck', sql`${t.id} = 1`),
    check('credit_settings_grades_ck', sql`${t.gradeAMin} > ${t.gradeBMin} and ${t.gradeBMin} > ${t.gradeCMin}`),
  ],
);

/**
 * 信用信息: an event on a credit file. The file is the subject (a business by its USCC, a practitioner by the
 * licence number) and everything recorded about it; the score is the base plus the points of the events in force.
 */
export const creditEvents = pgTable(
  'credit_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    subjectType: text('subject_type').notNull(),
    subjectId: uuid('subject_id').notNull(),
    ruleId: uuid('rule_id')
      .notNull()
      .references(() => creditRules.id),
    ruleCode: text('rule_code').notNull(),
    ruleVersion: integer('rule_version').notNull(),
    category: text('category').notNull(),
    points: integer('points').notNull(),
    /** CREDIT_EVIDENCE_TYPES: work_order, return_request, rating_period, inspection, hazard, penalty_decision … */
    evidenceType: text('evidence_type').notNull(),
    evidenceId: text('evidence_id').notNull(),
    /** a penalty decision's number (行政处罚决定书文号) or a document's reference */
    documentNo: text('document_no'),
    fileId: uuid('file_id'),
    note: text('note'),
    departmentId: uuid('department_id'),
    effectiveAt: timestamp('effective_at', { withTimezone: true }).notNull(),
    validUntil: timestamp('valid_until', { withTimezone: true }),
    public: boolean('public').notNull(),
    /** 已修复: kept on the file, no longer counted or published from this instant */
    repairedAt: timestamp('repaired_at', { withTimezone: true }),
    recordedBy: uuid('recorded_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // One event per cause: a hook that runs again (a reopened order resolved twice) records nothing new.
    uniqueIndex('credit_events_cause_uq').on(t.subjectType, t.subjectId, t.ruleCode, t.evidenceType, t.evidenceId),
    index('credit_events_subject_idx').on(t.subjectId, t.effectiveAt),
    check('credit_events_subject_ck', sql`${t.subjectType} in ('business', 'practitioner')`),
  ],
);

/**
 * 失信名单: an entry's procedure on one business — proposed → noticed (告知书, objection window) → listed (or
 * withdrawn) → exited at the period's end or repaired early.
 */
export const dishonestEntries = pgTable(
  'credit_dishonest_entries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    businessId: uuid('business_id').notNull(),
    /** serious 严重失信主体名单 | minor 轻微失信主体 */
    tier: text('tier').notNull(),
    status: text('status').notNull(),
    legalBasis: text('legal_basis').notNull(),
    /** the facts and the decision it rests on (吊销许可证、滞留游客、安全事故 …) */
    reason: text('reason').notNull(),
    decisionNo: text('decision_no').notNull(),
    departmentId: uuid('department_id').notNull(),
    proposedBy: uuid('proposed_by'),
    noticedAt: timestamp('noticed_at', { withTimezone: true }),
    objectionDueAt: timestamp('objection_due_at', { withTimezone: true }),
    objection: text('objection'),
    objectedAt: timestamp('objected_at', { withTimezone: true }),
    objectionDecision: text('objection_decision'),
    objectionNote: text('objection_note'),
    decidedBy: uuid('decided_by'),
    listedAt: timestamp('listed_at', { withTimezone: true }),
    periodEndsAt: timestamp('period_ends_at', { withTimezone: true }),
    exitedAt: timestamp('exited_at', { withTimezone: true }),
    exitReason: text('exit_reason'),
    eventId: uuid('event_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('credit_dishonest_business_idx').on(t.businessId),
    check('credit_dishonest_tier_ck', sql`${t.tier} in ('serious', 'minor')`),
    check(
      'credit_dishonest_status_ck',
      sql`${t.status} in ('proposed', 'noticed', 'listed', 'withdrawn', 'exited', 'repaired')`,
    ),
  ],
);

/** 信用修复: a listed business's application with its proof, signed commitment and training record. */
export const creditRepairs = pgTable(
  'credit_repairs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    entryId: uuid('entry_id')
      .notNull()
      .references(() => dishonestEntries.id),
    businessId: uuid('business_id').notNull(),
    status: text('status').notNull().default('submitted'),
    proof: text('proof').notNull(),
    proofFileId: uuid('proof_file_id'),
    commitment: text('commitment').notNull(),
    commitmentSignedAt: timestamp('commitment_signed_at', { withTimezone: true }).notNull(),
    trainingRecord: text('training_record').notNull(),
    submittedBy: uuid('submitted_by'),
    dueAt: timestamp('due_at', { withTimezone: true }).notNull(),
    decidedBy: uuid('decided_by'),
    decisionNote: text('decision_note'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('credit_repairs_entry_idx').on(t.entryId),
    check('credit_repairs_status_ck', sql`${t.status} in ('submitted', 'approved', 'rejected')`),
  ],
);

/** 信用承诺 templates an admin keeps, and the pledges businesses sign online. */
export const pledgeTemplates = pgTable('credit_pledge_templates', {
  id: uuid('id').primaryKey().defaultRandom(),
  code: text('code').notNull().unique(),
  title: text('title').notNull(),
  titleEn: text('title_en').notNull(),
  body: text('body').notNull(),
  bodyEn: text('body_en').notNull(),
  active: boolean('active').notNull().default(true),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const pledges = pgTable(
  'credit_pledges',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    businessId: uuid('business_id').notNull(),
    templateId: uuid('template_id')
      .notNull()
      .references(() => pledgeTemplates.id),
    status: text('status').notNull().default('in_force'),
    signedBy: uuid('signed_by'),
    signedAt: timestamp('signed_at', { withTimezone: true }).notNull(),
    brokenAt: timestamp('broken_at', { withTimezone: true }),
    brokenNote: text('broken_note'),
    eventId: uuid('event_id'),
  },
  (t) => [
    uniqueIndex('credit_pledges_business_template_uq').on(t.businessId, t.templateId),
    check('credit_pledges_status_ck', sql`${t.status} in ('in_force', 'broken')`),
  ],
);

/**
 * 三方评价 weights, one row per version: editing writes the next version; an evaluation keeps the version it ran
 * under. Percent weights of government, self-assessment and tourists (summing to 100) and the grade thresholds.
 */
export const evaluationWeights = pgTable(
  'credit_evaluation_weights',
  {
    version: integer('version').primaryKey(),
    government: integer('government').notNull(),
    selfAssessment: integer('self_assessment').notNull(),
    tourist: integer('tourist').notNull(),
    gradeAMin: integer('grade_a_min').notNull(),
    gradeBMin: integer('grade_b_min').notNull(),
    gradeCMin: integer('grade_c_min').notNull(),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('credit_evaluation_weights_sum_ck', sql`${t.government} + ${t.selfAssessment} + ${t.tourist} = 100`),
    check(
      'credit_evaluation_weights_grades_ck',
      sql`${t.gradeAMin} > ${t.gradeBMin} and ${t.gradeBMin} > ${t.gradeCMin}`,
    ),
  ],
);

/** 企业自评: a business's questionnaire for a year (answers 0–4 in the questionnaire's order), until the year runs. */
export const selfAssessments = pgTable(
  'credit_self_assessments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    businessId: uuid('business_id').notNull(),
    year: integer('year').notNull(),
    answers: jsonb('answers').$type<number[]>().notNull(),
    score: integer('score').notNull(),
    submittedBy: uuid('submitted_by'),
    submittedAt: timestamp('submitted_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('credit_self_assessments_business_year_uq').on(t.businessId, t.year)],
);

/** A business's yearly evaluation: the three parts, the weighted total, the grade, and the credit event it wrote. */
export const evaluations = pgTable(
  'credit_evaluations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    businessId: uuid('business_id').notNull(),
    year: integer('year').notNull(),
    weightsVersion: integer('weights_version')
      .notNull()
      .references(() => evaluationWeights.version),
    government: integer('government'),
    selfAssessment: integer('self_assessment').notNull(),
    tourist: integer('tourist'),
    total: integer('total').notNull(),
    grade: text('grade').notNull(),
    /** what was read: inspections, cases, ratings, complaints, visits (TEvaluationInputs) */
    inputs: jsonb('inputs').notNull(),
    eventId: uuid('event_id'),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('credit_evaluations_business_year_uq').on(t.businessId, t.year),
    index('credit_evaluations_year_idx').on(t.year),
    check('credit_evaluations_grade_ck', sql`${t.grade} in ('A', 'B', 'C', 'D')`),
  ],
);
