import { AppError } from '../../platform/errors.js';
import { localDay, salesPaused, type TThresholds } from './capacity.js';

/**
 * When a booking is refused, in one place: the one-booking path (bookings.service.ts) and the batch path
 * (bookings.batch.ts) both ask this, so they refuse the same bookings with the same answer in the same order. Pure:
 * the facts are read by the caller, time is passed in.
 */
export type TBookingFacts = {
  /** the slot asked for, with the places still free for this booking (the batch counts off what it gave) */
  slot: { day: string; endsAt: Date; left: number } | null | undefined;
  /** the spot's reservation settings; null when the slot's business is not a reservable spot */
  spot: ({ reservable: boolean; maxPartySize: number; instantCapacity: number } & TThresholds) | null | undefined;
  /** visitors inside the spot now */
  occupancy: number | null | undefined;
  /** the slot's day is one of the spot's closed days */
  closed: boolean;
  partySize: number;
  now: Date;
};

export type TBookingRefusal = {
  code:
    | 'not_found'
    | 'slot_sold_out'
    | 'spot_not_reservable'
    | 'party_too_large'
    | 'slot_ended'
    | 'day_closed'
    | 'sales_paused';
  status: 404 | 409 | 422;
  field: 'slotId' | 'visitors';
};

/**
 * The first rule a booking breaks, or null when it may be booked. The order matters: a sold-out slot answers
 * "sold out" before anything else is looked at (the rush's cheapest answer), and the places are the database's
 * last word anyway (the conditional UPDATE that takes them).
 */
export function bookingRefusal(f: TBookingFacts): TBookingRefusal | null {
  const { slot, spot } = f;
  if (!slot) return { code: 'not_found', status: 404, field: 'slotId' };
  if (slot.left < f.partySize) return { code: 'slot_sold_out', status: 409, field: 'slotId' };
  if (!spot?.reservable) return { code: 'spot_not_reservable', status: 409, field: 'slotId' };
  if (f.partySize > spot.maxPartySize) return { code: 'party_too_large', status: 422, field: 'visitors' };
  if (slot.endsAt <= f.now) return { code: 'slot_ended', status: 409, field: 'slotId' };
  if (f.closed) return { code: 'day_closed', status: 409, field: 'slotId' };
  if (slot.day === localDay(f.now) && salesPaused(f.occupancy ?? 0, spot.instantCapacity, spot))
    return { code: 'sales_paused', status: 409, field: 'slotId' };
  return null;
}

export const refusalError = (r: TBookingRefusal) => new AppError(r.code, r.status, r.field);
