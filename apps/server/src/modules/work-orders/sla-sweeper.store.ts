import type { TSlaClock } from '@zhilv/contracts';
import { type SQL, sql } from 'drizzle-orm';
import { rowsOf, type TExecutor } from '../../db/client.js';

/**
 * The SLA sweeper's SQL (sla-sweeper.ts decides what each stage does). Set-based: one statement claims and moves a
 * whole batch of timers and writes their timeline entries, without a round trip per order.
 */

/** A stage with what follows it: (stage, next stage, next stage's fraction of the clock, timeline action, note suffix, internal). */
export type TStageRow = {
  stage: string;
  next: string | null;
  nextFraction: number | null;
  action: string;
  note: string;
  internal: boolean;
};

export type TFiredTimer<TStage extends string = string> = {
  work_order_id: string;
  department_id: string | null;
  clock: TSlaClock;
  stage: TStage;
};

const stageValues = (rows: TStageRow[]): SQL =>
  sql.join(
    rows.map(
      (r) =>
        sql`(${r.stage}::text, ${r.next}::text, ${r.nextFraction}::float8, ${r.action}::text, ${r.note}::text, ${r.internal}::boolean)`,
    ),
    sql`, `,
  );

/**
 * Claims up to `batch` due timers (FOR UPDATE SKIP LOCKED), moves each to its next stage (or stops it after the
 * last; a clock passing 100% is flagged overdue on its own row) and writes each stage's timeline entry — without
 * touching the order rows. `now` is the database's clock unless a test passes its own. Answers what fired.
 */
export async function claimDueTimers<TStage extends string>(
  tx: TExecutor,
  stages: TStageRow[],
  now: Date | undefined,
  batch: number,
): Promise<TFiredTimer<TStage>[]> {
  const nowSql = now ? sql`${now.toISOString()}::timestamptz` : sql`now()`;
  const res = await tx.execute(sql`
      with due as (
        select t.work_order_id, t.department_id, t.clock, t.stage, t.due_at, t.start_at, t.deadline_at
        from sla_timers t where t.due_at <= ${nowSql} order by t.due_at limit ${batch} for update skip locked
      ), plan as (
        select due.*, s.next_stage, s.next_fraction, s.action, s.note, s.internal
        from due join (values ${stageValues(stages)}) as s(stage, next_stage, next_fraction, action, note, internal)
          on s.stage = due.stage
      ), moved as (
        update sla_timers t set
          stage = coalesce(p.next_stage, p.stage),
          -- the next stage's instant, rounded to the millisecond as stageTimes does; none after the last
          due_at = p.start_at + make_interval(secs => round(
            extract(epoch from greatest(p.deadline_at - p.start_at, interval '0')) * 1000 * p.next_fraction) / 1000),
          overdue = t.overdue or p.stage = 'overdue'
        from plan p where t.work_order_id = p.work_order_id and t.clock = p.clock
      ), recorded as (
        insert into work_order_events (work_order_id, action, actor_role, note, visibility, at)
        select p.work_order_id, p.action, 'system', p.clock || p.note,
          case when p.internal then 'internal' else 'tourist' end, p.due_at from plan p
      )
      select work_order_id, department_id, clock, stage from plan`);
  return rowsOf<TFiredTimer<TStage>>(res);
}

/** Milliseconds until the next timer is due by the database's clock (negative when one is), null when none. */
export async function msToNextTimer(db: TExecutor): Promise<number | null> {
  const res = await db.execute(
    sql`select extract(epoch from min(due_at) - now()) * 1000 as ms from sla_timers where due_at is not null`,
  );
  const ms = rowsOf<{ ms: number | string | null }>(res)[0]?.ms;
  return ms == null ? null : Number(ms);
}

/** Repeated lateness: the orders' urge counts and escalation levels, all of a batch in one statement. */
export async function raiseEscalations(tx: TExecutor, list: [string, { urges: number; level: number }][]) {
  await tx.execute(sql`
    update work_orders w set
      urge_count = w.urge_count + v.urges,
      escalation_level = greatest(w.escalation_level, v.level)
    from (select unnest(${`{${list.map(([id]) => id).join(',')}}`}::uuid[]) as id,
                 unnest(${`{${list.map(([, c]) => c.urges).join(',')}}`}::int[]) as urges,
                 unnest(${`{${list.map(([, c]) => c.level).join(',')}}`}::int[]) as level) v
    where w.id = v.id`);
}

/** The tracking numbers of these orders (only those a notice names are read). */
export async function trackingNumbersOf(tx: TExecutor, ids: string[]) {
  const res = await tx.execute(
    sql`select id, tracking_no from work_orders where id = any(${`{${ids.join(',')}}`}::uuid[])`,
  );
  return new Map(rowsOf<{ id: string; tracking_no: string }>(res).map((r) => [r.id, r.tracking_no]));
}
