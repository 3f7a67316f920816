/** The deadline engine (ADR 0002): schedule, cancel and reschedule in the caller's transaction; a sweep per instance. */
export {
  cancel,
  deadlineIdleMs,
  getDeadline,
  registerDeadlineKind,
  registeredDeadlineKinds,
  reschedule,
  retryDelayMs,
  schedule,
  sweepDeadlines,
  type TDeadlineFiring,
  type TDeadlineHandler,
  type TScheduleInput,
  type TStageSpec,
  type TSweepOptions,
} from './engine.js';
export { STAGE, STAGE_ACTION, type TStageName } from './stages.js';
