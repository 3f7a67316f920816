import { and, asc, eq, gte, inArray, lt, lte, sql } from 'drizzle-orm';
import type { TExecutor } from '../../db/client.js';
import { businesses } from '../master-data/index.js';
import { bookings, gatePasses, reservableSpots } from './reservations.tables.js';

/** The queries behind the daily report (日报): one row per spot, then per spot and local day. */

export async function listReportSpots(db: TExecutor, spotId: string | null) {
  return db
    .select({
      spotId: reservableSpots.businessId,
      name: businesses.name,
      nameEn: businesses.nameEn,
      instantCapacity: reservableSpots.instantCapacity,
    })
    .from(reservableSpots)
    .innerJoin(businesses, eq(businesses.id, reservableSpots.businessId))
    .where(spotId ? eq(reservableSpots.businessId, spotId) : undefined)
    .orderBy(asc(businesses.name), asc(reservableSpots.businessId));
}

/** Visitors booked per spot and day (cancelled and voided bookings left out), split by whether they entered. */
export async function bookedByDay(db: TExecutor, spotIds: string[], from: string, to: string) {
  if (!spotIds.length) return [];
  const rows = await db
    .select({
      spotId: bookings.businessId,
      day: bookings.day,
      booked: sql<string>`coalesce(sum(${bookings.partySize}) filter (where ${bookings.status} in ('booked', 'checked_in')), 0)`,
      checkedIn: sql<string>`coalesce(sum(${bookings.partySize}) filter (where ${bookings.status} = 'checked_in'), 0)`,
      notCheckedIn: sql<string>`coalesce(sum(${bookings.partySize}) filter (where ${bookings.status} = 'booked'), 0)`,
    })
    .from(bookings)
    .where(and(inArray(bookings.businessId, spotIds), gte(bookings.day, from), lte(bookings.day, to)))
    .groupBy(bookings.businessId, bookings.day);
  return rows.map((r) => ({
    ...r,
    booked: Number(r.booked),
    checkedIn: Number(r.checkedIn),
    notCheckedIn: Number(r.notCheckedIn),
  }));
}

/**
 * People counted in (check-ins and turnstile entries) and the highest occupancy after any pass, per spot and
 * local day (UTC+8). Occupancy only peaks right after an entry, so the maximum over the day's passes is the
 * day's peak — gate_passes keeps the occupancy after each pass, no separate peak column is needed.
 */
export async function passesByDay(db: TExecutor, spotIds: string[], fromAt: Date, toAt: Date) {
  if (!spotIds.length) return [];
  const localDay = sql<string>`to_char((${gatePasses.at} at time zone 'UTC') + interval '8 hours', 'YYYY-MM-DD')`;
  const rows = await db
    .select({
      spotId: gatePasses.businessId,
      day: localDay,
      entered: sql<string>`coalesce(sum(${gatePasses.count}) filter (where ${gatePasses.direction} = 'in'), 0)`,
      peak: sql<string>`max(${gatePasses.occupancyAfter})`,
    })
    .from(gatePasses)
    .where(and(inArray(gatePasses.businessId, spotIds), gte(gatePasses.at, fromAt), lt(gatePasses.at, toAt)))
    .groupBy(gatePasses.businessId, localDay);
  return rows.map((r) => ({ spotId: r.spotId, day: r.day, entered: Number(r.entered), peak: Number(r.peak) }));
}
