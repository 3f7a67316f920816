import { and, asc, desc, eq, gte, inArray, isNull, lte, type SQL, sql } from 'drizzle-orm';
import { rowsOf, type TExecutor } from '../../db/client.js';
import { arrayLiteral } from '../../platform/bulk.js';
import { idempotencyKeys } from '../../platform/platform.tables.js';
import { businesses } from '../master-data/index.js';
import {
  bookings,
  bookingVisitors,
  flowReports,
  gateDevices,
  gatePasses,
  reservableSpots,
  spotClosedDays,
  spotOccupancy,
  timeSlots,
} from './reservations.tables.js';

/** The only file that queries the reservation tables. Every capacity change is one conditional statement. */

export type TSpotRow = typeof reservableSpots.$inferSelect;
export type TSlotRow = typeof timeSlots.$inferSelect;
export type TBookingRow = typeof bookings.$inferSelect;
export type TDeviceRow = typeof gateDevices.$inferSelect;

/** PostgreSQL's error code and constraint behind a failed statement (drizzle wraps the driver's error). */
export function pgError(err: unknown): { code?: string; constraint?: string } {
  for (let e = err as { code?: unknown; constraint?: unknown; cause?: unknown } | undefined; e; e = e.cause as never) {
    if (typeof e.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code))
      return { code: e.code, constraint: typeof e.constraint === 'string' ? e.constraint : undefined };
  }
  return {};
}

const spotColumns = {
  spot: reservableSpots,
  name: businesses.name,
  nameEn: businesses.nameEn,
  aLevel: businesses.aLevel,
  occupancy: spotOccupancy.current,
  occupancyAt: spotOccupancy.updatedAt,
};

export async function getSpot(db: TExecutor, businessId: string) {
  const [row] = await db
    .select(spotColumns)
    .from(reservableSpots)
    .innerJoin(businesses, eq(businesses.id, reservableSpots.businessId))
    .leftJoin(spotOccupancy, eq(spotOccupancy.businessId, reservableSpots.businessId))
    .where(eq(reservableSpots.businessId, businessId));
  return row;
}

export async function listSpots(db: TExecutor) {
  return db
    .select(spotColumns)
    .from(reservableSpots)
    .innerJoin(businesses, eq(businesses.id, reservableSpots.businessId))
    .leftJoin(spotOccupancy, eq(spotOccupancy.businessId, reservableSpots.businessId))
    .where(eq(reservableSpots.reservable, true))
    .orderBy(desc(businesses.aLevel), asc(businesses.name))
    .limit(500);
}

/** Locks a spot's settings for the transaction: slot and quota changes of one spot queue up behind it. */
export async function lockSpot(tx: TExecutor, businessId: string) {
  const [row] = await tx.select().from(reservableSpots).where(eq(reservableSpots.businessId, businessId)).for('update');
  return row;
}

export async function upsertSpot(tx: TExecutor, values: typeof reservableSpots.$inferInsert) {
  const { businessId: _id, ...changes } = values;
  const [row] = await tx
    .insert(reservableSpots)
    .values(values)
    .onConflictDoUpdate({ target: reservableSpots.businessId, set: changes })
    .returning();
  await tx.insert(spotOccupancy).values({ businessId: values.businessId }).onConflictDoNothing();
  return row;
}

export async function listSlots(db: TExecutor, businessId: string, from: string, to: string) {
  return db
    .select()
    .from(timeSlots)
    .where(and(eq(timeSlots.businessId, businessId), gte(timeSlots.day, from), lte(timeSlots.day, to)))
    .orderBy(asc(timeSlots.startsAt));
}

export async function listClosedDays(db: TExecutor, businessId: string, from: string, to: string) {
  return db
    .select()
    .from(spotClosedDays)
    .where(and(eq(spotClosedDays.businessId, businessId), gte(spotClosedDays.day, from), lte(spotClosedDays.day, to)));
}

/**
 * Creates slots or sets the quota of existing ones (same spot and start). A new quota keeps what is booked:
 * remaining moves by the quota's change, and the CHECK refuses a quota below what is already booked.
 */
export async function upsertSlots(tx: TExecutor, rows: (typeof timeSlots.$inferInsert)[]) {
  if (!rows.length) return [];
  return tx
    .insert(timeSlots)
    .values(rows)
    .onConflictDoUpdate({
      target: [timeSlots.businessId, timeSlots.startsAt],
      set: {
        endsAt: sql`excluded.ends_at`,
        remaining: sql`${timeSlots.remaining} + (excluded.quota - ${timeSlots.quota})`,
        // The walk-in places asked for, as far as the places still free allow.
        walkInRemaining: sql`least(excluded.walk_in_remaining, ${timeSlots.remaining} + (excluded.quota - ${timeSlots.quota}))`,
        quota: sql`excluded.quota`,
      },
    })
    .returning();
}

