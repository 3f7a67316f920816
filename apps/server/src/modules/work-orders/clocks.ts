import type { TSlaClock } from '@zhilv/contracts';
import type { TDatabase, TExecutor } from '../../db/client.js';
import { calendarOf } from '../../platform/calendar.js';
import { monotonicMs } from '../../platform/clock.js';
import { addDuration, DEFAULT_SLA_POLICIES, nextStage, resolvePolicy, type TCalendar, type TSlaPolicy } from './sla.js';
import * as store from './work-orders.store.js';

/**
 * The running side of the SLA rules (sla.ts holds the pure arithmetic): which policy applies, and the
 * sla_timers rows that the sweeper acts on. Policies, the holiday calendar and the category routing are read
 * from the database and cached for 30 s; an edit clears the cache at once in every instance: this process's
 * admin edit directly, any other instance's (or hand-written SQL) through the database's notice on channel
 * zl_sla (migration 0011_groundwork_deadlines: statement triggers on the three tables; see listenForSlaChanges).
 */
export type TSlaContext = { policies: TSlaPolicy[]; calendar: TCalendar };

let cache: { at: number; ctx: TSlaContext } | null = null;
const CACHE_MS = 30_000;

let routingCache: { at: number; rows: Awaited<ReturnType<typeof store.listCategoryRouting>> } | null = null;

export function clearSlaCache() {
  cache = null;
  routingCache = null;
}

/**
 * Every instance drops its cached policies, calendar and routing when any instance (or SQL by hand) changes them:
 * the tables' triggers notify channel zl_sla. A dropped listening connection may have missed a notice, so it
 * clears the cache too. Answers the function that stops listening.
 */
export function listenForSlaChanges(database: { listen: TDatabase['listen'] }) {
  return database.listen('zl_sla', clearSlaCache, clearSlaCache);
}

/** Category → department routing, cached like the policies (read on every submission). */
export async function routingFor(db: TExecutor) {
  if (routingCache && monotonicMs() - routingCache.at < CACHE_MS) return routingCache.rows;
  const rows = await store.listCategoryRouting(db);
  routingCache = { at: monotonicMs(), rows };
  return rows;
}

export async function loadSlaContext(db: TExecutor): Promise<TSlaContext> {
  if (cache && monotonicMs() - cache.at < CACHE_MS) return cache.ctx;
  const rows = await store.listSlaPolicies(db);
  const hol = await store.listHolidays(db);
  const policies: TSlaPolicy[] = rows.length
    ? rows.map((r) => ({
        kind: r.kind as TSlaPolicy['kind'],
        category: (r.category ?? undefined) as TSlaPolicy['category'],
        response: { amount: r.responseAmount, unit: r.responseUnit as 'minutes' | 'working_days' },
        resolution: { amount: r.resolutionAmount, unit: r.resolutionUnit as 'minutes' | 'working_days' },
        pauseOnMaterial: r.pauseOnMaterial,
      }))
    : [...DEFAULT_SLA_POLICIES];
  const calendar: TCalendar = calendarOf(hol);
  const ctx = { policies, calendar };
  cache = { at: monotonicMs(), ctx };
  return ctx;
}

/** An order's two clocks (contracts' SLA_CLOCKS). */
export type TClockName = TSlaClock;

/** A clock's deadline from the policy for this kind and category. */
export function deadlineFor(
  ctx: TSlaContext,
  order: { kind: string; category: string | null },
  clock: TClockName,
  start: Date,
) {
  const policy = policyFor(ctx, order.kind, order.category);
  return addDuration(start, clock === 'response' ? policy.response : policy.resolution, ctx.calendar);
}

/** Starts (or restarts) one clock: its deadline from the policy, its first stage into sla_timers. */
export async function startClock(
  tx: TExecutor,
  ctx: TSlaContext,
  order: { id: string; kind: string; category: string | null },
  clock: TClockName,
  start: Date,
  deadline = deadlineFor(ctx, order, clock, start),
): Promise<Date> {
  await scheduleFrom(tx, order.id, clock, start, deadline, null);
  return deadline;
}

/** Both clocks of a new order, in one statement. */
/** The timer rows that start a new order's clocks: each clock's first stage still ahead. */
export function newOrderTimers(
  order: { id: string; departmentId: string | null },
  start: Date,
  deadlines: Record<TClockName, Date>,
): store.TTimerInsert[] {
  return (Object.entries(deadlines) as [TClockName, Date][]).flatMap(([clock, deadline]) => {
    const next = nextStage(start, deadline, null);
    return next
      ? [
          {
            workOrderId: order.id,
            departmentId: order.departmentId,
            clock,
            stage: next.stage,
            dueAt: next.at,
            startAt: start,
            deadlineAt: deadline,
          },
        ]
      : [];
  });
}

/** Puts a clock's next stage after `after` into sla_timers, or stops it when no stage is left. */
export async function scheduleFrom(
  tx: TExecutor,
  workOrderId: string,
  clock: TClockName,
  start: Date,
  deadline: Date,
  after: string | null,
) {
  const next = nextStage(start, deadline, after as Parameters<typeof nextStage>[2]);
  if (!next) {
    await store.stopTimer(tx, workOrderId, clock);
    return;
  }
  await store.upsertTimer(tx, {
    workOrderId,
    clock,
    stage: next.stage,
    dueAt: next.at,
    startAt: start,
    deadlineAt: deadline,
  });
}

export const stopClock = (tx: TExecutor, workOrderId: string, clock: TClockName) =>
  store.stopTimer(tx, workOrderId, clock);

export function policyFor(ctx: TSlaContext, kind: string, category: string | null) {
  return resolvePolicy(ctx.policies, kind as TSlaPolicy['kind'], (category ?? undefined) as TSlaPolicy['category']);
}
