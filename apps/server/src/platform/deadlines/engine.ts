import type { TDb, TExecutor, TTx } from '../../db/client.js';
import { addDuration, loadCalendar, type TCalendar, type TDuration } from '../calendar.js';
import type { TEventHub } from '../events.js';
import { createOutbox, type TOutbox } from '../notify.js';
import * as store from './deadlines.store.js';
import type { TStageName } from './stages.js';

/**
 * The deadline engine: a row per deadline of an object (kind, object, ordered stages, the next stage's instant),
 * swept by every instance with FOR UPDATE SKIP LOCKED. A stage's handler runs inside the sweep's transaction, in a
 * savepoint of its own, together with the row's move to the next stage: both commit or neither does, so every
 * stage fires exactly once across any number of instances and restarts, and a failing handler leaves its stage
 * to be tried again (after a back-off) without holding up the others. Time is the caller's clock
 * (platform/clock), never the wall clock here. Modules register a handler per kind when they are registered.
 */

/** A stage at an instant, or at an offset from the deadline's start (minutes or working days, holiday calendar). */
export type TStageSpec = { name: TStageName; at: Date } | { name: TStageName; after: TDuration };

export type TScheduleInput = {
  kind: string;
  objectType: string;
  objectId: string;
  /** in the order they fire; instants must not go backwards */
  stages: TStageSpec[];
  /** where offsets count from (and the row's time stamps): the caller's clock */
  start: Date;
  /** the calendar for working-day offsets; read from the holiday table when one is needed and none is given */
  calendar?: TCalendar;
};

export type TDeadlineFiring = {
  id: string;
  kind: string;
  objectType: string;
  objectId: string;
  stage: TStageName;
  stageIndex: number;
  /** the instant the stage was due (the sweep may run later, after a pause or a restart) */
  dueAt: Date;
  /** no stage follows this one */
  last: boolean;
  /** earlier failed attempts at this stage */
  attempts: number;
};

/**
 * Runs one stage in the sweep's transaction. Writes go through `tx`; notices into `outbox` (flushed in the same
 * transaction, published after its commit). Answering 'stop' ends the deadline after this stage; any other answer
 * (nothing) moves it to its next stage.
 */
export type TDeadlineHandler = (
  tx: TTx,
  firing: TDeadlineFiring,
  ctx: { now: Date; outbox: TOutbox },
) => Promise<unknown>;

const handlers = new Map<string, TDeadlineHandler>();
const KIND = /^[a-z][a-z0-9_.]*$/;

/**
 * Registers the handler of a kind. Registering a kind again replaces its handler: app instances built in one
 * process (tests) each register theirs, and handlers must therefore depend only on what every instance shares.
 */
export function registerDeadlineKind(kind: string, handler: TDeadlineHandler) {
  if (!KIND.test(kind)) throw new Error(`deadline kind ${kind}: lower-case letters, digits, '_' and '.' only`);
  handlers.set(kind, handler);
}

export const registeredDeadlineKinds = () => [...handlers.keys()];

async function resolveStages(tx: TExecutor, input: TScheduleInput): Promise<store.TStoredStage[]> {
  const needsCalendar = input.stages.some((s) => 'after' in s && s.after.unit === 'working_days');
  const calendar = input.calendar ?? (needsCalendar ? await loadCalendar(tx) : undefined);
  let prev = Number.NEGATIVE_INFINITY;
  return input.stages.map((s) => {
    // A working-day offset made needsCalendar true above.
    const at = 'at' in s ? s.at : addDuration(input.start, s.after, calendar!);
    if (Number.isNaN(at.getTime())) throw new Error(`deadline ${input.kind}: stage ${s.name} has no instant`);
    if (at.getTime() < prev) throw new Error(`deadline ${input.kind}: stage ${s.name} comes before the one before it`);
    prev = at.getTime();
    return { name: s.name, at: at.toISOString() };
  });
}

