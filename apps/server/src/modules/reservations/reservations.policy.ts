import type { TActor } from '../../platform/actor.js';

/**
 * Who runs a reservable scenic spot. Its own business account (the spot's staff) and the system admin
 * configure capacity, hours, slots, closed days and gate devices. Only the spot's own account checks tickets
 * in: the gate is the spot's operation, not supervision — grid workers and departments watch occupancy
 * (public) and receive alerts, but do not admit visitors, and a system admin is no gate keeper.
 */
export function mayConfigureSpot(actor: TActor, spotId: string): boolean {
  if (actor.role === 'system_admin') return true;
  return actor.role === 'business' && !!actor.businessId && actor.businessId === spotId;
}

export function mayCheckIn(actor: TActor, spotId: string): boolean {
  return actor.role === 'business' && !!actor.businessId && actor.businessId === spotId;
}

/** A tourist sees only their own bookings; the spot's account sees those of its spot (for the gate). */
export function mayViewBooking(actor: TActor, b: { touristUserId: string; businessId: string }): boolean {
  if (actor.role === 'tourist') return !!actor.id && actor.id === b.touristUserId;
  return actor.role === 'business' && !!actor.businessId && actor.businessId === b.businessId;
}

export const mayCancelBooking = (actor: TActor, b: { touristUserId: string }) =>
  actor.role === 'tourist' && !!actor.id && actor.id === b.touristUserId;

/**
 * Who receives a spot's live occupancy on the stream: the command center (dispatcher, leader) every spot's,
 * a scenic spot's own account only its own.
 */
export function mayWatchOccupancy(s: { role: string; businessId: string | null }, spotId: string): boolean {
  if (s.role === 'dispatcher' || s.role === 'leader') return true;
  return s.role === 'business' && !!s.businessId && s.businessId === spotId;
}
