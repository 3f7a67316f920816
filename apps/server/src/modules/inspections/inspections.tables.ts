import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

/** One stored item of a checklist version (contracts' TChecklistItem). */
export type TStoredItem = {
  key: string;
  text: string;
  textEn: string;
  severity: 'major' | 'general' | 'minor';
  photoRequired: boolean;
  legalBasis: string;
};

/**
 * 检查事项清单. Each edit is a new row (same code, version + 1) and the older one stops being offered; an
 * inspection points at the row it was done with, so its items read as they were asked.
 */
export const checklists = pgTable(
  'checklists',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    code: text('code').notNull(),
    version: integer('version').notNull(),
    name: text('name').notNull(),
    nameEn: text('name_en').notNull().default(''),
    topic: text('topic').notNull(),
    /** null: every kind of business */
    businessKind: text('business_kind'),
    items: jsonb('items').$type<TStoredItem[]>().notNull(),
    active: boolean('active').notNull().default(true),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('checklists_code_version_uq').on(t.code, t.version)],
);

/** One item's answer as recorded (contracts' TItemResult, with the item's words copied from its version). */
export type TStoredResult = {
  key: string;
  outcome: 'pass' | 'fail' | 'not_applicable';
  note: string;
  photoIds: string[];
};

/**
 * 检查记录: one visit to one business, sent whole from the phone. The grid and department are copied at
 * submission, so who sees it does not move when a business later changes grid.
 */
export const inspections = pgTable(
  'inspections',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    kind: text('kind').notNull(),
    businessId: uuid('business_id').notNull(),
    gridId: uuid('grid_id'),
    regionCode: text('region_code').notNull(),
    departmentId: uuid('department_id'),
    inspectorUserId: uuid('inspector_user_id'),
    teamUserIds: uuid('team_user_ids').array().notNull().default(sql`'{}'::uuid[]`),
    checklistId: uuid('checklist_id').notNull(),
    /** 双随机: the draw task (filled by the draws module); null for every other kind */
    drawTaskId: uuid('draw_task_id'),
    /** 复查: the hazard re-inspected */
    reinspectsHazardId: uuid('reinspects_hazard_id'),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
    submittedAt: timestamp('submitted_at', { withTimezone: true }).notNull(),
    lng: doublePrecision('lng'),
    lat: doublePrecision('lat'),
    distanceM: integer('distance_m'),
    farFromBusiness: boolean('far_from_business').notNull().default(false),
    night: boolean('night').notNull(),
    weekend: boolean('weekend').notNull(),
    result: text('result').notNull(),
    results: jsonb('results').$type<TStoredResult[]>().notNull(),
    notes: text('notes').notNull().default(''),
    photoIds: uuid('photo_ids').array().notNull().default(sql`'{}'::uuid[]`),
    confirmedByName: text('confirmed_by_name'),
    confirmedAt: timestamp('confirmed_at', { withTimezone: true }),
    confirmedVia: text('confirmed_via'),
    /** 暗访: hidden from the business until published; every other kind is published when submitted */
    publishedAt: timestamp('published_at', { withTimezone: true }),
  },
  (t) => [
    index('inspections_business_idx').on(t.businessId, t.submittedAt),
    index('inspections_grid_idx').on(t.gridId, t.submittedAt),
    index('inspections_department_idx').on(t.departmentId, t.submittedAt),
    index('inspections_inspector_idx').on(t.inspectorUserId, t.submittedAt),
    check('inspections_kind_ck', sql`${t.kind} in ('patrol', 'campaign', 'random_draw', 'mystery', 'reinspection')`),
    check('inspections_result_ck', sql`${t.result} in ('pass', 'fail')`),
  ],
);

export type THazardHistory = { at: string; action: string; by: string | null; note: string };

/** 隐患: a failed item, with its rectification (限期整改) by the business under a supervisor. */
export const hazards = pgTable(
  'hazards',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    hazardNo: text('hazard_no').notNull().unique(),
    inspectionId: uuid('inspection_id').notNull(),
    businessId: uuid('business_id').notNull(),
    gridId: uuid('grid_id'),
    regionCode: text('region_code').notNull(),
    departmentId: uuid('department_id'),
    itemKey: text('item_key').notNull(),
    itemText: text('item_text').notNull(),
    itemTextEn: text('item_text_en').notNull().default(''),
    legalBasis: text('legal_basis').notNull().default(''),
    severity: text('severity').notNull(),
    description: text('description').notNull().default(''),
    photoIds: uuid('photo_ids').array().notNull().default(sql`'{}'::uuid[]`),
    /** open → answered → closed; a rejected answer goes back to open with a new deadline */
    status: text('status').notNull().default('open'),
    /** when the current round's rectification is due */
    dueAt: timestamp('due_at', { withTimezone: true }).notNull(),
    round: integer('round').notNull().default(1),
    /** the first time a deadline passed unanswered (the deadline engine's overdue stage) */
    overdueAt: timestamp('overdue_at', { withTimezone: true }),
    supervisorUserId: uuid('supervisor_user_id'),
    answerText: text('answer_text'),
    answerPhotoIds: uuid('answer_photo_ids').array().notNull().default(sql`'{}'::uuid[]`),
    answeredAt: timestamp('answered_at', { withTimezone: true }),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    closedOnTime: boolean('closed_on_time'),
    workOrderId: uuid('work_order_id'),
    referralNo: text('referral_no').unique(),
    referralNote: text('referral_note'),
    referredAt: timestamp('referred_at', { withTimezone: true }),
    history: jsonb('history').$type<THazardHistory[]>().notNull().default(sql`'[]'::jsonb`),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('hazards_business_idx').on(t.businessId, t.createdAt),
    index('hazards_grid_idx').on(t.gridId, t.createdAt),
    index('hazards_department_idx').on(t.departmentId, t.createdAt),
    index('hazards_inspection_idx').on(t.inspectionId),
    check('hazards_status_ck', sql`${t.status} in ('open', 'answered', 'closed')`),
    check('hazards_severity_ck', sql`${t.severity} in ('major', 'general', 'minor')`),
  ],
);

/** The days to rectify by severity (the admin may change the defaults of contracts' DEFAULT_RECTIFICATION_DAYS). */
export const rectificationDays = pgTable(
  'rectification_days',
  {
    severity: text('severity').notNull(),
    days: integer('days').notNull(),
  },
  (t) => [primaryKey({ columns: [t.severity] }), check('rectification_days_ck', sql`${t.days} between 1 and 90`)],
);

/** 约谈 after a serious incident: who sat at the table, what was said, what the business promised by when. */
export const interviews = pgTable(
  'interviews',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    businessId: uuid('business_id').notNull(),
    departmentId: uuid('department_id'),
    incident: text('incident').notNull(),
    heldAt: timestamp('held_at', { withTimezone: true }).notNull(),
    participants: jsonb('participants').$type<{ name: string; organisation: string }[]>().notNull(),
    minutes: text('minutes').notNull(),
    commitments: jsonb('commitments').$type<{ text: string; dueOn: string }[]>().notNull(),
    followUpOn: date('follow_up_on', { mode: 'string' }),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('interviews_business_idx').on(t.businessId, t.heldAt)],
);
