import type { TEntryVisibility, TWorkOrderStatus } from '@zhilv/contracts';
import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
  check,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgSequence,
  pgTable,
  primaryKey,
  real,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

/** Feeds the human-readable tracking number ZL + yyyymmdd + 6 digits. */
export const trackingNoSeq = pgSequence('work_order_tracking_seq', { startWith: 1 });

/** 工单: one record per appeal, whatever its source. */
export const workOrders = pgTable(
  'work_orders',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    trackingNo: text('tracking_no').notNull().unique(),
    kind: text('kind').notNull(),
    source: text('source').notNull(),
    status: text('status').$type<TWorkOrderStatus>().notNull(),
    category: text('category'),
    text: text('text').notNull(),
    businessId: uuid('business_id'),
    regionCode: text('region_code'),
    departmentId: uuid('department_id'),
    coDepartmentIds: uuid('co_department_ids').array().notNull().default(sql`'{}'::uuid[]`),
    reporterUserId: uuid('reporter_user_id'),
    /** a contact phone left in the suggestion box (no account); personal data, shown masked */
    contactPhone: text('contact_phone'),
    anonymous: boolean('anonymous').notNull().default(false),
    /** the business concerned was asked to answer: from then on its account sees this order */
    businessInvolved: boolean('business_involved').notNull().default(false),
    lng: doublePrecision('lng'),
    lat: doublePrecision('lat'),
    occurredAt: timestamp('occurred_at', { withTimezone: true }),
    photoIds: uuid('photo_ids').array().notNull().default(sql`'{}'::uuid[]`),
    classification: jsonb('classification'),
    answer: text('answer'),
    satisfaction: text('satisfaction'),
    satisfactionReason: text('satisfaction_reason'),
    reopenCount: integer('reopen_count').notNull().default(0),
    urgeCount: integer('urge_count').notNull().default(0),
    escalationLevel: integer('escalation_level').notNull().default(0),
    mergedIntoId: uuid('merged_into_id'),
    /** 不予受理's ground (REFUSAL_GROUNDS), set when the command center declines the order */
    refusalGround: text('refusal_ground'),
    /** what the department found when it resolved: founded (属实) or unfounded (不属实, no credit event) */
    finding: text('finding'),
    respondedAt: timestamp('responded_at', { withTimezone: true }),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    responseDueAt: timestamp('response_due_at', { withTimezone: true }),
    resolutionDueAt: timestamp('resolution_due_at', { withTimezone: true }),
    /** remaining resolution time while the clock is paused for material */
    pausedRemainingMs: bigint('paused_remaining_ms', { mode: 'number' }),
    /**
     * The paused clock's own start (a reopened order's clock starts at the reopen, not at creation): resuming
     * moves it by the pause, so the 150% and 200% stages keep their distance from the deadline.
     */
    pausedStartAt: timestamp('paused_start_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('work_orders_dept_queue_idx').on(t.departmentId, t.createdAt.desc(), t.id.desc()),
    index('work_orders_status_created_idx').on(t.status, t.createdAt.desc(), t.id.desc()),
    index('work_orders_created_idx').on(t.createdAt.desc(), t.id.desc()),
    index('work_orders_reporter_idx').on(t.reporterUserId, t.createdAt.desc()),
    index('work_orders_business_idx').on(t.businessId, t.createdAt.desc()),
    index('work_orders_co_departments_idx').using('gin', t.coDepartmentIds),
    // 未评价关闭: the sweep's probe for resolved orders past the rating days (auto-close.ts)
    index('work_orders_resolved_idx').on(t.resolvedAt).where(sql`${t.status} = 'resolved'`),
  ],
);

/** The timeline: every step an order takes, who took it and why. */
export const workOrderEvents = pgTable(
  'work_order_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    workOrderId: uuid('work_order_id').notNull(),
    action: text('action').notNull(),
    actorId: uuid('actor_id'),
    actorRole: text('actor_role'),
    departmentId: uuid('department_id'),
    note: text('note'),
    /**
     * Who besides the handlers (dispatchers, leaders, the departments) reads this entry: `internal` no one,
     * `business` the business concerned, `tourist` the one who filed, `all` both (TEntryVisibility; the policy
     * decides per reader, work-orders.policy.ts).
     */
    visibility: text('visibility').$type<TEntryVisibility>().notNull().default('internal'),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('work_order_events_order_idx').on(t.workOrderId, t.id),
    check('work_order_events_visibility_check', sql`${t.visibility} in ('internal', 'business', 'tourist', 'all')`),
  ],
);

