import type { TExecutor } from '../../db/client.js';
import { SYSTEM_ACTOR } from '../../platform/actor.js';
import { writeAudit } from '../../platform/audit.js';
import { loadCalendar } from '../../platform/calendar.js';
import { cancel, STAGE, schedule, type TDeadlineHandler } from '../../platform/deadlines/index.js';
import { CLOSED_STATUSES } from './state-machine.js';
import * as store from './work-orders.store.js';

/**
 * The decision limits of the national rules (旅游投诉处理办法), on the deadline engine, chased like any other:
 * - a complaint is accepted, refused (不予受理) or transferred within 5 working days of its submission
 *   (DECISION_LIMIT: reminded the working day before, overdue after; cancelled by the decision);
 * - a business asked to answer answers within 10 days (BUSINESS_ANSWER: reminded two days before, overdue after;
 *   cancelled by its answer or when the order is resolved or closed).
 * Each stage writes an internal timeline entry and tells whoever must act; an overdue stage is audited.
 */
export const DECISION_LIMIT = 'work_order.decision';
export const BUSINESS_ANSWER = 'work_order.business_answer';
export const DECISION_WORKING_DAYS = 5;
export const BUSINESS_ANSWER_DAYS = 10;
const DAY_MIN = 24 * 60;

/** The 5-working-day decision clock of new complaints (the other kinds have no such limit). */
export async function scheduleDecisionLimits(tx: TExecutor, rows: { id: string; kind: string }[], now: Date) {
  const complaints = rows.filter((r) => r.kind === 'complaint');
  if (!complaints.length) return;
  const calendar = await loadCalendar(tx);
  for (const r of complaints)
    await schedule(tx, {
      kind: DECISION_LIMIT,
      objectType: 'work_order',
      objectId: r.id,
      stages: [
        { name: STAGE.remind, after: { amount: DECISION_WORKING_DAYS - 1, unit: 'working_days' } },
        { name: STAGE.overdue, after: { amount: DECISION_WORKING_DAYS, unit: 'working_days' } },
      ],
      start: now,
      calendar,
    });
}

/** The decision was taken (accepted, refused, transferred, merged): its clock stops. */
export const decisionTaken = (tx: TExecutor, orderId: string, now: Date) => cancel(tx, DECISION_LIMIT, orderId, now);

/** The business was asked to answer: its 10 days start now (asking again starts them again). */
export function scheduleBusinessAnswer(tx: TExecutor, orderId: string, now: Date) {
  return schedule(tx, {
    kind: BUSINESS_ANSWER,
    objectType: 'work_order',
    objectId: orderId,
    stages: [
      { name: STAGE.remind, after: { amount: (BUSINESS_ANSWER_DAYS - 2) * DAY_MIN, unit: 'minutes' } },
      { name: STAGE.overdue, after: { amount: BUSINESS_ANSWER_DAYS * DAY_MIN, unit: 'minutes' } },
    ],
    start: now,
  });
}

export const businessAnswered = (tx: TExecutor, orderId: string, now: Date) =>
  cancel(tx, BUSINESS_ANSWER, orderId, now);

const NOTES = {
  [DECISION_LIMIT]: {
    remind: '受理决定期限将至（5个工作日） Decision due (5 working days)',
    overdue: '超过5个工作日未作出受理、不予受理或转交决定 No decision within 5 working days',
    audit: 'work_order.decision_overdue',
  },
  [BUSINESS_ANSWER]: {
    remind: '商户答复期限将至（10日） Business answer due (10 days)',
    overdue: '商户超过10日未答复 The business did not answer within 10 days',
    audit: 'work_order.business_answer_overdue',
  },
} as const;

/** One handler for both kinds: the order, locked; nothing if the limit no longer applies. */
export function decisionLimitHandler(kind: typeof DECISION_LIMIT | typeof BUSINESS_ANSWER): TDeadlineHandler {
  return async (tx, firing, { now, outbox }) => {
    const o = await store.lockWorkOrder(tx, firing.objectId);
    if (!o || CLOSED_STATUSES.includes(o.status) || o.status === 'resolved') return 'stop';
    if (kind === DECISION_LIMIT && o.status !== 'pending' && o.status !== 'dispatched') return 'stop';
    if (kind === BUSINESS_ANSWER && !o.businessInvolved) return 'stop';
    const n = NOTES[kind];
    const stage = firing.stage === STAGE.overdue ? 'overdue' : 'remind';
    await store.insertEvents(tx, [
      {
        workOrderId: o.id,
        action: stage,
        actorRole: 'system',
        note: n[stage],
        visibility: 'internal',
        at: now,
      },
    ]);
    const ref = { objectType: 'work_order', objectId: o.id };
    const no = o.trackingNo;
    const title = {
      titleZh: `${n[stage].split(' ')[0]}：${no}`,
      titleEn: `${n[stage].split(' ').slice(1).join(' ')}: ${no}`,
    };
    if (kind === DECISION_LIMIT) {
      outbox.notify({ role: 'dispatcher' }, { kind: `decision_${stage}`, ...title, ...ref });
      if (o.departmentId)
        outbox.notify(
          { role: 'department_staff', departmentId: o.departmentId },
          { kind: `decision_${stage}`, ...title, ...ref },
        );
    } else {
      if (o.businessId)
        for (const userId of await store.businessAccountIds(tx, o.businessId))
          outbox.notify({ userId }, { kind: `business_answer_${stage}`, ...title, ...ref });
      if (stage === 'overdue' && o.departmentId)
        outbox.notify(
          { role: 'department_staff', departmentId: o.departmentId },
          { kind: 'business_answer_overdue', ...title, ...ref },
        );
    }
    if (stage === 'overdue')
      await writeAudit(tx, SYSTEM_ACTOR, { action: n.audit, objectType: 'work_order', objectId: o.id }, now);
  };
}