export async function setSlotQuota(tx: TExecutor, slotId: string, quota: number) {
  const [row] = await tx
    .update(timeSlots)
    .set({
      remaining: sql`${timeSlots.remaining} + (${quota}::int - ${timeSlots.quota})`,
      walkInRemaining: sql`least(${timeSlots.walkInRemaining}, greatest(0, ${timeSlots.remaining} + (${quota}::int - ${timeSlots.quota})))`,
      quota,
    })
    .where(eq(timeSlots.id, slotId))
    .returning();
  return row;
}

export async function getSlot(db: TExecutor, slotId: string) {
  const [row] = await db.select().from(timeSlots).where(eq(timeSlots.id, slotId));
  return row;
}

/** Days of a spot whose quotas add up to more than its daily capacity. */
export async function daysOverDailyCapacity(tx: TExecutor, businessId: string, days: string[], dailyCapacity: number) {
  if (!days.length) return [];
  return tx
    .select({ day: timeSlots.day, total: sql<number>`sum(${timeSlots.quota})::int` })
    .from(timeSlots)
    .where(and(eq(timeSlots.businessId, businessId), inArray(timeSlots.day, days)))
    .groupBy(timeSlots.day)
    .having(sql`sum(${timeSlots.quota}) > ${dailyCapacity}`);
}

export async function isDayClosed(db: TExecutor, businessId: string, day: string) {
  const [row] = await db
    .select({ day: spotClosedDays.day })
    .from(spotClosedDays)
    .where(and(eq(spotClosedDays.businessId, businessId), eq(spotClosedDays.day, day)));
  return !!row;
}

export async function insertClosedDay(tx: TExecutor, businessId: string, day: string, reason: string) {
  const rows = await tx.insert(spotClosedDays).values({ businessId, day, reason }).onConflictDoNothing().returning();
  return rows.length === 1;
}

export async function deleteClosedDay(tx: TExecutor, businessId: string, day: string) {
  const rows = await tx
    .delete(spotClosedDays)
    .where(and(eq(spotClosedDays.businessId, businessId), eq(spotClosedDays.day, day)))
    .returning();
  return rows.length === 1;
}

/**
 * Takes `n` places of a slot in one statement: the row lock and the `remaining >= n` test are one step, so
 * concurrent bookings (in this process or another) can never take more than there is. No row → sold out.
 */
export async function takePlaces(tx: TExecutor, slotId: string, n: number) {
  const [row] = await tx
    .update(timeSlots)
    .set({ remaining: sql`${timeSlots.remaining} - ${n}::int` })
    .where(and(eq(timeSlots.id, slotId), sql`${timeSlots.remaining} - ${timeSlots.walkInRemaining} >= ${n}::int`))
    .returning({ remaining: timeSlots.remaining });
  return row;
}

/**
 * Takes `n` places for a walk-in or proxy booking: from the kept walk-in places first, then from the rest — the
 * same one-statement test as takePlaces, so the reserve and the whole quota both hold under concurrency.
 */
export async function takeWalkInPlaces(tx: TExecutor, slotId: string, n: number) {
  const [row] = await tx
    .update(timeSlots)
    .set({
      remaining: sql`${timeSlots.remaining} - ${n}::int`,
      walkInRemaining: sql`greatest(0, ${timeSlots.walkInRemaining} - ${n}::int)`,
    })
    .where(and(eq(timeSlots.id, slotId), gte(timeSlots.remaining, n)))
    .returning({ remaining: timeSlots.remaining, walkInRemaining: timeSlots.walkInRemaining });
  return row;
}

export async function insertFlowReport(tx: TExecutor, values: typeof flowReports.$inferInsert) {
  const [row] = await tx.insert(flowReports).values(values).returning();
  return row;
}

export async function listFlowReports(db: TExecutor, businessId: string | null, limit: number) {
  return db
    .select({ report: flowReports, name: businesses.name, nameEn: businesses.nameEn })
    .from(flowReports)
    .innerJoin(businesses, eq(businesses.id, flowReports.businessId))
    .where(businessId ? eq(flowReports.businessId, businessId) : undefined)
    .orderBy(desc(flowReports.raisedAt))
    .limit(limit);
}

