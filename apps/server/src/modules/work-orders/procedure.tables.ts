import { sql } from 'drizzle-orm';
import { bigserial, boolean, check, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { DEFAULT_PROCEDURE_RULES } from './procedure.rules.js';

/**
 * 办理时段: who held an order when. The command center holds it from submission (or a return) until it dispatches;
 * a department from its dispatch (or a transfer to it) until it returns or transfers it, or the order closes.
 * Each stretch carries its holder's own first-response clock — the command center's 受理/派单, the department's
 * 签收 — so statistics charge lateness to whoever held the order at the time, not to whoever holds it now.
 */
export const workOrderStretches = pgTable(
  'work_order_stretches',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    workOrderId: uuid('work_order_id').notNull(),
    /** `command_center` (department null) or `department` */
    holder: text('holder').notNull(),
    departmentId: uuid('department_id'),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
    /** the holder's first-response deadline: dispatch for the command center, acceptance for a department */
    responseDueAt: timestamp('response_due_at', { withTimezone: true }).notNull(),
    respondedAt: timestamp('responded_at', { withTimezone: true }),
    /** the resolution clock passed 100% while this holder had the order (set by the SLA sweeper) */
    resolutionBreached: boolean('resolution_breached').notNull().default(false),
    endedAt: timestamp('ended_at', { withTimezone: true }),
    /** what ended it: dispatched, returned, transferred, closed, unfounded, merged, refused */
    endReason: text('end_reason'),
  },
  (t) => [
    index('work_order_stretches_order_idx').on(t.workOrderId, t.id),
    index('work_order_stretches_dept_idx').on(t.departmentId, t.startedAt),
    check('work_order_stretches_holder_check', sql`${t.holder} in ('command_center', 'department')`),
  ],
);

/**
 * 延期 / 挂起: a department asks, before its resolution deadline, for more working days (extension) or to stop the
 * clock while an expert tests or appraises (suspension); the command center approves or refuses. An approved
 * suspension runs until the department ends it; its time is not counted against the resolution clock.
 */
export const workOrderTimeRequests = pgTable(
  'work_order_time_requests',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workOrderId: uuid('work_order_id').notNull(),
    departmentId: uuid('department_id').notNull(),
    /** extension | suspension */
    kind: text('kind').notNull(),
    /** working days asked for (extensions only) */
    days: integer('days'),
    reason: text('reason').notNull(),
    /** pending → approved | refused; an approved suspension becomes ended when the department resumes */
    status: text('status').notNull().default('pending'),
    requestedBy: uuid('requested_by'),
    requestedAt: timestamp('requested_at', { withTimezone: true }).notNull(),
    decidedBy: uuid('decided_by'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    decisionNote: text('decision_note'),
    /** the resolution deadline before and after an approved extension */
    deadlineBefore: timestamp('deadline_before', { withTimezone: true }),
    deadlineAfter: timestamp('deadline_after', { withTimezone: true }),
    endedAt: timestamp('ended_at', { withTimezone: true }),
  },
  (t) => [
    index('work_order_time_requests_order_idx').on(t.workOrderId, t.requestedAt),
    index('work_order_time_requests_pending_idx').on(t.requestedAt).where(sql`${t.status} = 'pending'`),
    check('work_order_time_requests_kind_check', sql`${t.kind} in ('extension', 'suspension')`),
    check('work_order_time_requests_status_check', sql`${t.status} in ('pending', 'approved', 'refused', 'ended')`),
  ],
);

/**
 * 派单异议: the department holding an order says it was wrongly dispatched; the order stays where it is (its clock
 * running) until the command center upholds the dispatch or accepts the dispute and re-dispatches the order.
 */
export const workOrderDisputes = pgTable(
  'work_order_disputes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workOrderId: uuid('work_order_id').notNull(),
    departmentId: uuid('department_id').notNull(),
    reason: text('reason').notNull(),
    /** pending → upheld (the dispatch stands) | accepted (re-dispatched) */
    status: text('status').notNull().default('pending'),
    requestedBy: uuid('requested_by'),
    requestedAt: timestamp('requested_at', { withTimezone: true }).notNull(),
    decidedBy: uuid('decided_by'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    decisionNote: text('decision_note'),
    redispatchedTo: uuid('redispatched_to'),
  },
  (t) => [
    index('work_order_disputes_order_idx').on(t.workOrderId, t.requestedAt),
    index('work_order_disputes_pending_idx').on(t.requestedAt).where(sql`${t.status} = 'pending'`),
    check('work_order_disputes_status_check', sql`${t.status} in ('pending', 'upheld', 'accepted')`),
  ],
);

/**
 * The procedure's local rules (本地规定, not national law), one row: how long after its dispatch a department may
 * still return an order, and how many times an order may be returned before the command center must dispatch it
 * for good. Edited by the system admin; the admin screen labels them as local choices.
 */
export const procedureRules = pgTable('procedure_rules', {
  id: text('id').primaryKey().default('default'),
  returnWindowHours: integer('return_window_hours').notNull().default(DEFAULT_PROCEDURE_RULES.returnWindowHours),
  maxReturns: integer('max_returns').notNull().default(DEFAULT_PROCEDURE_RULES.maxReturns),
  /** 未评价关闭: days after the resolution a portal tourist may still rate before the order closes as not rated */
  autoCloseDays: integer('auto_close_days').notNull().default(DEFAULT_PROCEDURE_RULES.autoCloseDays),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
