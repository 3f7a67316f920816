import { z } from 'zod';
import { ZPhone } from './auth.js';
import { instant, text } from './common.js';

/** 诉求类型 */
export const WORK_ORDER_KINDS = ['complaint', 'report', 'suggestion', 'help', 'consultation', 'praise'] as const;
export const ZWorkOrderKind = z.enum(WORK_ORDER_KINDS);
export type TWorkOrderKind = z.infer<typeof ZWorkOrderKind>;

/** 来源 */
export const WORK_ORDER_SOURCES = [
  'portal',
  'hotline',
  'suggestion_box',
  'grid',
  'frontline',
  'opinion',
  'inspection',
  'price_alert',
  'walk_in',
  /** a no-reason return request, registered when filed */
  'return',
] as const;
export const ZWorkOrderSource = z.enum(WORK_ORDER_SOURCES);
export type TWorkOrderSource = z.infer<typeof ZWorkOrderSource>;

/**
 * 工单状态. pending 待派单 → dispatched 待接单 → handling 办理中 (⇄ awaiting_material 待补充材料)
 * → resolved 已办结 (awaiting the tourist's rating) → closed 已归档.
 * unfounded 不予受理 and merged 已合并 are closed without resolution.
 */
export const WORK_ORDER_STATUSES = [
  'pending',
  'dispatched',
  'handling',
  'awaiting_material',
  'resolved',
  'closed',
  'unfounded',
  'merged',
] as const;
export const ZWorkOrderStatus = z.enum(WORK_ORDER_STATUSES);
export type TWorkOrderStatus = z.infer<typeof ZWorkOrderStatus>;

/** Category ids of the classification contract (kept exactly: called from outside). */
export const CATEGORY_IDS = [
  'forced_shopping',
  'low_price_tour',
  'price_fraud',
  'illegal_operation',
  'transport',
  'accommodation',
  'catering',
  'scenic_service',
  'safety',
  'guide_service',
  'contract_dispute',
  'shopping_quality',
  'online_booking',
  'other',
] as const;
export const ZCategoryId = z.enum(CATEGORY_IDS);
export type TCategoryId = z.infer<typeof ZCategoryId>;

export const CATEGORY_LABELS: Record<TCategoryId, { zh: string; en: string }> = {
  forced_shopping: { zh: '强迫购物', en: 'Forced shopping' },
  low_price_tour: { zh: '不合理低价游', en: 'Unreasonably low-price tour' },
  price_fraud: { zh: '价格欺诈', en: 'Price fraud' },
  illegal_operation: { zh: '非法经营（黑导、黑车、黑店）', en: 'Illegal operation (unlicensed guides, cabs, shops)' },
  transport: { zh: '交通出行', en: 'Transport' },
  accommodation: { zh: '住宿', en: 'Accommodation' },
  catering: { zh: '餐饮', en: 'Catering' },
  scenic_service: { zh: '景区服务', en: 'Scenic-spot service' },
  safety: { zh: '安全', en: 'Safety' },
  guide_service: { zh: '导游讲解服务', en: 'Guide service' },
  contract_dispute: { zh: '旅游合同纠纷', en: 'Tour contract dispute' },
  shopping_quality: { zh: '商品质量与退货', en: 'Goods quality and returns' },
  online_booking: { zh: '在线旅游平台', en: 'Online travel platform' },
  other: { zh: '其他', en: 'Other' },
};

export const KIND_LABELS: Record<TWorkOrderKind, { zh: string; en: string }> = {
  complaint: { zh: '投诉', en: 'Complaint' },
  report: { zh: '举报', en: 'Report' },
  suggestion: { zh: '建议', en: 'Suggestion' },
  help: { zh: '求助', en: 'Help' },
  consultation: { zh: '咨询', en: 'Consultation' },
  praise: { zh: '表扬', en: 'Praise' },
};

