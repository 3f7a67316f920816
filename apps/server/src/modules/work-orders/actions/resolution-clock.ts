import { loadSlaContext, policyFor, scheduleFrom, stopClock } from '../clocks.js';
import { addDuration, nextStage, pauseClock, resumeClock } from '../sla.js';
import type * as store from '../work-orders.store.js';
import type { TActionCtx } from './types.js';

/**
 * The resolution clock held and let go: for material from the tourist (when the policy says so) and for a
 * suspension under testing or appraisal. The remainder is kept in the policy's own measure (working time for
 * working days) with the clock's own start, so resuming shifts the whole clock — a reopened order's from its
 * reopen — by the pause.
 */
export async function pauseResolution(c: TActionCtx): Promise<Partial<store.TWorkOrderInsert>> {
  const { o, tx, now } = c;
  const ctx = await loadSlaContext(tx);
  const timer = await stopClock(tx, o.id, 'resolution');
  if (!timer) return {};
  const unit = policyFor(ctx, o.kind, o.category).resolution.unit;
  const { remainingMs } = pauseClock({ due: timer.deadlineAt }, now, unit, ctx.calendar);
  return { pausedRemainingMs: remainingMs, pausedStartAt: timer.startAt };
}

export async function resumeResolution(c: TActionCtx): Promise<Partial<store.TWorkOrderInsert>> {
  const { o, tx, now } = c;
  if (o.pausedRemainingMs == null || !o.resolutionDueAt) return {};
  const ctx = await loadSlaContext(tx);
  const unit = policyFor(ctx, o.kind, o.category).resolution.unit;
  const deadline = resumeClock(o.pausedRemainingMs, now, unit, ctx.calendar);
  const shift = deadline.getTime() - o.resolutionDueAt.getTime();
  // Orders paused before the clock's start was kept (migration 0023) fall back to creation, as before.
  const start = new Date((o.pausedStartAt ?? o.createdAt).getTime() + shift);
  await scheduleAt(c, start, deadline);
  return { pausedRemainingMs: null, pausedStartAt: null, resolutionDueAt: deadline };
}

/** An approved extension: the deadline moves by N working days; the clock keeps its start, stages passed stay. */
export async function extendResolution(c: TActionCtx, start: Date, deadline: Date, days: number) {
  const ctx = await loadSlaContext(c.tx);
  const after = addDuration(deadline, { amount: days, unit: 'working_days' }, ctx.calendar);
  await scheduleAt(c, start, after);
  return after;
}

/** Puts the resolution clock on (start, deadline) with the stages already behind `now` skipped. */
async function scheduleAt(c: TActionCtx, start: Date, deadline: Date) {
  let after: string | null = null;
  for (let s = nextStage(start, deadline, null); s && s.at <= c.now; s = nextStage(start, deadline, s.stage))
    after = s.stage;
  await scheduleFrom(c.tx, c.o.id, 'resolution', start, deadline, after);
}
