import { and, desc, eq, inArray, isNotNull, isNull, sql } from 'drizzle-orm';
import { rowsOf, type TExecutor } from '../../db/client.js';
import { departments } from '../master-data/index.js';
import { DEFAULT_PROCEDURE_RULES, type TProcedureRules } from './procedure.rules.js';
import { procedureRules, workOrderDisputes, workOrderStretches, workOrderTimeRequests } from './procedure.tables.js';
import { slaTimers, workOrders } from './work-orders.tables.js';

export type TStretchInsert = typeof workOrderStretches.$inferInsert;
export type TStretchRow = typeof workOrderStretches.$inferSelect;
export type TTimeRequestRow = typeof workOrderTimeRequests.$inferSelect;
export type TTimeRequestInsert = typeof workOrderTimeRequests.$inferInsert;

export async function insertStretches(tx: TExecutor, rows: TStretchInsert[]) {
  if (rows.length) await tx.insert(workOrderStretches).values(rows);
}

/** The order's open stretch (at most one), with its row locked by the order's own lock. */
export async function openStretch(tx: TExecutor, workOrderId: string) {
  const [row] = await tx
    .select()
    .from(workOrderStretches)
    .where(and(eq(workOrderStretches.workOrderId, workOrderId), isNull(workOrderStretches.endedAt)))
    .orderBy(desc(workOrderStretches.id))
    .limit(1);
  return row;
}

/** The holder answered: the command center dispatched, or the department accepted (first time only). */
export async function markResponded(tx: TExecutor, workOrderId: string, at: Date) {
  await tx
    .update(workOrderStretches)
    .set({ respondedAt: at })
    .where(
      and(
        eq(workOrderStretches.workOrderId, workOrderId),
        isNull(workOrderStretches.endedAt),
        isNull(workOrderStretches.respondedAt),
      ),
    );
}

export async function endStretch(tx: TExecutor, workOrderId: string, at: Date, reason: string) {
  await tx
    .update(workOrderStretches)
    .set({ endedAt: at, endReason: reason })
    .where(and(eq(workOrderStretches.workOrderId, workOrderId), isNull(workOrderStretches.endedAt)));
}

/** The sweeper's part: the resolution clocks that just passed 100% are charged to whoever holds each order now. */
export async function markResolutionBreached(tx: TExecutor, workOrderIds: string[]) {
  if (!workOrderIds.length) return;
  await tx
    .update(workOrderStretches)
    .set({ resolutionBreached: true })
    .where(and(inArray(workOrderStretches.workOrderId, workOrderIds), isNull(workOrderStretches.endedAt)));
}

export const stretchesOf = (db: TExecutor, workOrderId: string) =>
  db
    .select()
    .from(workOrderStretches)
    .where(eq(workOrderStretches.workOrderId, workOrderId))
    .orderBy(workOrderStretches.id);

export async function insertTimeRequest(tx: TExecutor, row: TTimeRequestInsert) {
  const [saved] = await tx.insert(workOrderTimeRequests).values(row).returning();
  return saved;
}

export async function updateTimeRequest(tx: TExecutor, id: string, values: Partial<TTimeRequestInsert>) {
  const [saved] = await tx
    .update(workOrderTimeRequests)
    .set(values)
    .where(eq(workOrderTimeRequests.id, id))
    .returning();
  return saved;
}

export const timeRequestsOf = (db: TExecutor, workOrderId: string) =>
  db
    .select()
    .from(workOrderTimeRequests)
    .where(eq(workOrderTimeRequests.workOrderId, workOrderId))
    .orderBy(workOrderTimeRequests.requestedAt);

/** The order's request still waiting for the command center, or its suspension still running. */
export async function liveTimeRequest(tx: TExecutor, workOrderId: string) {
  const [row] = await tx
    .select()
    .from(workOrderTimeRequests)
    .where(
      and(
        eq(workOrderTimeRequests.workOrderId, workOrderId),
        sql`(${workOrderTimeRequests.status} = 'pending' or (${workOrderTimeRequests.kind} = 'suspension' and ${workOrderTimeRequests.status} = 'approved'))`,
      ),
    )
    .limit(1);
  return row;
}

export type THolderStatsRow = {
  holder: string;
  department_id: string | null;
  name: string | null;
  name_en: string | null;
  stretches: number;
  response_due: number;
  responded_late: number;
  resolution_breached: number;
  returned: number;
  transferred: number;
  extensions: number;
  suspensions: number;
  suspended_ms: number;
};

