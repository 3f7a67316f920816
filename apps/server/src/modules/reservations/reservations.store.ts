import { and, asc, desc, eq, gte, inArray, lte, type SQL, sql } from 'drizzle-orm';
import type { TExecutor } from '../../db/client.js';
import { arrayLiteral } from '../../platform/bulk.js';
import { idempotencyKeys } from '../../platform/platform.tables.js';
import { businesses } from '../master-data/master-data.tables.js';
import {
  bookings,
  bookingVisitors,
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
        quota: sql`excluded.quota`,
      },
    })
    .returning();
}

export async function setSlotQuota(tx: TExecutor, slotId: string, quota: number) {
  const [row] = await tx
    .update(timeSlots)
    .set({ remaining: sql`${timeSlots.remaining} + (${quota}::int - ${timeSlots.quota})`, quota })
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
    .where(and(eq(timeSlots.id, slotId), gte(timeSlots.remaining, n)))
    .returning({ remaining: timeSlots.remaining });
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

export async function listBookingsOfTourist(db: TExecutor, touristUserId: string, limit: number) {
  return db
    .select(bookingColumns)
    .from(bookings)
    .innerJoin(timeSlots, eq(timeSlots.id, bookings.slotId))
    .innerJoin(businesses, eq(businesses.id, bookings.businessId))
    .where(eq(bookings.touristUserId, touristUserId))
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

/**
 * Everything a batch of bookings checks, for all its slots in one query: the slot, its spot's settings, name and
 * occupancy, and whether the day is closed. `lock`: the slots' rows are locked, in id order (so two batches
 * never wait on each other in a cycle), and `remaining` is then exact until commit. The lock is FOR NO KEY
 * UPDATE, what the UPDATE of `remaining` takes anyway: FOR UPDATE would also wait on the key-share locks
 * that other batches' booking inserts hold on the same slots (their foreign key), and deadlock with them.
 */
export async function slotsForBooking(tx: TExecutor, slotIds: string[], lock: boolean) {
  if (!slotIds.length) return [];
  const q = tx
    .select({
      slot: timeSlots,
      spot: reservableSpots,
      name: businesses.name,
      nameEn: businesses.nameEn,
      occupancy: spotOccupancy.current,
      closed: sql<boolean>`exists (select 1 from ${spotClosedDays} where ${spotClosedDays.businessId} = ${timeSlots.businessId} and ${spotClosedDays.day} = ${timeSlots.day})`,
    })
    .from(timeSlots)
    .leftJoin(reservableSpots, eq(reservableSpots.businessId, timeSlots.businessId))
    .leftJoin(businesses, eq(businesses.id, timeSlots.businessId))
    .leftJoin(spotOccupancy, eq(spotOccupancy.businessId, timeSlots.businessId))
    .where(inArray(timeSlots.id, slotIds))
    .orderBy(asc(timeSlots.id));
  return lock ? q.for('no key update', { of: timeSlots }) : q;
}

const rowsOf = (res: unknown) =>
  (Array.isArray(res) ? res : ((res as { rows?: unknown[] }).rows ?? [])) as Record<string, unknown>[];

/**
 * Inserts many bookings and their visitors in one statement (ids made by the caller), with the data-modifying
 * statements `alongside` (a batch's answers and audit rows: one round trip for all). A visitor whose ID number
 * already has an active booking that day (or appears twice in the batch) is skipped, not an error. Answers how
 * many visitors each booking got, so the caller can tell which bookings collided (and roll back).
 */
export async function insertBookingsWithVisitors(
  tx: TExecutor,
  rows: (typeof bookings.$inferInsert & { id: string; createdAt: Date })[],
  visitors: (typeof bookingVisitors.$inferInsert)[],
  alongside: SQL[] = [],
) {
  const counts = new Map<string, number>();
  if (!rows.length) return counts;
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
    })),
  );
  const withs = alongside.map((other, i) => sql`, ${sql.raw(`alongside_${i}`)} as (${other})`);
  const res = await tx.execute(sql`
    with b as (
      insert into ${bookings} (id, ticket_code, slot_id, business_id, day, tourist_user_id, party_size, created_at)
      select id, ticket_code, slot_id, business_id, day, tourist_user_id, party_size, created_at
        from jsonb_to_recordset(${bookingJson}::jsonb) as x(id uuid, ticket_code text, slot_id uuid, business_id uuid,
          day date, tourist_user_id uuid, party_size int, created_at timestamptz)
      returning id)${sql.join(withs)}
    insert into ${bookingVisitors} (booking_id, business_id, day, name, id_number_cipher, id_number_hash, id_number_masked)
    select booking_id, business_id, day, name, id_number_cipher, id_number_hash, id_number_masked
      from jsonb_to_recordset(${visitorJson}::jsonb) as x(booking_id uuid, business_id uuid, day date, name text,
        id_number_cipher text, id_number_hash text, id_number_masked text)
     where x.booking_id in (select id from b)
    on conflict do nothing
    returning booking_id`);
  for (const r of rowsOf(res)) counts.set(String(r.booking_id), (counts.get(String(r.booking_id)) ?? 0) + 1);
  return counts;
}

/**
 * Stores the bookings' answers under their Idempotency-Keys (scoped "user:key", as platform/idempotency.ts does):
 * a data-modifying statement for insertBookingsWithVisitors to run alongside.
 */
export function storeAnswersSql(answers: { scopedKey: string; response: unknown }[]) {
  const answerJson = JSON.stringify(answers.map((a) => ({ key: a.scopedKey, response: a.response })));
  return sql`update ${idempotencyKeys} set done = true, status = 201, response = x.response
    from jsonb_to_recordset(${answerJson}::jsonb) as x(key text, response jsonb)
   where ${idempotencyKeys.key} = x.key`;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * A batch's last statement: takes places of several slots. It has no parameters, so it can travel with the
 * COMMIT (db/client.ts transactionEndingWith) — the slot rows are then locked only for the commit. It is built
 * from slot ids read from the database and counts, checked here, so nothing else can reach the text. Too few
 * places fail the statement on the CHECK under `remaining` (23514), and the batch rolls back.
 */
export function takePlacesStatement(takes: { slotId: string; n: number }[]) {
  // In id order, as the locked path locks them: two batches never wait on each other in a cycle.
  const sorted = [...takes].sort((a, b) => (a.slotId < b.slotId ? -1 : a.slotId > b.slotId ? 1 : 0));
  const values = sorted.map(({ slotId, n }) => {
    if (!UUID.test(slotId) || !Number.isSafeInteger(n) || n <= 0) throw new Error('takePlaces: bad take');
    return `('${slotId}'::uuid, ${n})`;
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
      (select json_object_agg(${timeSlots.id}, ${timeSlots.remaining}) from ${timeSlots}
        where ${timeSlots.id} = any(${arrayLiteral(slotIds)}::uuid[])) as slots,
      (select array_agg(${idempotencyKeys.key}) from ${idempotencyKeys}
        where ${idempotencyKeys.key} = any(${arrayLiteral(scopedKeys)}::text[])) as known`),
  );
  const slots = (row?.slots ?? {}) as Record<string, number>;
  return { remaining: new Map(Object.entries(slots)), known: new Set((row?.known ?? []) as string[]) };
}
