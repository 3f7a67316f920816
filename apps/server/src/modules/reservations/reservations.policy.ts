import { eq, type SQL, sql } from 'drizzle-orm';
import type { TActor } from '../../platform/actor.js';
import { bookings } from './reservations.tables.js';

/**
 * Who may do what to a reservable scenic spot and to its bookings — one rule per object type, answered for one
 * object (`can…`) and, for bookings, for a set (`bookingsVisibleWhere`, the same rule as SQL).
 *
 * A spot is run by its own business account (the spot's staff); the system admin configures any spot. Only the
 * spot's own account checks tickets in: the gate is the spot's operation, not supervision — grid workers and
 * departments watch occupancy (public) and receive alerts, but do not admit visitors, and a system admin is no
 * gate keeper. The command center reads every spot's reports and live occupancy.
 */
export type TSpotVerb = 'configure' | 'check_in' | 'watch' | 'report' | 'proxy_book';

type TSpotReader = { role: string; businessId: string | null };
const ownSpot = (a: TSpotReader, spotId: string) => a.role === 'business' && !!a.businessId && a.businessId === spotId;

/** `actor` may be a live-event subscriber: the rule reads only its role and business. */
export function canSpot(actor: TSpotReader, verb: TSpotVerb, spotId: string): boolean {
  switch (verb) {
    case 'configure':
      return actor.role === 'system_admin' || ownSpot(actor, spotId);
    case 'check_in':
      return ownSpot(actor, spotId);
    case 'watch':
      return actor.role === 'dispatcher' || actor.role === 'leader' || ownSpot(actor, spotId);
    case 'report':
      return readsEverySpot(actor) || ownSpot(actor, spotId);
    // 代预约 (seed 002 task 4): the spot's own gate staff, and volunteers at a station, book for a visitor who
    // has no phone or cannot use one; nobody else books in another's name.
    case 'proxy_book':
      return actor.role === 'volunteer' || ownSpot(actor, spotId);
  }
}

/** The command center and the system admin read every spot's reports; a spot's account its own (reportSpotOf). */
export const readsEverySpot = (actor: TSpotReader) =>
  actor.role === 'dispatcher' || actor.role === 'leader' || actor.role === 'system_admin';
export const reportSpotOf = (actor: TSpotReader): string | null =>
  actor.role === 'business' && actor.businessId ? actor.businessId : null;

/** Who receives a spot's live occupancy on the stream. */
export const mayWatchOccupancy = (s: TSpotReader, spotId: string) => canSpot(s, 'watch', spotId);

/** A booking: the tourist who made it sees and cancels it; the spot's account sees those of its spot (the gate). */
export type TBookingVerb = 'view' | 'cancel';
type TBookingFacts = { touristUserId: string; businessId: string };

export function canBooking(actor: TActor, verb: TBookingVerb, b: TBookingFacts): boolean {
  const mine = actor.role === 'tourist' && !!actor.id && actor.id === b.touristUserId;
  if (verb === 'cancel') return mine;
  return mine || ownSpot(actor, b.businessId);
}

/** The bookings this actor may view, as a condition on bookings. */
export function bookingsVisibleWhere(actor: TActor): SQL {
  if (actor.role === 'tourist' && actor.id) return eq(bookings.touristUserId, actor.id);
  if (actor.role === 'business' && actor.businessId) return eq(bookings.businessId, actor.businessId);
  return sql`false`;
}