/** Records the report once: a second record of the same step changes nothing (null). */
export async function recordFlowReport(
  tx: TExecutor,
  id: string,
  values: { reportedAt: Date; reportedBy: string | null; reportedTo: string; note: string | null },
) {
  const [row] = await tx
    .update(flowReports)
    .set(values)
    .where(and(eq(flowReports.id, id), isNull(flowReports.reportedAt)))
    .returning();
  return row;
}

export async function getFlowReport(db: TExecutor, id: string) {
  const [row] = await db.select().from(flowReports).where(eq(flowReports.id, id));
  return row;
}

/** Gives places back (cancellation, closed day). The CHECK refuses returning more than the quota. */
export async function returnPlaces(tx: TExecutor, slotId: string, n: number) {
  await tx
    .update(timeSlots)
    .set({ remaining: sql`${timeSlots.remaining} + ${n}::int` })
    .where(eq(timeSlots.id, slotId));
}

export async function insertBooking(tx: TExecutor, values: typeof bookings.$inferInsert) {
  const [row] = await tx.insert(bookings).values(values).returning();
  return row;
}

export async function insertVisitors(tx: TExecutor, rows: (typeof bookingVisitors.$inferInsert)[]) {
  await tx.insert(bookingVisitors).values(rows);
}

/** Reads a booking and locks it: a cancellation and a check-in of the same ticket queue up, one wins. */
export async function lockBooking(tx: TExecutor, where: { id: string } | { ticketCode: string }) {
  const cond = 'id' in where ? eq(bookings.id, where.id) : eq(bookings.ticketCode, where.ticketCode);
  const [row] = await tx
    .select({ booking: bookings, slot: timeSlots })
    .from(bookings)
    .innerJoin(timeSlots, eq(timeSlots.id, bookings.slotId))
    .where(cond)
    .for('update', { of: bookings });
  return row;
}

export async function updateBooking(tx: TExecutor, id: string, values: Partial<typeof bookings.$inferInsert>) {
  const [row] = await tx.update(bookings).set(values).where(eq(bookings.id, id)).returning();
  return row;
}

/** A cancelled or voided booking frees its visitors' ID numbers for another booking that day. */
export async function releaseVisitors(tx: TExecutor, bookingIds: string[]) {
  if (!bookingIds.length) return;
  await tx.update(bookingVisitors).set({ active: false }).where(inArray(bookingVisitors.bookingId, bookingIds));
}

/** Voids the open bookings of a closed day; answers what each slot gets back. */
export async function voidBookingsOfDay(tx: TExecutor, businessId: string, day: string, now: Date) {
  return tx
    .update(bookings)
    .set({ status: 'voided', cancelledAt: now })
    .where(and(eq(bookings.businessId, businessId), eq(bookings.day, day), eq(bookings.status, 'booked')))
    .returning({ id: bookings.id, slotId: bookings.slotId, partySize: bookings.partySize });
}

const bookingColumns = {
  booking: bookings,
  startsAt: timeSlots.startsAt,
  endsAt: timeSlots.endsAt,
  spotName: businesses.name,
  spotNameEn: businesses.nameEn,
};

export async function getBookingView(db: TExecutor, id: string) {
  const [row] = await db
    .select(bookingColumns)
    .from(bookings)
    .innerJoin(timeSlots, eq(timeSlots.id, bookings.slotId))
    .innerJoin(businesses, eq(businesses.id, bookings.businessId))
    .where(eq(bookings.id, id));
  return row;
}

/** The newest bookings among those the reader may view (reservations.policy.ts bookingsVisibleWhere). */
export async function listBookings(db: TExecutor, visible: SQL, limit: number) {
  return db
    .select(bookingColumns)
    .from(bookings)
    .innerJoin(timeSlots, eq(timeSlots.id, bookings.slotId))
    .innerJoin(businesses, eq(businesses.id, bookings.businessId))
    .where(visible)
    .orderBy(desc(bookings.createdAt))
    .limit(limit);
}

export async function listVisitors(db: TExecutor, bookingIds: string[]) {
  if (!bookingIds.length) return [];
  return db
    .select({
      bookingId: bookingVisitors.bookingId,
      name: bookingVisitors.name,
      idNumberMasked: bookingVisitors.idNumberMasked,
      documentType: bookingVisitors.documentType,
      nationality: bookingVisitors.nationality,
    })
    .from(bookingVisitors)
    .where(inArray(bookingVisitors.bookingId, bookingIds))
    .orderBy(asc(bookingVisitors.id));
}