/**
 * A running clock: one row per (order, clock) holding the next stage to act on and when. The sweeper takes
 * due rows with SKIP LOCKED, acts and moves the row to its next stage in one transaction — so with any
 * number of instances every stage fires exactly once. One index, no job per order.
 */
export const slaTimers = pgTable(
  'sla_timers',
  {
    workOrderId: uuid('work_order_id').notNull(),
    clock: text('clock').notNull(),
    stage: text('stage').notNull(),
    /** the next stage's instant; null once the clock has stopped (a breached clock's row is kept for its flag) */
    dueAt: timestamp('due_at', { withTimezone: true }),
    startAt: timestamp('start_at', { withTimezone: true }).notNull(),
    deadlineAt: timestamp('deadline_at', { withTimezone: true }).notNull(),
    /**
     * This clock passed 100% (set by the SLA sweeper; kept after the clock stops and through a reopen, for
     * statistics). It lives here, not on work_orders, so a mass breach updates only this narrow table and not
     * the order rows with their eight indexes.
     */
    overdue: boolean('overdue').notNull().default(false),
    /**
     * The order's lead department, kept here by updateWorkOrder: the sweeper addresses its notices from the
     * timer rows alone, without reading a hundred thousand order rows in a mass breach.
     */
    departmentId: uuid('department_id'),
  },
  (t) => [
    // One row per clock of an order, keyed by the pair: no surrogate id, one index less on every insert.
    primaryKey({ name: 'sla_timers_pkey', columns: [t.workOrderId, t.clock] }),
    index('sla_timers_due_idx').on(t.dueAt).where(sql`${t.dueAt} is not null`),
  ],
);

/** 时限 per kind, optionally per category. */
export const slaPolicies = pgTable(
  'sla_policies',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    kind: text('kind').notNull(),
    category: text('category'),
    responseAmount: integer('response_amount').notNull(),
    responseUnit: text('response_unit').notNull(),
    resolutionAmount: integer('resolution_amount').notNull(),
    resolutionUnit: text('resolution_unit').notNull(),
    pauseOnMaterial: boolean('pause_on_material').notNull().default(true),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('sla_policies_kind_category_uq').on(t.kind, sql`coalesce(${t.category}, '')`)],
);

/** Category → department routing; editable by the admin. Auto-dispatch is off unless switched on. */
export const categoryRouting = pgTable('category_routing', {
  category: text('category').primaryKey(),
  departmentId: uuid('department_id'),
  autoDispatch: boolean('auto_dispatch').notNull().default(false),
  threshold: real('threshold').notNull().default(0.8),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * A dispatcher changed an order's category: the text (anonymised), the category before and after, who and when.
 * An admin accepts or rejects each; accepted ones are exported as training rows. The model never learns from
 * this table by itself: a person exports the file and rebuilds the model with `classify:build --corrections`.
 */
export const categoryCorrections = pgTable(
  'category_corrections',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workOrderId: uuid('work_order_id').notNull(),
    text: text('text').notNull(),
    /** the category before the change (what the classifier or the tourist had chosen), null if none */
    originalCategory: text('original_category'),
    /** what the classifier had suggested at intake, for comparing */
    suggestedCategory: text('suggested_category'),
    correctedCategory: text('corrected_category').notNull(),
    correctedBy: uuid('corrected_by'),
    correctedAt: timestamp('corrected_at', { withTimezone: true }).notNull(),
    /** pending → accepted | rejected */
    status: text('status').notNull().default('pending'),
    reviewedBy: uuid('reviewed_by'),
    reviewedAt: timestamp('reviewed_at', { withTimezone: true }),
  },
  (t) => [index('category_corrections_status_idx').on(t.status, t.correctedAt.desc())],
);
