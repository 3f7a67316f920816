import { sql } from 'drizzle-orm';
import { check, date, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

/**
 * 双随机、一公开. An inspector in a draw's pool holds an enforcement certificate (执法证) of a department; a
 * declared relation (回避) keeps them from a business; a plan's pools are frozen (canonical JSON, hashed) before the
 * public value is known; the draw's pairs become tasks, each with a deadline and, once inspected, a result that is
 * published within 20 working days.
 */
export const inspectorCertificates = pgTable(
  'inspector_certificates',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** one certificate per account: a person enforces for one department at a time */
    userId: uuid('user_id').notNull().unique(),
    certificateNo: text('certificate_no').notNull().unique(),
    departmentId: uuid('department_id').notNull(),
    validFrom: date('valid_from', { mode: 'string' }).notNull(),
    validUntil: date('valid_until', { mode: 'string' }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('inspector_certificates_department_idx').on(t.departmentId),
    check('inspector_certificates_validity_ck', sql`${t.validUntil} >= ${t.validFrom}`),
  ],
);

export const inspectorRelations = pgTable(
  'inspector_relations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id').notNull(),
    businessId: uuid('business_id').notNull(),
    reason: text('reason').notNull(),
    declaredAt: timestamp('declared_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('inspector_relations_pair_idx').on(t.userId, t.businessId),
    index('inspector_relations_business_idx').on(t.businessId),
  ],
);

export const drawPlans = pgTable(
  'draw_plans',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    departmentIds: uuid('department_ids').array().notNull(),
    periodStart: date('period_start', { mode: 'string' }).notNull(),
    periodEnd: date('period_end', { mode: 'string' }).notNull(),
    kinds: text('kinds').array().notNull().default(sql`'{}'::text[]`),
    countyCodes: text('county_codes').array().notNull().default(sql`'{}'::text[]`),
    grades: text('grades').array().notNull().default(sql`'{}'::text[]`),
    ratios: jsonb('ratios').$type<Record<string, number>>().notNull(),
    inspectorsPerTarget: integer('inspectors_per_target').notNull().default(2),
    taskWorkingDays: integer('task_working_days').notNull().default(20),
    /** draft → frozen (pools fixed and hashed) → drawn */
    status: text('status').notNull().default('draft'),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    frozenAt: timestamp('frozen_at', { withTimezone: true }),
    /** the pools exactly as hashed (draw.ts canonicalTargets / canonicalInspectors): text, so the bytes stay put */
    targetPool: text('target_pool'),
    inspectorPool: text('inspector_pool'),
    targetPoolSize: integer('target_pool_size'),
    inspectorPoolSize: integer('inspector_pool_size'),
    planHash: text('plan_hash'),
    targetPoolHash: text('target_pool_hash'),
    inspectorPoolHash: text('inspector_pool_hash'),
    publicValue: text('public_value'),
    seed: text('seed'),
    algorithm: text('algorithm'),
    /** runDraw's answer: assignments, unassigned, byGrade */
    result: jsonb('result').$type<{
      assignments: { targetId: string; grade: string; inspectorIds: string[] }[];
      unassigned: string[];
      byGrade: Record<string, { pool: number; drawn: number }>;
    }>(),
    drawnAt: timestamp('drawn_at', { withTimezone: true }),
    drawnBy: uuid('drawn_by'),
  },
  (t) => [
    index('draw_plans_created_idx').on(t.createdAt),
    index('draw_plans_departments_idx').using('gin', t.departmentIds),
    check('draw_plans_status_ck', sql`${t.status} in ('draft', 'frozen', 'drawn')`),
    check('draw_plans_inspectors_ck', sql`${t.inspectorsPerTarget} >= 2`),
    check('draw_plans_period_ck', sql`${t.periodEnd} >= ${t.periodStart}`),
  ],
);

export const drawTasks = pgTable(
  'draw_tasks',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    planId: uuid('plan_id')
      .notNull()
      .references(() => drawPlans.id),
    businessId: uuid('business_id').notNull(),
    grade: text('grade').notNull(),
    inspectorIds: uuid('inspector_ids').array().notNull(),
    dueAt: timestamp('due_at', { withTimezone: true }).notNull(),
    /** open → done (result recorded) → published */
    status: text('status').notNull().default('open'),
    result: text('result'),
    problems: text('problems'),
    handling: text('handling'),
    inspectedAt: timestamp('inspected_at', { withTimezone: true }),
    /** the inspection that completed it, when it came from the inspections module */
    inspectionId: uuid('inspection_id'),
    completedBy: uuid('completed_by'),
    completedAt: timestamp('completed_at', { withTimezone: true }),
    /** 20 working days after the inspection */
    publishBy: timestamp('publish_by', { withTimezone: true }),
    publishedAt: timestamp('published_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('draw_tasks_plan_business_idx').on(t.planId, t.businessId),
    index('draw_tasks_inspectors_idx').using('gin', t.inspectorIds),
    index('draw_tasks_published_idx').on(t.publishedAt),
    check('draw_tasks_status_ck', sql`${t.status} in ('open', 'done', 'published')`),
    check(
      'draw_tasks_result_ck',
      sql`${t.result} is null or ${t.result} in ('compliant', 'rectify', 'referred', 'not_found')`,
    ),
    check(
      'draw_tasks_done_ck',
      sql`${t.status} = 'open' or (${t.result} is not null and ${t.inspectedAt} is not null)`,
    ),
  ],
);
