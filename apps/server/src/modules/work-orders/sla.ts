import type { TCategoryId, TWorkOrderKind } from '@zhilv/contracts';
import { EMPTY_CALENDAR, isWorkingDay, type TCalendar, type TDuration } from '../../platform/calendar.js';
import { STAGE } from '../../platform/deadlines/stages.js';

/** Working days come from the platform's one calendar (shared with the deadline engine). */
export { addDuration, isWorkingDay, type TCalendar, type TDuration } from '../../platform/calendar.js';

/**
 * Pure SLA arithmetic: deadlines in minutes or working days, and the stages of a running clock. No I/O and no
 * wall clock: time is always passed in. Working days and the holiday calendar are the platform's
 * (platform/calendar.ts); stage names come from the shared vocabulary (platform/deadlines/stages.ts).
 */
export type TSlaPolicy = {
  kind: TWorkOrderKind;
  category?: TCategoryId;
  response: TDuration;
  resolution: TDuration;
  /** the resolution clock stops while the handler waits for the tourist's material */
  pauseOnMaterial: boolean;
};

/**
 * Defaults follow the seeds: the Lijiang rule for complaints — respond in 5 minutes, resolve in 24 hours —
 * and for calls for help, which are as urgent. Reports (举报) need investigation: 30 minutes / 5 working days.
 * Suggestions and praise are answered on working days; consultations within a working day.
 */
export const DEFAULT_SLA_POLICIES: readonly TSlaPolicy[] = [
  {
    kind: 'complaint',
    response: { amount: 5, unit: 'minutes' },
    resolution: { amount: 1440, unit: 'minutes' },
    pauseOnMaterial: true,
  },
  {
    kind: 'help',
    response: { amount: 5, unit: 'minutes' },
    resolution: { amount: 1440, unit: 'minutes' },
    pauseOnMaterial: false,
  },
  {
    kind: 'report',
    response: { amount: 30, unit: 'minutes' },
    resolution: { amount: 5, unit: 'working_days' },
    pauseOnMaterial: true,
  },
  {
    kind: 'suggestion',
    response: { amount: 1, unit: 'working_days' },
    resolution: { amount: 10, unit: 'working_days' },
    pauseOnMaterial: true,
  },
  {
    kind: 'consultation',
    response: { amount: 30, unit: 'minutes' },
    resolution: { amount: 1, unit: 'working_days' },
    pauseOnMaterial: true,
  },
  {
    kind: 'praise',
    response: { amount: 1, unit: 'working_days' },
    resolution: { amount: 5, unit: 'working_days' },
    pauseOnMaterial: true,
  },
];

/** The policy for a kind and category: a category-specific row wins over the kind's row, then the default. */
export function resolvePolicy(
  policies: readonly TSlaPolicy[],
  kind: TWorkOrderKind,
  category?: TCategoryId | null,
): TSlaPolicy {
  return (
    (category && policies.find((p) => p.kind === kind && p.category === category)) ||
    policies.find((p) => p.kind === kind && !p.category) ||
    DEFAULT_SLA_POLICIES.find((p) => p.kind === kind)!
  );
}

/** Reminders at 50% and 80% elapsed, overdue at 100%, a second urge at 150%, a report to the leader at 200%. */
export const CLOCK_STAGES = [
  STAGE.remind_50,
  STAGE.remind_80,
  STAGE.overdue,
  STAGE.urge_2,
  STAGE.report_leader,
] as const;
export type TClockStage = (typeof CLOCK_STAGES)[number];
export const STAGE_FRACTION: Record<TClockStage, number> = {
  remind_50: 0.5,
  remind_80: 0.8,
  overdue: 1,
  urge_2: 1.5,
  report_leader: 2,
};

/**
 * The timeline notes of repeated lateness, after the clock's id: as stored (sla-sweeper.ts; older entries keep
 * this text) and as shown in each language (work-orders.view.ts).
 */