export const SOURCE_LABELS: Record<TWorkOrderSource, { zh: string; en: string }> = {
  portal: { zh: '游客端', en: 'Portal' },
  hotline: { zh: '热线', en: 'Hotline' },
  suggestion_box: { zh: '意见箱', en: 'Suggestion box' },
  grid: { zh: '网格上报', en: 'Grid report' },
  frontline: { zh: '景区上报', en: 'Frontline report' },
  opinion: { zh: '舆情', en: 'Public opinion' },
  inspection: { zh: '检查发现', en: 'Inspection finding' },
  price_alert: { zh: '价格预警', en: 'Price alert' },
  walk_in: { zh: '现场/窗口', en: 'Walk-in' },
  return: { zh: '无理由退货', en: 'No-reason return' },
};

export const STATUS_LABELS: Record<TWorkOrderStatus, { zh: string; en: string }> = {
  pending: { zh: '待派单', en: 'Pending dispatch' },
  dispatched: { zh: '待接单', en: 'Awaiting acceptance' },
  handling: { zh: '办理中', en: 'In progress' },
  awaiting_material: { zh: '待补充材料', en: 'Awaiting material' },
  resolved: { zh: '已办结', en: 'Resolved' },
  closed: { zh: '已归档', en: 'Closed' },
  unfounded: { zh: '不予受理', en: 'Not accepted' },
  merged: { zh: '已合并', en: 'Merged' },
};

/**
 * An order's two SLA clocks: 响应 (first response) and 办结 (resolution). The timeline entries of SLA steps
 * (remind, overdue, urge, escalate by the system) store the clock's id first in their note ("response 50%");
 * the order's view shows its label in the reader's language instead.
 */
export const SLA_CLOCKS = ['response', 'resolution'] as const;
export type TSlaClock = (typeof SLA_CLOCKS)[number];
export const SLA_CLOCK_LABELS: Record<TSlaClock, { zh: string; en: string }> = {
  response: { zh: '响应', en: 'response' },
  resolution: { zh: '办结', en: 'resolution' },
};

export const SATISFACTIONS = ['satisfied', 'basically_satisfied', 'unsatisfied'] as const;
export const ZSatisfaction = z.enum(SATISFACTIONS);
export type TSatisfaction = z.infer<typeof ZSatisfaction>;

export const ZLocation = z.strictObject({
  lng: z.number().min(-180).max(180),
  lat: z.number().min(-90).max(90),
});

const ZText = text().trim().min(5, 'too_short').max(2000);

/** 游客提交诉求 (portal). Photos are upload ids from POST /api/files. */
export const ZCreateWorkOrderRequest = z.strictObject({
  kind: ZWorkOrderKind,
  text: ZText,
  businessId: text().uuid().optional(),
  location: ZLocation.optional(),
  occurredAt: instant().optional(),
  photoIds: z.array(text().uuid()).max(6).default([]),
  anonymous: z.boolean().default(false),
});
export type TCreateWorkOrderRequest = z.infer<typeof ZCreateWorkOrderRequest>;

/** 意见箱: no login; a phone is optional for a reply. */
export const ZSuggestionBoxRequest = z.strictObject({
  text: ZText,
  businessId: text().uuid().optional(),
  contactPhone: ZPhone.optional(),
});

/** 问题上报 by grid workers and scenic-spot staff. */
export const ZFrontlineReportRequest = z.strictObject({
  text: ZText,
  businessId: text().uuid().optional(),
  location: ZLocation,
  photoIds: z.array(text().uuid()).max(6).default([]),
});

export const ZClassifyRequest = z.strictObject({ text: text().min(1).max(5000) });
export const ZClassifyResponse = z.object({
  category: ZCategoryId,
  confidence: z.number().min(0).max(1),
  department: z.string(),
  keywords: z.array(z.string()),
  alternatives: z.array(z.object({ category: ZCategoryId, confidence: z.number().min(0).max(1) })),
});
export type TClassifyResponse = z.infer<typeof ZClassifyResponse>;

