import type { TEntryVisibility, TSlaClock, TWorkOrderStatus } from '@zhilv/contracts';
import {
  type AnyColumn,
  and,
  asc,
  desc,
  eq,
  getTableColumns,
  gte,
  inArray,
  is,
  isNotNull,
  or,
  SQL,
  sql,
} from 'drizzle-orm';
import type { PgInsertValue } from 'drizzle-orm/pg-core';
import { executePrepared, rowsOf, type TExecutor } from '../../db/client.js';
import { bulkInsert } from '../../platform/bulk.js';
import { systemClock } from '../../platform/clock.js';
import { maskPhone } from '../../platform/mask.js';

/** The holiday calendar is the platform's (platform/calendar.ts); the admin edits it through these. */
export { listHolidays, loadOfficialHolidays, replaceHolidays } from '../../platform/calendar.js';

import { users } from '../accounts/index.js';
import { businesses, departments } from '../master-data/index.js';
import { categoryRouting, slaPolicies, slaTimers, workOrderEvents, workOrders } from './work-orders.tables.js';

export type TWorkOrderRow = typeof workOrders.$inferSelect;
export type TWorkOrderInsert = typeof workOrders.$inferInsert;
/** A timeline entry to write: its visibility is always chosen by the writer (work-orders.policy.ts ENTRY_VISIBILITY). */
export type TEventInsert = typeof workOrderEvents.$inferInsert & { visibility: TEntryVisibility };

/** Whether an order's clocks breached, as SQL on an expression naming the order's id (list pages, statistics). */
export const overdueSql = (orderId: SQL | AnyColumn, clock?: TSlaClock) =>
  sql<boolean>`exists (select 1 from sla_timers ot where ot.work_order_id = ${orderId} and ot.overdue${clock ? sql` and ot.clock = ${clock}` : sql``})`;

/**
 * The tracking number as an expression of the INSERT itself: no extra round trip for the sequence. The prefecture's
 * calendar day (UTC+8) is in the number, as the hotline reads it out.
 */
export function trackingNumberSql(now: Date) {
  const day = new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10).replaceAll('-', '');
  return sql<string>`'ZL' || ${day} || lpad(nextval('work_order_tracking_seq')::text, 6, '0')`;
}

const ORDER_COLUMNS = Object.entries(getTableColumns(workOrders));
/**
 * The insert returns these columns by name, not `*`: it is a prepared statement, and a prepared statement whose
 * result gains a column (another instance's migration during a rolling deploy) fails on every connection that
 * holds it ("cached plan must not change result type").
 */
const RETURNED_COLUMNS = sql.raw(ORDER_COLUMNS.map(([, col]) => `"${col.name}"`).join(', '));

/**
 * New orders with their clocks' first timers, in one statement (the timers ride in a data-modifying WITH): the
 * clock costs an order two index-maintained rows, not another round trip. The rows come back by id, decoded as
 * drizzle decodes them. The statement is written here rather than by drizzle's insert builder: for this wide
 * table the builder spent about 250 µs per statement (entity checks on every chunk), about a tenth of intake's
 * CPU; here rows and timers are one jsonb parameter each. A value given as SQL (the tracking number from its
 * sequence) is evaluated for each row; the columns are those of the first row.
 */