/**
 * Counts people in, only while the spot stays within `limit` (its stop-entry level); no row → entry paused.
 * Entries, exits and current change together, so current = entries − exits always (and a CHECK says so).
 */
export async function recordEntry(tx: TExecutor, businessId: string, n: number, limit: number, now: Date) {
  const [row] = await tx
    .update(spotOccupancy)
    .set({
      entries: sql`${spotOccupancy.entries} + ${n}::int`,
      current: sql`${spotOccupancy.current} + ${n}::int`,
      updatedAt: now,
    })
    .where(and(eq(spotOccupancy.businessId, businessId), sql`${spotOccupancy.current} + ${n}::int <= ${limit}::int`))
    .returning({ current: spotOccupancy.current });
  return row;
}

/** Counts people out; never below zero (no row → more exits than people inside). */
export async function recordExit(tx: TExecutor, businessId: string, n: number, now: Date) {
  const [row] = await tx
    .update(spotOccupancy)
    .set({
      exits: sql`${spotOccupancy.exits} + ${n}::int`,
      current: sql`${spotOccupancy.current} - ${n}::int`,
      updatedAt: now,
    })
    .where(and(eq(spotOccupancy.businessId, businessId), gte(spotOccupancy.current, n)))
    .returning({ current: spotOccupancy.current });
  return row;
}

export async function insertGatePass(tx: TExecutor, values: typeof gatePasses.$inferInsert) {
  await tx.insert(gatePasses).values(values);
}

export async function insertDevice(tx: TExecutor, values: typeof gateDevices.$inferInsert) {
  const [row] = await tx.insert(gateDevices).values(values).returning();
  return row;
}

export async function listDevices(db: TExecutor, businessId: string) {
  return db
    .select()
    .from(gateDevices)
    .where(eq(gateDevices.businessId, businessId))
    .orderBy(asc(gateDevices.createdAt));
}

export async function getDevice(db: TExecutor, id: string) {
  const [row] = await db.select().from(gateDevices).where(eq(gateDevices.id, id));
  return row;
}

/** The active device holding this key (by its hash), marked as seen. */
export async function touchDeviceByKeyHash(tx: TExecutor, keyHash: string, now: Date) {
  const [row] = await tx
    .update(gateDevices)
    .set({ lastSeenAt: now })
    .where(and(eq(gateDevices.keyHash, keyHash), eq(gateDevices.active, true)))
    .returning();
  return row;
}

export async function deactivateDevice(tx: TExecutor, id: string) {
  const [row] = await tx.update(gateDevices).set({ active: false }).where(eq(gateDevices.id, id)).returning();
  return row;
}

const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
/** A scoped Idempotency-Key: the account's uuid and the key as the route accepted it (reservations.routes.ts). */
const SCOPED_KEY = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}:[A-Za-z0-9_-]{8,100}$/;

/** A value checked against `pattern` as a quoted literal: these statements travel without parameters. */
function literal(value: string, pattern: RegExp) {
  if (!pattern.test(value)) throw new Error('booking batch: a value that cannot go into a statement');
  return `'${value}'`;
}

/**
 * A batch of bookings' reads, sent with its BEGIN (db/client.ts transactionWith), so they carry no parameters:
 * built from slot ids and scoped keys checked here, nothing else reaches the text. First, for all the batch's
 * slots: the slot, its spot's settings, name and occupancy, and whether the day is closed — with `lock`, the
 * slots' rows locked in id order (two batches never wait on each other in a cycle; `remaining` is then exact
 * until commit). FOR NO KEY UPDATE is what the UPDATE of `remaining` takes anyway: FOR UPDATE would also wait on
 * the key-share locks other batches' booking inserts hold on the same slots (their foreign key), and deadlock
 * with them. Then which of the keys are known already, and the audit chain's head.
 */
export function bookingBatchReads(slotIds: string[], scopedKeys: string[], lock: boolean): string[] {
  const ids = slotIds.map((id) => literal(id, UUID)).join(', ');
  const keys = scopedKeys.map((k) => literal(k, SCOPED_KEY)).join(', ');
  return [
    `select t.id, t.business_id, t.day::text as day, t.starts_at, t.ends_at, t.remaining - t.walk_in_remaining as remaining,
        s.reservable, s.max_party_size, s.instant_capacity, s.warning_pct, s.stop_sales_pct, s.stop_entry_pct, b.name, b.name_en, o.current as occupancy,
        exists (select 1 from spot_closed_days c where c.business_id = t.business_id and c.day = t.day) as closed
       from time_slots t
       left join reservable_spots s on s.business_id = t.business_id
       left join businesses b on b.id = t.business_id
       left join spot_occupancy o on o.business_id = t.business_id
      where t.id in (${ids}) order by t.id${lock ? ' for no key update of t' : ''}`,
    `select array(select key from idempotency_keys where key in (${keys})) as known,
        (select hash from audit_log order by id desc limit 1) as head`,
  ];
}