const ZNote = text().trim().min(1).max(2000);
export const ZDispatchRequest = z.strictObject({
  departmentId: text().uuid(),
  coDepartmentIds: z.array(text().uuid()).max(5).default([]),
  note: text().trim().max(2000).default(''),
  category: ZCategoryId.optional(),
});
export const ZReasonRequest = z.strictObject({ reason: ZNote });
export const ZTransferRequest = z.strictObject({ departmentId: text().uuid(), reason: ZNote });
export const ZReplyRequest = z.strictObject({ text: ZNote });
/** An answer to the tourist (reply, resolve): by default the tourist alone reads it; `all` shows the business too. */
export const ZAnswerRequest = z.strictObject({ text: ZNote, audience: z.enum(['tourist', 'all']).optional() });

/**
 * 不予受理 by its grounds (旅游投诉处理办法): the command center declines an appeal it may not take up, naming the
 * ground; the tourist is told and reads it on the portal. `other` needs its own words.
 */
export const REFUSAL_GROUNDS = [
  'court_or_arbitration',
  'already_handled',
  'outside_remit',
  'over_90_days',
  'no_clear_respondent',
  'other',
] as const;
export const ZRefusalGround = z.enum(REFUSAL_GROUNDS);
export type TRefusalGround = z.infer<typeof ZRefusalGround>;
export const REFUSAL_GROUND_LABELS: Record<TRefusalGround, { zh: string; en: string }> = {
  court_or_arbitration: { zh: '已向法院起诉或申请仲裁', en: 'Already before a court or in arbitration' },
  already_handled: { zh: '已处理过且无新情况、新理由', en: 'Already handled, with nothing new' },
  outside_remit: { zh: '不属于平台受理范围', en: "Outside the platform's remit" },
  over_90_days: {
    zh: '超过合同终止或消费结束之日起90天',
    en: 'More than 90 days after the contract or consumption ended',
  },
  no_clear_respondent: { zh: '没有明确的被投诉人或具体事实', en: 'No clear respondent or facts' },
  other: { zh: '其他', en: 'Other' },
};
export const ZRefusalRequest = z
  .strictObject({ ground: ZRefusalGround, reason: text().trim().max(2000).default('') })
  .refine((b) => b.ground !== 'other' || b.reason.length > 0, { path: ['reason'], message: 'required' });
export type TRefusalRequest = z.infer<typeof ZRefusalRequest>;

/**
 * What the department found when it resolves: 属实 (founded) or 不属实 (unfounded after investigation). An unfounded
 * finding is an answer too (the order is resolved and rated), but not a founded complaint: no credit event follows.
 */
export const FINDINGS = ['founded', 'unfounded'] as const;
export const ZFinding = z.enum(FINDINGS);
export type TFinding = z.infer<typeof ZFinding>;
export const FINDING_LABELS: Record<TFinding, { zh: string; en: string }> = {
  founded: { zh: '属实', en: 'Founded' },
  unfounded: { zh: '不属实', en: 'Unfounded after investigation' },
};
export const ZResolveRequest = z.strictObject({
  text: ZNote,
  audience: z.enum(['tourist', 'all']).optional(),
  finding: ZFinding.default('founded'),
});
export const ZMergeRequest = z.strictObject({ intoId: text().uuid() });
export const ZRateRequest = z.strictObject({
  satisfaction: ZSatisfaction,
  reason: text().trim().max(500).optional(),
});
export const ZMaterialRequest = z.strictObject({
  text: ZNote,
  photoIds: z.array(text().uuid()).max(6).default([]),
});

export const ZWorkOrderListQuery = z.object({
  status: ZWorkOrderStatus.optional(),
  kind: ZWorkOrderKind.optional(),
  category: ZCategoryId.optional(),
  source: ZWorkOrderSource.optional(),
  departmentId: text().uuid().optional(),
  overdue: z.enum(['true', 'false']).optional(),
  q: text().max(100).optional(),
  page: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
  /** keyset paging for long queues: opaque cursor from the previous page */
  cursor: text().max(200).optional(),
});
export type TWorkOrderListQuery = z.infer<typeof ZWorkOrderListQuery>;