export const LATE_STAGE_NOTES = {
  urge_2: { stored: ' 150% — second urge 二次督办', zh: ' 150%，二次督办', en: ' 150%, second urge' },
  report_leader: { stored: ' 200% → leader 报告领导', zh: ' 200%，报告领导', en: ' 200%, reported to the leader' },
} as const;

export function stageTimes(start: Date, due: Date): Record<TClockStage, Date> {
  const span = Math.max(0, due.getTime() - start.getTime());
  return Object.fromEntries(
    CLOCK_STAGES.map((s) => [s, new Date(start.getTime() + Math.round(span * STAGE_FRACTION[s]))]),
  ) as Record<TClockStage, Date>;
}

/** The stage after `after` (the first when null), with its instant; null when the clock has no stage left. */
export function nextStage(start: Date, due: Date, after: TClockStage | null): { stage: TClockStage; at: Date } | null {
  const i = after === null ? 0 : CLOCK_STAGES.indexOf(after) + 1;
  if (i <= 0 && after !== null) return null;
  const stage = CLOCK_STAGES[i];
  if (!stage) return null;
  return { stage, at: stageTimes(start, due)[stage] };
}

/**
 * Pausing keeps the time left in the clock's own measure: wall-clock ms for a policy in minutes, working time
 * (ms that fall on working days) for one in working days — a clock paused on Friday with one working day left
 * has one working day left on resumption, not the 72 calendar hours to Monday. Resuming puts the remainder back
 * from the moment of resumption in the same measure.
 */
export function pauseClock(
  clock: { due: Date },
  pausedAt: Date,
  unit: TDuration['unit'] = 'minutes',
  cal: TCalendar = EMPTY_CALENDAR,
): { remainingMs: number } {
  if (unit === 'minutes') return { remainingMs: Math.max(0, clock.due.getTime() - pausedAt.getTime()) };
  return { remainingMs: workingMsBetween(pausedAt, clock.due, cal) };
}
export function resumeClock(
  remainingMs: number,
  resumedAt: Date,
  unit: TDuration['unit'] = 'minutes',
  cal: TCalendar = EMPTY_CALENDAR,
): Date {
  if (unit === 'minutes') return new Date(resumedAt.getTime() + remainingMs);
  return addWorkingMs(resumedAt, remainingMs, cal);
}

const OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;
/** The next local midnight after an instant (the zone is UTC+8 without daylight saving, as in calendar.ts). */
const nextMidnight = (ms: number) => Math.floor((ms + OFFSET_MS) / DAY_MS) * DAY_MS - OFFSET_MS + DAY_MS;

/** The milliseconds between a and b that fall on working days (0 when b is not after a). */
export function workingMsBetween(a: Date, b: Date, cal: TCalendar): number {
  let t = a.getTime();
  const end = b.getTime();
  let sum = 0;
  while (t < end) {
    const stop = Math.min(nextMidnight(t), end);
    if (isWorkingDay(t, cal)) sum += stop - t;
    t = stop;
  }
  return sum;
}

/**
 * start + ms of working time. Like addDuration's working days (N working days are N × 24 h of working time, so the
 * two agree), a start on a day off counts from 09:00 of the next working day.
 */
export function addWorkingMs(start: Date, ms: number, cal: TCalendar): Date {
  let t = start.getTime();
  if (!isWorkingDay(t, cal)) {
    t = nextMidnight(t);
    while (!isWorkingDay(t, cal)) t += DAY_MS;
    t += 9 * 3_600_000;
  }
  let left = ms;
  for (;;) {
    if (isWorkingDay(t, cal)) {
      const room = nextMidnight(t) - t;
      // strictly less: time that ends exactly at a working day's midnight lands on the next working day's start,
      // as addDuration's N working days do (Friday's end and Monday's 00:00 are the same working instant)
      if (left < room) return new Date(t + left);
      left -= room;
    }
    t = nextMidnight(t);
  }
}
