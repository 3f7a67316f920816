import type { TTx } from '../db/client.js';
import { addDays, dailyCapacityFor, localDay, localInstant, planSlots } from '../modules/reservations/capacity.js';
import { gatePasses, reservableSpots, spotOccupancy, timeSlots } from '../modules/reservations/reservations.tables.js';
import { prng } from './prng.js';

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
 * No bookings: those carry personal data and are made by people trying the portal. The past two weeks have
 * turnstile counts (see demoTurnstileHistory), so the daily report and its peaks show a realistic shape.
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
  const history = spots.flatMap((s) => demoTurnstileHistory(s, today));
  for (let i = 0; i < history.length; i += 2000) await tx.insert(gatePasses).values(history.slice(i, i + 2000));
}

const HISTORY_DAYS = 14;
const BUCKET = 15;

/**
 * Turnstile passes for the past HISTORY_DAYS days, in 15-minute buckets: arrivals rise to a late-morning peak and
 * fall off in the afternoon (more at weekends), each visitor leaves after the spot's average stay, everyone is out
 * at closing. Each pass keeps the occupancy after it, as real passes do, so the report's peak is the day's maximum.
 */
function demoTurnstileHistory(
  s: {
    businessId: string;
    instantCapacity: number;
    dailyCapacity: number;
    opensAtMinute: number;
    closesAtMinute: number;
    averageStayMinutes: number;
  },
  today: string,
) {
  const rnd = prng(s.dailyCapacity * 31 + s.opensAtMinute);
  const out: (typeof gatePasses.$inferInsert)[] = [];
  const buckets = Math.floor((s.closesAtMinute - s.opensAtMinute) / BUCKET);
  const peakAt = Math.floor(buckets * 0.3);
  const weights = Array.from({ length: buckets }, (_, b) =>
    b >= buckets - Math.ceil(s.averageStayMinutes / BUCKET / 2) ? 0 : 1 / (1 + ((b - peakAt) / (buckets / 5)) ** 2),
  );
  const total = weights.reduce((a, w) => a + w, 0);
  for (let n = HISTORY_DAYS; n >= 1; n--) {
    const day = addDays(today, -n);
    const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
    const load = (weekday === 0 || weekday === 6 ? 0.65 : 0.35) + rnd() * 0.25;
    const visitors = Math.round(s.dailyCapacity * load);
    const arrivals = weights.map((w) => Math.round((visitors * w * (0.85 + rnd() * 0.3)) / total));
    const stayBuckets = Math.max(1, Math.round(s.averageStayMinutes / BUCKET));
    let inside = 0;
    for (let b = 0; b <= buckets; b++) {
      const at = (minute: number) => localInstant(day, s.opensAtMinute + minute);
      const leaving = b === buckets ? inside : Math.min(inside, b >= stayBuckets ? arrivals[b - stayBuckets] : 0);
      if (leaving > 0) {
        inside -= leaving;
        out.push({
          businessId: s.businessId,
          direction: 'out',
          count: leaving,
          occupancyAfter: inside,
          at: at(b * BUCKET + 7),
        });
      }
      // Flow control: the gate holds arrivals back once the spot is nearly at its instant capacity.
      const coming = Math.max(0, Math.min(arrivals[b] ?? 0, Math.floor(s.instantCapacity * 0.97) - inside));
      if (coming > 0) {
        inside += coming;
        out.push({
          businessId: s.businessId,
          direction: 'in',
          count: coming,
          occupancyAfter: inside,
          at: at(b * BUCKET + 3),
        });
      }
    }
  }
  return out;
}