export const TIMELINE_ACTIONS = [
  'submit',
  'classify',
  'dispatch',
  'accept',
  'return',
  'transfer',
  'request_material',
  'supply_material',
  'involve_business',
  'business_reply',
  'reply',
  'resolve',
  'rate',
  'reopen',
  'urge',
  'merge',
  'unfounded',
  'remind',
  'overdue',
  'escalate',
  'close',
  /** 先行赔付 recorded on the no-reason return the order came from (not a state change) */
  'compensate',
  /** 延期 / 挂起: a department's request, the command center's decision, the end of a suspension */
  'request_time',
  'decide_time',
  'end_suspension',
  /** 回访 by phone for an order without a portal tourist */
  'follow_up',
  /** 派单异议: a department says the dispatch was wrong; the command center reviews (upholds or re-dispatches) */
  'dispute',
  'review_dispute',
  /** the tourist is told the order went to another department (转办 / 改派, 32号令 §15) */
  'transfer_notice',
] as const;
export const ZTimelineAction = z.enum(TIMELINE_ACTIONS);

/**
 * Who besides the handlers reads a timeline entry: `internal` no one (a department's note, reminders, urges),
 * `business` the business concerned (what it was asked and what it answered), `tourist` the one who filed, `all`
 * both (the complaint itself; an answer the department chose to show the business too).
 */
export const ENTRY_VISIBILITIES = ['internal', 'business', 'tourist', 'all'] as const;
export const ZEntryVisibility = z.enum(ENTRY_VISIBILITIES);
export type TEntryVisibility = z.infer<typeof ZEntryVisibility>;

export const ZTimelineEntry = z.object({
  id: z.string(),
  action: ZTimelineAction,
  actorRole: z.string().nullable(),
  actorName: z.string().nullable(),
  note: z.string().nullable(),
  departmentName: z.string().nullable(),
  /** shown to the handlers only (the others are given only what they may read) */
  visibility: ZEntryVisibility.nullable(),
  at: z.string(),
});
export type TTimelineEntry = z.infer<typeof ZTimelineEntry>;

export const ZWorkOrderSummary = z.object({
  id: z.string(),
  trackingNo: z.string(),
  kind: ZWorkOrderKind,
  source: ZWorkOrderSource,
  status: ZWorkOrderStatus,
  category: ZCategoryId.nullable(),
  text: z.string(),
  businessId: z.string().nullable(),
  businessName: z.string().nullable(),
  departmentId: z.string().nullable(),
  departmentName: z.string().nullable(),
  createdAt: z.string(),
  responseDueAt: z.string().nullable(),
  resolutionDueAt: z.string().nullable(),
  overdue: z.boolean(),
  urgeCount: z.number().int(),
});
export type TWorkOrderSummary = z.infer<typeof ZWorkOrderSummary>;

export const ZWorkOrderDetail = ZWorkOrderSummary.extend({
  reporterName: z.string().nullable(),
  reporterPhoneMasked: z.string().nullable(),
  anonymous: z.boolean(),
  location: z.object({ lng: z.number(), lat: z.number() }).nullable(),
  occurredAt: z.string().nullable(),
  photoIds: z.array(z.string()),
  coDepartmentNames: z.array(z.string()),
  classification: ZClassifyResponse.nullable(),
  answer: z.string().nullable(),
  satisfaction: ZSatisfaction.nullable(),
  satisfactionReason: z.string().nullable(),
  reopenCount: z.number().int(),
  respondedAt: z.string().nullable(),
  resolvedAt: z.string().nullable(),
  /** when the order was first answered (its first reply or resolution): a reopen and later answers keep it */
  answeredAt: z.string().nullable(),
  /** 不予受理's ground (status unfounded) */
  refusalGround: ZRefusalGround.nullable(),
  /** the department's finding when it resolved: 属实 or 不属实 */
  finding: ZFinding.nullable(),
  timeline: z.array(ZTimelineEntry),
  /** actions the current user may take now: drives the buttons */
  allowedActions: z.array(z.string()),
});
export type TWorkOrderDetail = z.infer<typeof ZWorkOrderDetail>;