export async function insertWorkOrders(
  tx: TExecutor,
  values: (PgInsertValue<typeof workOrders> & { id: string })[],
  timers: TTimerInsert[],
) {
  if (!values.length) return new Map<string, TWorkOrderRow>();
  const first = values[0] as Record<string, unknown>;
  const given = ORDER_COLUMNS.filter(([key]) => first[key] !== undefined);
  const fromJson = given.filter(([key]) => !is(first[key], SQL));
  const json = JSON.stringify(
    values.map((v) =>
      Object.fromEntries(
        fromJson.map(([key, col]) => {
          const value = (v as Record<string, unknown>)[key];
          // jsonb goes in as itself; every other value as drizzle would send it (ISO instants, array literals).
          const sent = value == null ? null : col.getSQLType() === 'jsonb' ? value : col.mapToDriverValue(value);
          return [col.name, sent];
        }),
      ),
    ),
  );
  const columnList = sql.raw(given.map(([, col]) => `"${col.name}"`).join(', '));
  const selectList = sql.join(
    given.map(([key, col]) => (is(first[key], SQL) ? (first[key] as SQL) : sql.raw(`x."${col.name}"`))),
    sql`, `,
  );
  const record = sql.raw(fromJson.map(([, col]) => `"${col.name}" ${col.getSQLType()}`).join(', '));
  const timerJson = JSON.stringify(
    timers.map((t) => ({
      work_order_id: t.workOrderId,
      department_id: t.departmentId ?? null,
      clock: t.clock,
      stage: t.stage,
      due_at: t.dueAt ?? null,
      start_at: t.startAt,
      deadline_at: t.deadlineAt,
    })),
  );
  const clocks = timers.length
    ? sql`with clocks as (
        insert into sla_timers (work_order_id, department_id, clock, stage, due_at, start_at, deadline_at)
        select * from jsonb_to_recordset(${timerJson}::jsonb) as x(work_order_id uuid, department_id uuid, clock text,
          stage text, due_at timestamptz, start_at timestamptz, deadline_at timestamptz)) `
    : sql``;
  // Prepared: for this statement, parsing and planning cost more than the rows (db/client.ts).
  const res = await executePrepared(
    tx,
    sql`${clocks}insert into ${workOrders} (${columnList})
    select ${selectList} from jsonb_to_recordset(${json}::jsonb) as x(${record})
    returning ${RETURNED_COLUMNS}`,
  );
  return new Map(rowsOf(res).map((r) => [String(r.id), decodeOrder(r)]));
}

/** A work_orders row as the driver gave it, decoded column by column as drizzle's own queries do. */
function decodeOrder(r: Record<string, unknown>): TWorkOrderRow {
  const out: Record<string, unknown> = {};
  for (const [key, col] of ORDER_COLUMNS) {
    const value = r[col.name];
    out[key] = value === null || value === undefined ? null : col.mapFromDriverValue(value);
  }
  return out as TWorkOrderRow;
}

/** Reads an order and locks it for the rest of the transaction: concurrent actions on one order queue up. */
export async function lockWorkOrder(tx: TExecutor, id: string) {
  const [row] = await tx.select().from(workOrders).where(eq(workOrders.id, id)).for('update');
  return row;
}

export async function getWorkOrder(db: TExecutor, id: string) {
  const [row] = await db.select().from(workOrders).where(eq(workOrders.id, id));
  return row;
}

export async function updateWorkOrder(tx: TExecutor, id: string, values: Partial<TWorkOrderInsert>) {
  const [row] = await tx.update(workOrders).set(values).where(eq(workOrders.id, id)).returning();
  // The clocks carry the lead department for the sweeper's notices: dispatch, transfer and return move it.
  if (values.departmentId !== undefined)
    await tx.update(slaTimers).set({ departmentId: values.departmentId }).where(eq(slaTimers.workOrderId, id));
  return row;
}

/** Inserts timeline entries in one statement; answers their ids in order. */
export async function insertEvents(tx: TExecutor, events: TEventInsert[], alongside: SQL[] = []): Promise<number[]> {
  const rows = await bulkInsert(
    tx,
    'work_order_events',
    {
      work_order_id: 'uuid',
      action: 'text',
      actor_id: 'uuid',
      actor_role: 'text',
      department_id: 'uuid',
      note: 'text',
      visibility: 'text',
      at: 'timestamptz',
    },
    events.map((e) => ({
      work_order_id: e.workOrderId,
      action: e.action,
      actor_id: e.actorId ?? null,
      actor_role: e.actorRole ?? null,
      department_id: e.departmentId ?? null,
      note: e.note ?? null,
      visibility: e.visibility,
      // Callers pass their clock's instant; the system clock only for one that does not.
      at: e.at ?? systemClock.now(),
    })),
    'id',
    alongside,
  );
  return rows.map((r) => Number(r.id));
}