/**
 * Lateness by the party that held each order at the time (办理时段): a stretch whose first response came after
 * its deadline, or that ended or is still open past it unanswered, is late for its holder; a resolution breach
 * belongs to whoever held the order when the clock passed 100%. Extensions and suspensions granted, by department.
 * `now` is the app's clock.
 */
export async function holderStats(db: TExecutor, f: { from: Date; to: Date; now: Date; departmentId?: string }) {
  const now = sql`${f.now.toISOString()}::timestamptz`;
  const from = sql`${f.from.toISOString()}::timestamptz`;
  const to = sql`${f.to.toISOString()}::timestamptz`;
  const dept = f.departmentId ? sql`and s.department_id = ${f.departmentId}` : sql``;
  const deptR = f.departmentId ? sql`and r.department_id = ${f.departmentId}` : sql``;
  const res = await db.execute(sql`
    with s as (
      select s.holder, s.department_id,
        count(*)::int as stretches,
        count(*) filter (where s.responded_at is not null or coalesce(s.ended_at, ${now}) > s.response_due_at)::int as response_due,
        count(*) filter (where coalesce(s.responded_at, s.ended_at, ${now}) > s.response_due_at)::int as responded_late,
        count(*) filter (where s.resolution_breached)::int as resolution_breached,
        count(*) filter (where s.end_reason in ('returned', 'redispatched'))::int as returned,
        count(*) filter (where s.end_reason = 'transferred')::int as transferred
      from work_order_stretches s
      where s.started_at >= ${from} and s.started_at < ${to} ${dept}
      group by 1, 2
    ), r as (
      select r.department_id,
        count(*) filter (where r.kind = 'extension')::int as extensions,
        count(*) filter (where r.kind = 'suspension')::int as suspensions,
        coalesce(sum(extract(epoch from (coalesce(r.ended_at, ${now}) - r.decided_at)) * 1000)
          filter (where r.kind = 'suspension'), 0)::bigint as suspended_ms
      from work_order_time_requests r
      where r.status in ('approved', 'ended') and r.requested_at >= ${from} and r.requested_at < ${to} ${deptR}
      group by 1
    )
    select coalesce(s.holder, 'department') as holder, coalesce(s.department_id, r.department_id) as department_id,
      d.name, d.name_en,
      coalesce(s.stretches, 0) as stretches, coalesce(s.response_due, 0) as response_due,
      coalesce(s.responded_late, 0) as responded_late, coalesce(s.resolution_breached, 0) as resolution_breached,
      coalesce(s.returned, 0) as returned, coalesce(s.transferred, 0) as transferred,
      coalesce(r.extensions, 0) as extensions, coalesce(r.suspensions, 0) as suspensions,
      coalesce(r.suspended_ms, 0)::float8 as suspended_ms
    from s full join r on r.department_id = s.department_id and s.holder = 'department'
    left join departments d on d.id = coalesce(s.department_id, r.department_id)
    order by 1, 3 nulls first`);
  return rowsOf<THolderStatsRow>(res);
}

/** The order's running resolution timer (start and deadline), if its clock runs. */
export async function runningTimer(tx: TExecutor, workOrderId: string, clock: 'response' | 'resolution') {
  const [row] = await tx
    .select()
    .from(slaTimers)
    .where(and(eq(slaTimers.workOrderId, workOrderId), eq(slaTimers.clock, clock), isNotNull(slaTimers.dueAt)));
  return row;
}

/**
 * The order was resolved with a request still open: a pending one lapses (refused, noted so), a running suspension
 * ends now.
 */
export async function closeLiveTimeRequests(tx: TExecutor, workOrderId: string, at: Date) {
  await tx
    .update(workOrderTimeRequests)
    .set({ status: 'refused', decidedAt: at, decisionNote: '办结时撤回 Withdrawn when the order was resolved' })
    .where(and(eq(workOrderTimeRequests.workOrderId, workOrderId), eq(workOrderTimeRequests.status, 'pending')));
  await tx
    .update(workOrderTimeRequests)
    .set({ status: 'ended', endedAt: at })
    .where(
      and(
        eq(workOrderTimeRequests.workOrderId, workOrderId),
        eq(workOrderTimeRequests.kind, 'suspension'),
        eq(workOrderTimeRequests.status, 'approved'),
      ),
    );
}

const named = {
  departmentName: departments.name,
  departmentNameEn: departments.nameEn,
};