export type TBatchSlot = {
  id: string;
  businessId: string;
  day: string;
  startsAt: Date;
  endsAt: Date;
  remaining: number;
  /** null when the slot's business is not (any more) a reservable spot */
  spot: {
    reservable: boolean;
    maxPartySize: number;
    instantCapacity: number;
    warningPct: number;
    stopSalesPct: number;
    stopEntryPct: number;
  } | null;
  name: string | null;
  nameEn: string | null;
  occupancy: number | null;
  closed: boolean;
};

/** The rows of bookingBatchReads: the slots by id, the known keys, the audit chain's head. */
export function parseBookingBatchReads([slotRows, metaRows]: Record<string, unknown>[][]) {
  const slots = new Map<string, TBatchSlot>();
  for (const r of slotRows) {
    const id = String(r.id);
    slots.set(id, {
      id,
      businessId: String(r.business_id),
      day: String(r.day),
      startsAt: new Date(r.starts_at as string | Date),
      endsAt: new Date(r.ends_at as string | Date),
      remaining: Number(r.remaining),
      spot:
        r.reservable === null || r.reservable === undefined
          ? null
          : {
              reservable: r.reservable === true,
              maxPartySize: Number(r.max_party_size),
              instantCapacity: Number(r.instant_capacity),
              warningPct: Number(r.warning_pct),
              stopSalesPct: Number(r.stop_sales_pct),
              stopEntryPct: Number(r.stop_entry_pct),
            },
      name: (r.name as string | null) ?? null,
      nameEn: (r.name_en as string | null) ?? null,
      occupancy: r.occupancy === null || r.occupancy === undefined ? null : Number(r.occupancy),
      closed: r.closed === true,
    });
  }
  const meta = metaRows[0] ?? {};
  return {
    slots,
    known: new Set((meta.known as string[] | null) ?? []),
    auditHead: { hash: (meta.head as string | null) ?? null },
  };
}

/**
 * A batch's writes in one statement: claims its Idempotency-Keys with their answers already in them (scoped
 * "user:key", as platform/idempotency.ts does; nobody sees a key before this transaction commits, so claim and
 * answer are one row), inserts the bookings and their visitors (ids made by the caller), and runs `alongside`
 * (the batch's audit insert). A key someone else holds is not claimed, and a visitor whose ID number already has
 * an active booking that day (or appears twice in the batch) is skipped — neither is an error. Answers the keys
 * claimed and how many visitors each booking got, so the caller can tell what collided (and roll back).
 */