/** An order's timeline, oldest first: the entries of the visibilities given (the reader's, from the policy). */
export async function listEvents(db: TExecutor, workOrderId: string, visibilities: readonly TEntryVisibility[]) {
  if (!visibilities.length) return [];
  return db
    .select({
      id: workOrderEvents.id,
      action: workOrderEvents.action,
      actorRole: workOrderEvents.actorRole,
      actorName: users.displayName,
      note: workOrderEvents.note,
      visibility: workOrderEvents.visibility,
      departmentName: departments.name,
      departmentNameEn: departments.nameEn,
      at: workOrderEvents.at,
    })
    .from(workOrderEvents)
    .leftJoin(users, eq(users.id, workOrderEvents.actorId))
    .leftJoin(departments, eq(departments.id, workOrderEvents.departmentId))
    .where(and(eq(workOrderEvents.workOrderId, workOrderId), inArray(workOrderEvents.visibility, [...visibilities])))
    .orderBy(asc(workOrderEvents.id));
}

export async function getNames(db: TExecutor, order: TWorkOrderRow) {
  const deptIds = [order.departmentId, ...order.coDepartmentIds].filter((x): x is string => !!x);
  const depts = deptIds.length
    ? await db
        .select({ id: departments.id, name: departments.name, nameEn: departments.nameEn })
        .from(departments)
        .where(inArray(departments.id, deptIds))
    : [];
  const [biz] = order.businessId
    ? await db
        .select({ name: businesses.name, nameEn: businesses.nameEn })
        .from(businesses)
        .where(eq(businesses.id, order.businessId))
    : [];
  const [reporter] = order.reporterUserId
    ? await db
        .select({ displayName: users.displayName, phone: users.phone })
        .from(users)
        .where(eq(users.id, order.reporterUserId))
    : [];
  return {
    depts,
    business: (biz ?? null) as { name: string; nameEn: string | null } | null,
    reporter: reporter ? { displayName: reporter.displayName, phoneMasked: maskPhone(reporter.phone) } : null,
  };
}

/**
 * The orders a reader may see (work-orders.policy.ts visibleWhere); `departmentQueue` when that set is exactly one
 * department's queue (lead or co), which the store then pages from its own indexes.
 */
export type TVisibleSet = { where: SQL | undefined; departmentQueue: string | null };

export type TListFilter = {
  status?: TWorkOrderStatus;
  kind?: string;
  category?: string;
  source?: string;
  departmentId?: string;
  overdue?: boolean;
  q?: string;
  businessId?: string;
};

