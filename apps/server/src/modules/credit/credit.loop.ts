import type { TExecutor } from '../../db/client.js';
import { SYSTEM_ACTOR } from '../../platform/actor.js';
import type { TCommandRunner } from '../../platform/commands/index.js';
import { STAGE, schedule, type TDeadlineHandler } from '../../platform/deadlines/index.js';
import type {} from '../inspections/index.js';
import { getQuarterRatingTotals } from '../ratings/index.js';
import type {} from '../work-orders/index.js';
import { recordCreditEvent } from './credit.events.js';

/**
 * The loop: what happens elsewhere writes credit events in the same transaction as its cause.
 * - a complaint against a business resolved (办结 with the finding 属实 — one found 不属实, or declined as 不予受理, writes none):
 *   the work-orders command runner's hook, inside the command's transaction;
 * - a return refused, escalated and compensated from the fund: the returns module calls recordCreditEvent;
 * - a quarter's ratings: a deadline at each quarter's start records the quarter before (credit.quarter_ratings).
 */
export function subscribeCreditLoop(commands: TCommandRunner) {
  const stops = [
    commands.onCommand('work-order.resolved', async ({ tx, facts, now, actor }) => {
      // 不属实 (unfounded after investigation) is an answer, not a founded complaint: no event
      if (facts.kind !== 'complaint' || !facts.businessId || facts.finding === 'unfounded') return;
      await recordCreditEvent(tx, {
        businessId: facts.businessId,
        ruleCode: 'complaint_founded',
        evidence: { type: 'work_order', id: facts.workOrderId, documentNo: facts.trackingNo },
        departmentId: facts.departmentId,
        effectiveAt: now,
        actor,
      });
    }),
    // An inspection that finds a major hazard (重大隐患): one event per hazard, in the inspection's transaction.
    commands.onCommand('inspection.submitted', async ({ tx, facts, now, actor }) => {
      for (const item of facts.failedItems.filter((i) => i.severity === 'major'))
        await recordCreditEvent(tx, {
          businessId: facts.businessId,
          ruleCode: 'major_hazard',
          evidence: { type: 'hazard', id: item.hazardId },
          departmentId: null,
          effectiveAt: now,
          actor,
        });
    }),
    // A rectification past its deadline (整改逾期), at its first lapse, in the deadline sweep's transaction.
    commands.onCommand('hazard.overdue', async ({ tx, facts, now, actor }) => {
      if (facts.lapse !== 1) return;
      await recordCreditEvent(tx, {
        businessId: facts.businessId,
        ruleCode: 'rectification_overdue',
        evidence: { type: 'hazard', id: facts.hazardId, documentNo: facts.hazardNo },
        departmentId: null,
        effectiveAt: now,
        actor,
      });
    }),
  ];
  return () => {
    for (const stop of stops) stop();
  };
}

export const QUARTER_RATINGS = 'credit.quarter_ratings';
/** A quarter's average at or above GOOD with at least MIN_COUNT ratings earns points; at or below POOR costs. */
const GOOD = 4.5;
const POOR = 3;
const MIN_COUNT = 5;

/** The first instant of the quarter containing `d`, in the prefecture's time (UTC+8). */
export function quarterStart(d: Date): Date {
  const local = new Date(d.getTime() + 8 * 3_600_000);
  const q = Math.floor(local.getUTCMonth() / 3) * 3;
  return new Date(Date.UTC(local.getUTCFullYear(), q, 1) - 8 * 3_600_000);
}
const quarterAfter = (start: Date) => {
  const local = new Date(start.getTime() + 8 * 3_600_000);
  return new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth() + 3, 1) - 8 * 3_600_000);
};
export const quarterLabel = (start: Date) => {
  const local = new Date(start.getTime() + 8 * 3_600_000);
  return `${local.getUTCFullYear()}Q${Math.floor(local.getUTCMonth() / 3) + 1}`;
};

/** Records one quarter's rating events for every rated business; once per business and quarter (the cause key). */
export async function recordQuarterRatings(tx: TExecutor, from: Date, to: Date, at: Date) {
  const totals = await getQuarterRatingTotals(tx, 'business', from, to);
  let n = 0;
  for (const t of totals) {
    if (t.count < MIN_COUNT) continue;
    const ruleCode = t.average >= GOOD ? 'rating_quarter_good' : t.average <= POOR ? 'rating_quarter_poor' : null;
    if (!ruleCode) continue;
    const e = await recordCreditEvent(tx, {
      businessId: t.targetId,
      ruleCode,
      evidence: { type: 'rating_period', id: quarterLabel(from) },
      departmentId: null,
      effectiveAt: at,
      note: `${quarterLabel(from)}: ${t.average.toFixed(1)} / ${t.count}`,
      actor: SYSTEM_ACTOR,
    });
    if (e) n++;
  }
  return n;
}

/** The deadline at a quarter's start records the quarter before it, then schedules the next quarter's. */
export const quarterRatingsHandler: TDeadlineHandler = async (tx, f, { now }) => {
  const start = new Date(Number(f.objectId.split(':')[1]));
  const prev = quarterStart(new Date(start.getTime() - 1));
  await recordQuarterRatings(tx, prev, start, now);
  await scheduleQuarterRatings(tx, quarterAfter(start), now);
  return 'stop';
};

/** Schedules the quarter job at `at` (a quarter's start); the object id carries the instant, so one per quarter. */
export async function scheduleQuarterRatings(tx: TExecutor, at: Date, now: Date) {
  await schedule(tx, {
    kind: QUARTER_RATINGS,
    objectType: 'system',
    objectId: `quarter:${at.getTime()}`,
    stages: [{ name: STAGE.overdue, at }],
    start: now,
  });
}
export { quarterAfter };
