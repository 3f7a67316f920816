import type { TCategoryId, TWorkOrderKind } from '@zhilv/contracts';
import type { TDuration } from '../../platform/calendar.js';
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

/** Pausing keeps the time left; resuming puts it back from the moment of resumption. */
export function pauseClock(clock: { due: Date }, pausedAt: Date): { remainingMs: number } {
  return { remainingMs: Math.max(0, clock.due.getTime() - pausedAt.getTime()) };
}
export function resumeClock(remainingMs: number, resumedAt: Date): Date {
  return new Date(resumedAt.getTime() + remainingMs);
}
