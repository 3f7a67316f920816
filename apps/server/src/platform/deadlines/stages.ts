/**
 * The stage vocabulary of every deadline in the system, in one place: the work-order SLA clocks (their stored
 * `sla_timers.stage` values) and the deadline engine's kinds name their stages from here, so a report, a timeline
 * or a screen can tell what a stage means whatever module it came from.
 */
export const STAGE = {
  /** a reminder before the deadline, to whoever must act */
  remind: 'remind',
  /** the SLA clocks' reminders at 50% and 80% of the time used */
  remind_50: 'remind_50',
  remind_80: 'remind_80',
  /** the deadline passed */
  overdue: 'overdue',
  /** the SLA clocks' second urge at 150% */
  urge_2: 'urge_2',
  /** taken out of the owner's hands and up a level (a return request becomes a work order) */
  escalate: 'escalate',
  /** the SLA clocks' report to the leader at 200% */
  report_leader: 'report_leader',
} as const;

export type TStageName = (typeof STAGE)[keyof typeof STAGE];

/** The family of each stage: the timeline action it writes, and how screens group it. */
export const STAGE_ACTION: Record<TStageName, 'remind' | 'overdue' | 'urge' | 'escalate'> = {
  remind: 'remind',
  remind_50: 'remind',
  remind_80: 'remind',
  overdue: 'overdue',
  urge_2: 'urge',
  escalate: 'escalate',
  report_leader: 'escalate',
};
