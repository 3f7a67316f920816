import type { TTx } from '../db/client.js';
import { addDays, dailyCapacityFor, localDay, localInstant, planSlots } from '../modules/reservations/capacity.js';
import { reservableSpots, spotOccupancy, timeSlots } from '../modules/reservations/reservations.tables.js';

/** Four reservable scenic spots, one per busy-ness level, so the portal and the screen look alive. */
const DEMO_SPOTS = [
  { instant: 3000, opens: 8 * 60, closes: 18 * 60, stay: 180, occupancyPct: 35 },
  { instant: 1500, opens: 8 * 60 + 30, closes: 17 * 60 + 30, stay: 120, occupancyPct: 82 },
  { instant: 800, opens: 9 * 60, closes: 17 * 60, stay: 90, occupancyPct: 93 },
  { instant: 2000, opens: 7 * 60 + 30, closes: 18 * 60 + 30, stay: 150, occupancyPct: 12 },
];

/**
 * Reservation settings for the first scenic spots of the demo (deterministic: the given order), their slots
 * for today and the next 6 days (hourly, quotas sharing the guideline's daily capacity) and a live occupancy.
 * No bookings: those carry personal data and are made by people trying the portal.
 */
export async function loadDemoReservations(tx: TTx, spotIds: string[], now: Date): Promise<void> {
  const picked = spotIds.slice(0, DEMO_SPOTS.length);
  if (!picked.length) return;
  const today = localDay(now);
  const spots = picked.map((businessId, i) => {
    const d = DEMO_SPOTS[i];
    return {
      businessId,
      instantCapacity: d.instant,
      dailyCapacity: dailyCapacityFor(d.instant, d.closes - d.opens, d.stay),
      opensAtMinute: d.opens,
      closesAtMinute: d.closes,
      averageStayMinutes: d.stay,
      slotMinutes: 60,
      updatedAt: now,
    };
  });
  await tx.insert(reservableSpots).values(spots);
  await tx.insert(spotOccupancy).values(
    spots.map((s, i) => {
      const current = Math.floor((s.instantCapacity * DEMO_SPOTS[i].occupancyPct) / 100);
      return { businessId: s.businessId, entries: current, exits: 0, current, updatedAt: now };
    }),
  );
  const slots = spots.flatMap((s) =>
    [0, 1, 2, 3, 4, 5, 6].flatMap((n) => {
      const day = addDays(today, n);
      return planSlots(s.opensAtMinute, s.closesAtMinute, s.slotMinutes, s.dailyCapacity).map((p) => ({
        businessId: s.businessId,
        day,
        startsAt: localInstant(day, p.startMinute),
        endsAt: localInstant(day, p.endMinute),
        quota: p.quota,
        remaining: p.quota,
      }));
    }),
  );
  await tx.insert(timeSlots).values(slots);
}