/** An order's stretches with their departments' names. */
export const stretchesNamed = (db: TExecutor, workOrderId: string) =>
  db
    .select({ s: workOrderStretches, ...named })
    .from(workOrderStretches)
    .leftJoin(departments, eq(departments.id, workOrderStretches.departmentId))
    .where(eq(workOrderStretches.workOrderId, workOrderId))
    .orderBy(workOrderStretches.id);

/** Time requests, of one order or (the command center's desk) by status, with names and tracking numbers. */
export function timeRequestsNamed(db: TExecutor, f: { workOrderId?: string; status?: string; departmentId?: string }) {
  const conds = [
    f.workOrderId ? eq(workOrderTimeRequests.workOrderId, f.workOrderId) : undefined,
    f.status ? eq(workOrderTimeRequests.status, f.status) : undefined,
    f.departmentId ? eq(workOrderTimeRequests.departmentId, f.departmentId) : undefined,
  ].filter((c) => c !== undefined);
  return db
    .select({ r: workOrderTimeRequests, trackingNo: workOrders.trackingNo, ...named })
    .from(workOrderTimeRequests)
    .innerJoin(workOrders, eq(workOrders.id, workOrderTimeRequests.workOrderId))
    .leftJoin(departments, eq(departments.id, workOrderTimeRequests.departmentId))
    .where(conds.length ? and(...conds) : undefined)
    .orderBy(desc(workOrderTimeRequests.requestedAt))
    .limit(200);
}

export async function getProcedureRules(db: TExecutor): Promise<TProcedureRules> {
  const [row] = await db.select().from(procedureRules).where(eq(procedureRules.id, 'default'));
  return row
    ? { returnWindowHours: row.returnWindowHours, maxReturns: row.maxReturns, autoCloseDays: row.autoCloseDays }
    : { ...DEFAULT_PROCEDURE_RULES };
}

export async function setProcedureRules(tx: TExecutor, rules: Partial<TProcedureRules>, at: Date) {
  await tx
    .insert(procedureRules)
    .values({ id: 'default', ...rules, updatedAt: at })
    .onConflictDoUpdate({ target: procedureRules.id, set: { ...rules, updatedAt: at } });
}

/** How many times this order went back to the command center. */
export async function returnCount(db: TExecutor, workOrderId: string) {
  return db.$count(
    workOrderStretches,
    and(eq(workOrderStretches.workOrderId, workOrderId), eq(workOrderStretches.endReason, 'returned')),
  );
}

export type TDisputeRow = typeof workOrderDisputes.$inferSelect;
export type TDisputeInsert = typeof workOrderDisputes.$inferInsert;

export async function insertDispute(tx: TExecutor, row: TDisputeInsert) {
  const [saved] = await tx.insert(workOrderDisputes).values(row).returning();
  return saved;
}

/** The order's dispute still waiting for the command center's review (at most one). */
export async function pendingDispute(tx: TExecutor, workOrderId: string) {
  const [row] = await tx
    .select()
    .from(workOrderDisputes)
    .where(and(eq(workOrderDisputes.workOrderId, workOrderId), eq(workOrderDisputes.status, 'pending')))
    .limit(1);
  return row;
}

export async function decideDispute(tx: TExecutor, id: string, values: Partial<TDisputeInsert>) {
  await tx.update(workOrderDisputes).set(values).where(eq(workOrderDisputes.id, id));
}

/** Disputes, of one order or (the command center's review queue) by status, with names and tracking numbers. */
export function disputesNamed(db: TExecutor, f: { workOrderId?: string; status?: string; departmentId?: string }) {
  const conds = [
    f.workOrderId ? eq(workOrderDisputes.workOrderId, f.workOrderId) : undefined,
    f.status ? eq(workOrderDisputes.status, f.status) : undefined,
    f.departmentId ? eq(workOrderDisputes.departmentId, f.departmentId) : undefined,
  ].filter((c) => c !== undefined);
  return db
    .select({
      d: workOrderDisputes,
      trackingNo: workOrders.trackingNo,
      ...named,
      toName: sql<string | null>`(select name from departments t where t.id = ${workOrderDisputes.redispatchedTo})`,
      toNameEn: sql<
        string | null
      >`(select name_en from departments t where t.id = ${workOrderDisputes.redispatchedTo})`,
    })
    .from(workOrderDisputes)
    .innerJoin(workOrders, eq(workOrders.id, workOrderDisputes.workOrderId))
    .leftJoin(departments, eq(departments.id, workOrderDisputes.departmentId))
    .where(conds.length ? and(...conds) : undefined)
    .orderBy(desc(workOrderDisputes.requestedAt))
    .limit(200);
}