export async function insertBookingBatch(
  tx: TExecutor,
  claims: { scopedKey: string; userId: string; requestHash: string; response: unknown }[],
  rows: (typeof bookings.$inferInsert & { id: string; createdAt: Date })[],
  visitors: (typeof bookingVisitors.$inferInsert)[],
  alongside: SQL[] = [],
) {
  const counts = new Map<string, number>();
  const claimed = new Set<string>();
  if (!rows.length) return { claimed, counts };
  const claimJson = JSON.stringify(
    claims.map((c) => ({ key: c.scopedKey, user_id: c.userId, hash: c.requestHash, response: c.response })),
  );
  const bookingJson = JSON.stringify(
    rows.map((r) => ({
      id: r.id,
      ticket_code: r.ticketCode,
      slot_id: r.slotId,
      business_id: r.businessId,
      day: r.day,
      tourist_user_id: r.touristUserId,
      party_size: r.partySize,
      created_at: r.createdAt.toISOString(),
    })),
  );
  const visitorJson = JSON.stringify(
    visitors.map((r) => ({
      booking_id: r.bookingId,
      business_id: r.businessId,
      day: r.day,
      name: r.name,
      id_number_cipher: r.idNumberCipher,
      id_number_hash: r.idNumberHash,
      id_number_masked: r.idNumberMasked,
      document_type: r.documentType ?? 'resident_id',
      nationality: r.nationality ?? null,
    })),
  );
  const withs = alongside.map((other, i) => sql`, ${sql.raw(`alongside_${i}`)} as (${other})`);
  const res = await tx.execute(sql`
    with k as (
      insert into ${idempotencyKeys} (key, user_id, request_hash, created_at, done, status, response)
      select x.key, x.user_id, x.hash, ${rows[0].createdAt.toISOString()}::timestamptz, true, 201, x.response
        from jsonb_to_recordset(${claimJson}::jsonb) as x(key text, user_id uuid, hash text, response jsonb)
      on conflict do nothing
      returning key),
    b as (
      insert into ${bookings} (id, ticket_code, slot_id, business_id, day, tourist_user_id, party_size, created_at)
      select id, ticket_code, slot_id, business_id, day, tourist_user_id, party_size, created_at
        from jsonb_to_recordset(${bookingJson}::jsonb) as x(id uuid, ticket_code text, slot_id uuid, business_id uuid,
          day date, tourist_user_id uuid, party_size int, created_at timestamptz)
      returning id),
    v as (
      insert into ${bookingVisitors} (booking_id, business_id, day, name, id_number_cipher, id_number_hash, id_number_masked,
        document_type, nationality)
      select booking_id, business_id, day, name, id_number_cipher, id_number_hash, id_number_masked, document_type, nationality
        from rows from (jsonb_to_recordset(${visitorJson}::jsonb) as (booking_id uuid, business_id uuid, day date,
          name text, id_number_cipher text, id_number_hash text, id_number_masked text, document_type text,
          nationality text)) with ordinality
          as x(booking_id, business_id, day, name, id_number_cipher, id_number_hash, id_number_masked, document_type,
            nationality, n)
       where x.booking_id in (select id from b)
       -- in the order given: their ids (a sequence) keep the party's order, which every answer lists them in
       order by x.n
      on conflict do nothing
      returning booking_id)${sql.join(withs)}
    select 'v' as kind, booking_id::text as id from v
    union all select 'k', key from k`);
  for (const r of rowsOf(res)) {
    const id = String(r.id);
    if (r.kind === 'k') claimed.add(id);
    else counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  return { claimed, counts };
}

/**
 * A batch's last statement: takes places of several slots. It has no parameters, so it can travel with the
 * COMMIT (db/client.ts transactionWith) — the slot rows are then locked only for the commit. It is built
 * from slot ids read from the database and counts, checked here, so nothing else can reach the text. Too few
 * places fail the statement on the CHECK under `remaining` (23514), and the batch rolls back.
 */
export function takePlacesStatement(takes: { slotId: string; n: number }[]) {
  // In id order, as the locked path locks them: two batches never wait on each other in a cycle.
  const sorted = [...takes].sort((a, b) => (a.slotId < b.slotId ? -1 : a.slotId > b.slotId ? 1 : 0));
  const values = sorted.map(({ slotId, n }) => {
    if (!Number.isSafeInteger(n) || n <= 0) throw new Error('booking batch: a count that cannot go into a statement');
    return `(${literal(slotId, UUID)}::uuid, ${n})`;
  });
  return `update time_slots set remaining = time_slots.remaining - x.n from (values ${values.join(', ')}) as x(id, n) where time_slots.id = x.id`;
}

/**
 * The sold-out rush's reads, for many requests in one query: the remaining places of each slot and which of the
 * (scoped) Idempotency-Keys are known. Slot ids are ones that answered "sold out" before, so valid uuids.
 */
export async function soldOutPrechecks(db: TExecutor, slotIds: string[], scopedKeys: string[]) {
  const [row] = rowsOf(
    await db.execute(sql`select
      (select json_object_agg(${timeSlots.id}, ${timeSlots.remaining} - ${timeSlots.walkInRemaining}) from ${timeSlots}
        where ${timeSlots.id} = any(${arrayLiteral(slotIds)}::uuid[])) as slots,
      (select array_agg(${idempotencyKeys.key}) from ${idempotencyKeys}
        where ${idempotencyKeys.key} = any(${arrayLiteral(scopedKeys)}::text[])) as known`),
  );
  const slots = (row?.slots ?? {}) as Record<string, number>;
  return { remaining: new Map(Object.entries(slots)), known: new Set((row?.known ?? []) as string[]) };
}

/** Bookings named for the audit log: the day, the spot's business, and the ticket code's last characters. */
export const bookingRefsByIds = (db: TExecutor, ids: string[]) =>
  db
    .select({ id: bookings.id, ticketCode: bookings.ticketCode, businessId: bookings.businessId, day: bookings.day })
    .from(bookings)
    .where(inArray(bookings.id, ids));