function filterConditions(f: TListFilter): SQL[] {
  const c: SQL[] = [];
  if (f.status) c.push(eq(workOrders.status, f.status));
  if (f.kind) c.push(eq(workOrders.kind, f.kind));
  if (f.category) c.push(eq(workOrders.category, f.category));
  if (f.source) c.push(eq(workOrders.source, f.source));
  if (f.departmentId) c.push(eq(workOrders.departmentId, f.departmentId));
  if (f.businessId) c.push(eq(workOrders.businessId, f.businessId));
  if (f.overdue === true) c.push(overdueSql(workOrders.id));
  if (f.overdue === false) c.push(sql`not ${overdueSql(workOrders.id)}`);
  if (f.q) {
    const like = `%${f.q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
    c.push(or(sql`${workOrders.text} ilike ${like}`, sql`${workOrders.trackingNo} ilike ${like}`)!);
  }
  return c;
}

const summaryColumns = {
  order: workOrders,
  overdue: overdueSql(workOrders.id),
  businessName: businesses.name,
  businessNameEn: businesses.nameEn,
  departmentName: departments.name,
  departmentNameEn: departments.nameEn,
};

/**
 * Newest first, spelled exactly as the indexes are built (DESC NULLS LAST): a plain DESC means NULLS FIRST in
 * PostgreSQL, which does not match them, and the planner then sorts the whole queue instead of reading 50 rows.
 */
const NEWEST_FIRST = [sql`${workOrders.createdAt} desc nulls last`, sql`${workOrders.id} desc nulls last`];

/**
 * A page of orders, newest first. With a cursor it is keyset paging (no OFFSET, no count) so a queue of
 * 100k orders pages in constant time; without, offset paging with the total the console shows.
 */
export async function listWorkOrders(
  db: TExecutor,
  visible: TVisibleSet,
  f: TListFilter,
  page: { page: number; pageSize: number; cursor?: { createdAt: Date; id: string } },
) {
  const conds = [visible.where, ...filterConditions(f)].filter((x): x is SQL => !!x);
  const base = conds.length ? and(...conds) : undefined;
  // A row comparison, so the (created_at desc, id desc) indexes serve the page without a sort.
  const after = page.cursor
    ? sql`(${workOrders.createdAt}, ${workOrders.id}) < (${page.cursor.createdAt.toISOString()}::timestamptz, ${page.cursor.id}::uuid)`
    : undefined;
  if (page.cursor && visible.departmentQueue) {
    const rest = and(...filterConditions(f), after);
    const items = await departmentQueuePage(db, visible.departmentQueue, rest, page.pageSize);
    return { items, total: -1 };
  }
  const where = page.cursor ? and(base, after) : base;
  const q = db
    .select(summaryColumns)
    .from(workOrders)
    .leftJoin(businesses, eq(businesses.id, workOrders.businessId))
    .leftJoin(departments, eq(departments.id, workOrders.departmentId))
    .where(where)
    .orderBy(...NEWEST_FIRST)
    .limit(page.pageSize);
  const items = page.cursor ? await q : await q.offset((page.page - 1) * page.pageSize);
  const total = page.cursor ? -1 : await db.$count(workOrders, base);
  return { items, total };
}

/**
 * One keyset page of a department's queue. "Lead or co-department" as one OR defeats the index, so the two
 * halves are fetched apart (lead: the (department_id, created_at, id) index; co: the GIN index on
 * co_department_ids), merged and cut to the page: constant time however long the queue.
 */
async function departmentQueuePage(db: TExecutor, departmentId: string, rest: SQL | undefined, n: number) {
  const more = rest ? sql` and ${rest}` : sql``;
  const res = await db.execute(sql`
    select id from (
      (select ${workOrders.id} as id, ${workOrders.createdAt} as created_at from ${workOrders}
        where ${workOrders.departmentId} = ${departmentId}${more}
        order by ${workOrders.createdAt} desc nulls last, ${workOrders.id} desc nulls last limit ${n})
      union all
      (select ${workOrders.id} as id, ${workOrders.createdAt} as created_at from ${workOrders}
        where ${workOrders.coDepartmentIds} @> array[${departmentId}]::uuid[]
          and ${workOrders.departmentId} is distinct from ${departmentId}${more}
        order by ${workOrders.createdAt} desc nulls last, ${workOrders.id} desc nulls last limit ${n})
    ) u order by created_at desc nulls last, id desc nulls last limit ${n}`);
  const ids = rowsOf<{ id: string }>(res).map((r) => r.id);
  if (!ids.length) return [];
  return db
    .select(summaryColumns)
    .from(workOrders)
    .leftJoin(businesses, eq(businesses.id, workOrders.businessId))
    .leftJoin(departments, eq(departments.id, workOrders.departmentId))
    .where(inArray(workOrders.id, ids))
    .orderBy(...NEWEST_FIRST);
}

/** Recent orders near a place, about the same business or from the same tourist: candidates for the duplicate check. */
export async function findDuplicateCandidates(db: TExecutor, order: TWorkOrderRow, since: Date) {
  const near: SQL[] = [];
  if (order.businessId) near.push(eq(workOrders.businessId, order.businessId));
  if (order.reporterUserId) near.push(eq(workOrders.reporterUserId, order.reporterUserId));
  if (order.contactPhone) near.push(eq(workOrders.contactPhone, order.contactPhone));
  if (order.lng != null && order.lat != null) {
    // ~200 m box; the exact distance is checked by the caller.
    const dLat = 0.0019;
    const dLng = 0.0019 / Math.max(0.2, Math.cos((order.lat * Math.PI) / 180));
    near.push(
      and(
        sql`${workOrders.lat} between ${order.lat - dLat} and ${order.lat + dLat}`,
        sql`${workOrders.lng} between ${order.lng - dLng} and ${order.lng + dLng}`,
      )!,
    );
  }
  if (!near.length) return [];
  return db
    .select(summaryColumns)
    .from(workOrders)
    .leftJoin(businesses, eq(businesses.id, workOrders.businessId))
    .leftJoin(departments, eq(departments.id, workOrders.departmentId))
    .where(
      and(
        or(...near),
        gte(workOrders.createdAt, since),
        sql`${workOrders.id} <> ${order.id}`,
        sql`${workOrders.status} <> 'merged'`,
      ),
    )
    .orderBy(desc(workOrders.createdAt))
    .limit(200);
}

/** Everything one tourist filed (their personal-data export), newest first. */
export const listWorkOrdersOfReporter = (db: TExecutor, reporterUserId: string, limit: number) =>
  db
    .select()
    .from(workOrders)
    .where(eq(workOrders.reporterUserId, reporterUserId))
    .orderBy(desc(workOrders.createdAt))
    .limit(limit);

export const listSlaPolicies = (db: TExecutor) =>
  db.select().from(slaPolicies).orderBy(slaPolicies.kind, slaPolicies.category);
export const listCategoryRouting = (db: TExecutor) =>
  db
    .select({
      category: categoryRouting.category,
      departmentId: categoryRouting.departmentId,
      departmentCode: departments.code,
      departmentName: departments.name,
      autoDispatch: categoryRouting.autoDispatch,
      threshold: categoryRouting.threshold,
    })
    .from(categoryRouting)
    .leftJoin(departments, eq(departments.id, categoryRouting.departmentId));

export async function replaceSlaPolicies(tx: TExecutor, rows: (typeof slaPolicies.$inferInsert)[]) {
  await tx.delete(slaPolicies);
  if (rows.length) await tx.insert(slaPolicies).values(rows);
}
export async function upsertCategoryRouting(tx: TExecutor, row: typeof categoryRouting.$inferInsert) {
  await tx
    .insert(categoryRouting)
    .values(row)
    .onConflictDoUpdate({
      target: categoryRouting.category,
      set: {
        departmentId: row.departmentId,
        autoDispatch: row.autoDispatch,
        threshold: row.threshold,
        updatedAt: sql`now()`,
      },
    });
}

/** A department that takes new work: it exists and is active (an inactive one keeps only its history). */
export async function departmentExists(db: TExecutor, id: string) {
  return (await db.$count(departments, and(eq(departments.id, id), eq(departments.active, true)))) === 1;
}

/** An active department's names (the tourist is told where the order went), or undefined. */
export async function activeDepartment(db: TExecutor, id: string) {
  const [d] = await db
    .select({ name: departments.name, nameEn: departments.nameEn })
    .from(departments)
    .where(and(eq(departments.id, id), eq(departments.active, true)));
  return d;
}
export type TBusinessFacts = {
  regionCode: string | null;
  lng: number | null;
  lat: number | null;
  name: string;
  nameEn: string | null;
};

/** The businesses among `ids` that exist, with what an appeal about them needs; one query. */
export async function businessesByIds(db: TExecutor, ids: string[]) {
  if (!ids.length) return new Map<string, TBusinessFacts>();
  const rows = await db
    .select({
      id: businesses.id,
      regionCode: businesses.regionCode,
      lng: businesses.lng,
      lat: businesses.lat,
      name: businesses.name,
      nameEn: businesses.nameEn,
    })
    .from(businesses)
    .where(inArray(businesses.id, ids));
  return new Map<string, TBusinessFacts>(rows.map(({ id, ...b }) => [id, b]));
}

export async function departmentIdsByCode(db: TExecutor) {
  return db.select({ id: departments.id, code: departments.code }).from(departments);
}

// ——— SLA timers ———
export type TTimerInsert = typeof slaTimers.$inferInsert;

/** Starts or moves one clock; its department is the order's as it stands (updateWorkOrder keeps it current). */
export async function upsertTimer(tx: TExecutor, t: TTimerInsert) {
  await tx
    .insert(slaTimers)
    .values({
      ...t,
      departmentId: sql`(select ${workOrders.departmentId} from ${workOrders} where ${workOrders.id} = ${t.workOrderId})`,
    })
    .onConflictDoUpdate({
      target: [slaTimers.workOrderId, slaTimers.clock],
      set: { stage: t.stage, dueAt: t.dueAt, startAt: t.startAt, deadlineAt: t.deadlineAt },
    });
}

/**
 * Stops a clock. Its row goes, unless the clock breached: then it stays without a due time, as the order's
 * overdue flag. Answers the running timer it stopped, if there was one.
 */
export async function stopTimer(tx: TExecutor, workOrderId: string, clock: TSlaClock) {
  const running = and(eq(slaTimers.workOrderId, workOrderId), eq(slaTimers.clock, clock), isNotNull(slaTimers.dueAt));
  const [gone] = await tx
    .delete(slaTimers)
    .where(and(running, eq(slaTimers.overdue, false)))
    .returning();
  if (gone) return gone;
  const [kept] = await tx.update(slaTimers).set({ dueAt: null }).where(running).returning();
  return kept;
}

/** Whether one order's clocks breached. */
export async function isOverdue(db: TExecutor, workOrderId: string) {
  const [row] = await db
    .select({ id: slaTimers.workOrderId })
    .from(slaTimers)
    .where(and(eq(slaTimers.workOrderId, workOrderId), eq(slaTimers.overdue, true)))
    .limit(1);
  return !!row;
}

/** An account's phone in clear, for a text message only (never shown, never logged). */
/**
 * The duplicates merged into this order, and theirs in turn (an order that gathered duplicates may itself have
 * been merged later): every reporter the master order's answer is owed to. Locked, as the answer updates them.
 */
export async function mergedDuplicates(tx: TExecutor, masterId: string) {
  const res = await tx.execute(sql`
    with recursive dup as (
      select id from work_orders where merged_into_id = ${masterId}
      union
      select w.id from work_orders w join dup on w.merged_into_id = dup.id
    )
    select w.id, w.tracking_no, w.reporter_user_id, w.contact_phone
    from work_orders w join dup on dup.id = w.id
    order by w.created_at
    for update of w`);
  return rowsOf<{ id: string; tracking_no: string; reporter_user_id: string | null; contact_phone: string | null }>(
    res,
  ).map((r) => ({
    id: r.id,
    trackingNo: r.tracking_no,
    reporterUserId: r.reporter_user_id,
    contactPhone: r.contact_phone,
  }));
}

export async function accountPhone(db: TExecutor, userId: string) {
  const [row] = await db.select({ phone: users.phone }).from(users).where(eq(users.id, userId));
  return row?.phone ?? null;
}

/** The accounts of a business, to tell them they were asked to answer. */
export async function businessAccountIds(db: TExecutor, businessId: string) {
  const rows = await db.select({ id: users.id }).from(users).where(eq(users.businessId, businessId));
  return rows.map((r) => r.id);
}

/**
 * 未评价关闭, one batch (auto-close.ts): claims the portal tourists' orders resolved at or before `before`, oldest
 * first (FOR UPDATE SKIP LOCKED: a rating holding an order's lock wins, another instance takes other rows), and in
 * the same statement moves each from resolved to closed at `at`, writes its tourist-visible `close` entry with
 * `note` and ends its open stretch. Answers the ids it closed.
 */
export async function closeUnratedBatch(
  tx: TExecutor,
  opts: { before: Date; at: Date; batch: number; note: string },
): Promise<string[]> {
  const at = sql`${opts.at.toISOString()}::timestamptz`;
  const res = await tx.execute(sql`
    with due as (
      select id from work_orders
      where status = 'resolved' and resolved_at <= ${opts.before.toISOString()}::timestamptz
        and source = 'portal' and reporter_user_id is not null
      order by resolved_at
      limit ${opts.batch}
      for update skip locked
    ), upd as (
      update work_orders w set status = 'closed', closed_at = ${at}, updated_at = ${at}
      from due where w.id = due.id
      returning w.id
    ), ev as (
      insert into work_order_events (work_order_id, action, actor_role, note, visibility, at)
      select id, 'close', 'system', ${opts.note}, 'tourist', ${at} from upd
    ), st as (
      update work_order_stretches s set ended_at = ${at}, end_reason = 'closed'
      from upd where s.work_order_id = upd.id and s.ended_at is null
    )
    select id from upd`);
  return rowsOf<{ id: string }>(res).map((r) => r.id);
}
