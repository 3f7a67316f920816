import { z } from 'zod';
import { text } from './common.js';

/**
 * A work order's procedure beyond its status: who held it when (办理时段, each holder with its own first-response
 * clock), and the department's requests for more time — extension (延期) or suspension (挂起) — that the command
 * center approves or refuses.
 */
export const TIME_REQUEST_KINDS = ['extension', 'suspension'] as const;
export const ZTimeRequestKind = z.enum(TIME_REQUEST_KINDS);
export type TTimeRequestKind = z.infer<typeof ZTimeRequestKind>;
export const TIME_REQUEST_STATUSES = ['pending', 'approved', 'refused', 'ended'] as const;

/** The longest extension a department may ask for at once, in working days (a local choice, not a rule of law). */
export const MAX_EXTENSION_DAYS = 30;

/** A department asks: an extension names its working days; a suspension runs until the department ends it. */
export const ZTimeRequestRequest = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('extension'),
    days: z.number().int().min(1).max(MAX_EXTENSION_DAYS),
    reason: text().trim().min(1).max(2000),
  }),
  z.strictObject({ kind: z.literal('suspension'), reason: text().trim().min(1).max(2000) }),
]);
export type TTimeRequestRequest = z.infer<typeof ZTimeRequestRequest>;

/** The command center's decision; the note is what the tourist reads when it is approved. */
export const ZTimeDecisionRequest = z.strictObject({
  approve: z.boolean(),
  note: text().trim().min(1).max(2000),
});
export type TTimeDecisionRequest = z.infer<typeof ZTimeDecisionRequest>;

export const ZTimeRequest = z.object({
  id: z.string(),
  workOrderId: z.string(),
  trackingNo: z.string().optional(),
  departmentId: z.string(),
  departmentName: z.string().nullable(),
  kind: ZTimeRequestKind,
  days: z.number().nullable(),
  reason: z.string(),
  status: z.enum(TIME_REQUEST_STATUSES),
  requestedAt: z.string(),
  decidedAt: z.string().nullable(),
  decisionNote: z.string().nullable(),
  deadlineBefore: z.string().nullable(),
  deadlineAfter: z.string().nullable(),
  endedAt: z.string().nullable(),
});
export type TTimeRequest = z.infer<typeof ZTimeRequest>;

export const STRETCH_HOLDERS = ['command_center', 'department'] as const;
export const ZStretch = z.object({
  holder: z.enum(STRETCH_HOLDERS),
  departmentId: z.string().nullable(),
  departmentName: z.string().nullable(),
  startedAt: z.string(),
  responseDueAt: z.string(),
  respondedAt: z.string().nullable(),
  /** the holder's first response came after its deadline (or has not come and the deadline passed) */
  responseLate: z.boolean(),
  resolutionBreached: z.boolean(),
  endedAt: z.string().nullable(),
  endReason: z.string().nullable(),
});
export type TStretch = z.infer<typeof ZStretch>;

export const ZWorkOrderProcedure = z.object({
  stretches: z.array(ZStretch),
  timeRequests: z.array(ZTimeRequest),
  /** 派单异议, oldest first (declared below) */
  disputes: z.array(z.lazy(() => ZDispute)),
});
export type TWorkOrderProcedure = z.infer<typeof ZWorkOrderProcedure>;

/**
 * 回访: the command center calls back whoever filed an order that came without a portal tourist (hotline,
 * suggestion box, grid) and records what they said; `unreachable` closes the order as not rated.
 */
export const FOLLOW_UP_RESULTS = ['satisfied', 'basically_satisfied', 'unsatisfied', 'unreachable'] as const;
export const FOLLOW_UP_RESULT_LABELS: Record<(typeof FOLLOW_UP_RESULTS)[number], { zh: string; en: string }> = {
  satisfied: { zh: '满意', en: 'Satisfied' },
  basically_satisfied: { zh: '基本满意', en: 'Basically satisfied' },
  unsatisfied: { zh: '不满意', en: 'Unsatisfied' },
  unreachable: { zh: '未能联系上（未评价）', en: 'Could not be reached (not rated)' },
};
export const ZFollowUpRequest = z.strictObject({
  result: z.enum(FOLLOW_UP_RESULTS),
  note: text().trim().min(1).max(2000),
});
export type TFollowUpRequest = z.infer<typeof ZFollowUpRequest>;

/** The procedure's local rules (本地规定): the return window after a dispatch, the most returns per order, the days to rate. */
export const ZProcedureRules = z.strictObject({
  returnWindowHours: z.number().int().min(1).max(720),
  maxReturns: z.number().int().min(0).max(10),
  /** 未评价关闭 after this many days without the tourist's rating (a local rule; kept as it was when left out) */
  autoCloseDays: z.number().int().min(1).max(90).optional(),
});
export type TProcedureRules = z.infer<typeof ZProcedureRules>;

/** Lateness by the party that held each order at the time, and the time granted. */
export const ZHolderStatsItem = z.object({
  holder: z.enum(STRETCH_HOLDERS),
  departmentId: z.string().nullable(),
  label: z.string(),
  stretches: z.number(),
  responseDue: z.number(),
  respondedLate: z.number(),
  resolutionBreached: z.number(),
  returned: z.number(),
  transferred: z.number(),
  extensions: z.number(),
  suspensions: z.number(),
  suspendedHours: z.number(),
});
export type THolderStatsItem = z.infer<typeof ZHolderStatsItem>;

/**
 * 派单异议审核: a department that holds an order it says was wrongly dispatched asks the command center to review
 * the dispatch instead of sending the order back. The command center upholds it (the order stays with the same
 * department, its clock running on) or accepts it and re-dispatches the order to another department.
 */
export const DISPUTE_STATUSES = ['pending', 'upheld', 'accepted'] as const;
export const ZDisputeStatus = z.enum(DISPUTE_STATUSES);
export const ZDisputeRequest = z.strictObject({ reason: text().trim().min(1).max(2000) });
export type TDisputeRequest = z.infer<typeof ZDisputeRequest>;
export const ZDisputeReviewRequest = z.discriminatedUnion('decision', [
  z.strictObject({ decision: z.literal('uphold'), note: text().trim().min(1).max(2000) }),
  z.strictObject({
    decision: z.literal('redispatch'),
    note: text().trim().min(1).max(2000),
    departmentId: text().uuid(),
    coDepartmentIds: z.array(text().uuid()).max(5).default([]),
  }),
]);
export type TDisputeReviewRequest = z.infer<typeof ZDisputeReviewRequest>;
export const ZDispute = z.object({
  id: z.string(),
  workOrderId: z.string(),
  trackingNo: z.string().optional(),
  departmentId: z.string(),
  departmentName: z.string().nullable(),
  reason: z.string(),
  status: ZDisputeStatus,
  requestedAt: z.string(),
  decidedAt: z.string().nullable(),
  decisionNote: z.string().nullable(),
  /** where an accepted dispute sent the order */
  redispatchedToId: z.string().nullable(),
  redispatchedToName: z.string().nullable(),
});
export type TDispute = z.infer<typeof ZDispute>;