/** Schedules a deadline in the caller's transaction (replacing the kind's deadline of that object, if any). */
export async function schedule(tx: TExecutor, input: TScheduleInput) {
  const stages = await resolveStages(tx, input);
  return store.upsertDeadline(tx, { ...input, stages, now: input.start });
}

/** New stages for an existing deadline of this kind and object, counted again from `start`: its first stage next. */
export async function reschedule(
  tx: TExecutor,
  kind: string,
  objectId: string,
  stages: TStageSpec[],
  opts: { start: Date; calendar?: TCalendar },
) {
  const row = await store.getDeadline(tx, kind, objectId);
  if (!row) return null;
  return schedule(tx, { kind, objectType: row.objectType, objectId, stages, ...opts });
}

/** Cancels the object's deadline of this kind (its remaining stages never fire); answers whether one was active. */
export function cancel(tx: TExecutor, kind: string, objectId: string, now: Date) {
  return store.cancelDeadline(tx, kind, objectId, now);
}

export const getDeadline = store.getDeadline;

/** A failed stage is tried again after 1 s, 2 s, 4 s … at most 5 minutes (by the sweeping clock). */
export const retryDelayMs = (attempts: number) => Math.min(300_000, 1000 * 2 ** Math.min(attempts, 20));

export type TSweepOptions = {
  now: Date;
  batch?: number;
  /** only these kinds (default: every registered kind) */
  kinds?: string[];
  /** told of each failed stage (the background loop logs it) */
  onFailure?: (firing: TDeadlineFiring, err: unknown) => void;
};

/**
 * One pass: takes up to `batch` due deadlines (SKIP LOCKED), fires each one's current stage and moves it on, all in
 * one transaction; each stage in a savepoint, so a failing handler rolls back its own writes and its stage move
 * only, and its row is pushed back by the retry delay. Answers how many stages fired.
 */
export async function sweepDeadlines(db: TDb, events: TEventHub, opts: TSweepOptions): Promise<number> {
  const kinds = (opts.kinds ?? registeredDeadlineKinds()).filter((k) => handlers.has(k));
  if (!kinds.length) return 0;
  const { now } = opts;
  const fired: TOutbox[] = [];
  await db.transaction(async (tx) => {
    const due = await store.lockDue(tx, kinds, now, opts.batch ?? 100);
    for (const row of due) {
      const stage = row.stages[row.stageIndex];
      const firing: TDeadlineFiring = {
        id: row.id,
        kind: row.kind,
        objectType: row.objectType,
        objectId: row.objectId,
        stage: stage?.name as TStageName,
        stageIndex: row.stageIndex,
        dueAt: row.dueAt ?? now,
        last: row.stageIndex >= row.stages.length - 1,
        attempts: row.attempts,
      };
      const outbox = createOutbox(events);
      try {
        await tx.transaction(async (sp) => {
          // lockDue takes registered kinds only.
          const answer = stage ? await handlers.get(row.kind)!(sp, firing, { now, outbox }) : 'stop';
          await store.advance(sp, row, now, answer === 'stop');
          await outbox.flush(sp);
        });
        fired.push(outbox);
      } catch (err) {
        const retryAt = new Date(now.getTime() + retryDelayMs(row.attempts));
        await store.recordFailure(tx, row, now, retryAt, err instanceof Error ? err.message : String(err));
        opts.onFailure?.(firing, err);
      }
    }
  });
  for (const o of fired) o.afterCommit();
  return fired.length;
}

/**
 * How long an idle sweeper may sleep: until the next stage is due by the sweeping clock, but never longer than
 * `pollMs` (other instances schedule deadlines meanwhile). A stage due already that the sweep did not take is held
 * by another instance: look again after `heldMs`, not in a spin. One index probe.
 */
export async function deadlineIdleMs(db: TDb, now: Date, pollMs: number, heldMs = 50): Promise<number> {
  const ms = await store.msToNextDue(db, registeredDeadlineKinds(), now);
  if (ms == null) return pollMs;
  const left = Math.ceil(ms);
  return Math.min(pollMs, left > 0 ? left : heldMs);
}
