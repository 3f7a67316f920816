import type { TTx } from '../db/client.js';
import { users } from '../modules/accounts/accounts.tables.js';
import { newTicketCode } from '../modules/reservations/bookings.service.js';
import { addDays, dailyCapacityFor, localDay, localInstant, planSlots } from '../modules/reservations/capacity.js';
import {
  bookings,
  flowReports,
  gatePasses,
  reservableSpots,
  spotOccupancy,
  timeSlots,
} from '../modules/reservations/reservations.tables.js';
import { prng } from './prng.js';

/** Four reservable scenic spots; while open, each shows one busy-ness level, so the portal and screen look alive. */
const DEMO_SPOTS = [
  { instant: 3000, opens: 8 * 60, closes: 18 * 60, stay: 180, occupancyPct: 35 },
  { instant: 1500, opens: 8 * 60 + 30, closes: 17 * 60 + 30, stay: 120, occupancyPct: 82 },
  { instant: 800, opens: 9 * 60, closes: 17 * 60, stay: 90, occupancyPct: 93 },
  { instant: 2000, opens: 7 * 60 + 30, closes: 18 * 60 + 30, stay: 150, occupancyPct: 12 },
];
const HISTORY_DAYS = 14;
const BUCKET = 15;
/** A past demo day books this share of its daily capacity (times the day's load): hundreds, not thousands. */
const PAST_SHARE = 0.12;
/** Booked visitors who never came, on a past day. */
const NO_SHOW = 0.07;

type TSpot = {
  businessId: string;
  instantCapacity: number;
  dailyCapacity: number;
  opensAtMinute: number;
  closesAtMinute: number;
  averageStayMinutes: number;
  slotMinutes: number;
  walkInPct: number;
  localAlertPct: number | null;
};
type TSlotRow = typeof timeSlots.$inferInsert & { id: string };
type TDayOut = {
  bookings: (typeof bookings.$inferInsert)[];
  passes: (typeof gatePasses.$inferInsert)[];
  entered: number;
  exited: number;
  inside: number;
};

/**
 * Reservation settings for the first scenic spots of the demo (deterministic: the given order), their slots for
 * the past two weeks, today and the next 6 days, and what the gates saw. Every entry is a checked-in booking
 * (分时预约 is real-name: nobody enters without one), so a day's entries never exceed its bookings, and a few
 * bookings on each past day are no-shows. The bookings belong to one placeholder tourist who cannot sign in and
 * carry no visitors' names or ID numbers. Today is simulated up to `now`: before opening and after closing nobody
 * is inside; while open, each spot is near its level's share of its instant capacity.
 */
export async function loadDemoReservations(tx: TTx, spotIds: string[], now: Date): Promise<void> {
  const picked = spotIds.slice(0, DEMO_SPOTS.length);
  if (!picked.length) return;
  const today = localDay(now);
  const [walkIn] = await tx
    .insert(users)
    .values({ role: 'tourist', displayName: '演示预约游客 Demo visitors' })
    .returning({ id: users.id });
  const spots: TSpot[] = picked.map((businessId, i) => {
    const d = DEMO_SPOTS[i];
    return {
      businessId,
      instantCapacity: d.instant,
      dailyCapacity: dailyCapacityFor(d.instant, d.closes - d.opens, d.stay),
      opensAtMinute: d.opens,
      closesAtMinute: d.closes,
      averageStayMinutes: d.stay,
      slotMinutes: 60,
      // Local choices (issue 18 §4), shown on the spot's settings page as such: a tenth of each slot published
      // from now on is kept for walk-ins and proxy booking, and the busiest spot adds a 90% alert level.
      walkInPct: 10,
      localAlertPct: d.occupancyPct > 90 ? 90 : null,
    };
  });
  await tx.insert(reservableSpots).values(spots.map((s) => ({ ...s, updatedAt: now })));
  // Yesterday the two busiest spots reached the 80% level; the command center reported each to the local
  // government and recorded it (issue 18 §4), so the flow page shows the step with its time.
  const yesterday = addDays(today, -1);
  const reported = spots
    .map((s, i) => ({ s, d: DEMO_SPOTS[i] }))
    .filter(({ d }) => d.occupancyPct >= 80)
    .map(({ s }, k) => {
      const raisedAt = localInstant(yesterday, 10 * 60 + 40 + k * 35);
      return {
        businessId: s.businessId,
        occupancy: Math.ceil(s.instantCapacity * 0.8),
        instantCapacity: s.instantCapacity,
        pct: 80,
        raisedAt,
        reportedAt: new Date(raisedAt.getTime() + 12 * 60_000),
        reportedTo:
          k === 0
            ? '古城区人民政府值班室 Gucheng district government duty office'
            : '玉龙县人民政府值班室 Yulong county government duty office',
        note: '已发布公告并停止当日售票 Notice posted, same-day sales stopped',
      };
    });
  if (reported.length) await tx.insert(flowReports).values(reported);
  const nowMinute = Math.floor((now.getTime() - localInstant(today, 0).getTime()) / 60_000);
  const rows = { slots: [] as TSlotRow[], bookings: [] as TDayOut['bookings'], passes: [] as TDayOut['passes'] };
  const occupancy: (typeof spotOccupancy.$inferInsert)[] = [];
  for (const [i, s] of spots.entries()) {
    const seed = s.dailyCapacity * 31 + s.opensAtMinute;
    const rnd = prng(seed);
    for (let n = -HISTORY_DAYS; n <= 6; n++) {
      const day = addDays(today, n);
      const slots = slotsOf(s, day);
      rows.slots.push(...slots);
      const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
      const load = (weekday === 0 || weekday === 6 ? 0.65 : 0.35) + rnd() * 0.25;
      let out: TDayOut | null = null;
      if (n < 0) out = simulateDay(s, day, slots, s.dailyCapacity * load * PAST_SHARE, null, prng(seed + n), walkIn.id);
      else if (n === 0) out = today_(s, day, slots, nowMinute, DEMO_SPOTS[i].occupancyPct, prng(seed), walkIn.id);
      if (!out) continue;
      rows.bookings.push(...out.bookings);
      rows.passes.push(...out.passes);
      if (n === 0)
        occupancy.push({
          businessId: s.businessId,
          entries: out.entered,
          exits: out.exited,
          current: out.inside,
          updatedAt: now,
        });
    }
  }
  for (let i = 0; i < rows.slots.length; i += 2000) await tx.insert(timeSlots).values(rows.slots.slice(i, i + 2000));
  for (let i = 0; i < rows.bookings.length; i += 2000)
    await tx.insert(bookings).values(rows.bookings.slice(i, i + 2000));
  for (let i = 0; i < rows.passes.length; i += 2000) await tx.insert(gatePasses).values(rows.passes.slice(i, i + 2000));
  await tx.insert(spotOccupancy).values(occupancy);
}

function slotsOf(s: TSpot, day: string): TSlotRow[] {
  return planSlots(s.opensAtMinute, s.closesAtMinute, s.slotMinutes, s.dailyCapacity).map((p) => ({
    id: crypto.randomUUID(),
    businessId: s.businessId,
    day,
    startsAt: localInstant(day, p.startMinute),
    endsAt: localInstant(day, p.endMinute),
    quota: p.quota,
    remaining: p.quota,
  }));
}

/**
 * Today: how many visitors the day needs for the spot to hold about `pct` % of its instant capacity now (found by
 * simulating a trial day and scaling it), simulated up to now. Closed now: nobody inside.
 */
function today_(
  s: TSpot,
  day: string,
  slots: TSlotRow[],
  nowMinute: number,
  pct: number,
  rnd: () => number,
  who: string,
): TDayOut {
  const open = nowMinute >= s.opensAtMinute && nowMinute < s.closesAtMinute;
  const seed = Math.floor(rnd() * 1e9);
  // before opening the day's bookings wait; after closing the day has run its course and everyone has left
  if (!open)
    return simulateDay(s, day, slots, s.dailyCapacity * 0.3, nowMinute < s.opensAtMinute ? -1 : null, prng(seed), who);
  const target = Math.floor((s.instantCapacity * pct) / 100);
  let visitors = s.dailyCapacity * 0.5;
  // a few proportional steps: the parties' random sizes make inside-now only roughly linear in the day's visitors
  for (let k = 0; k < 4; k++) {
    const trial = simulateDay(
      s,
      day,
      slots.map((x) => ({ ...x })),
      visitors,
      nowMinute,
      prng(seed),
      who,
    );
    if (!trial.inside || Math.abs(trial.inside - target) <= target * 0.01) break;
    visitors = Math.min(s.dailyCapacity, (visitors * target) / trial.inside);
  }
  return simulateDay(s, day, slots, visitors, nowMinute, prng(seed), who);
}

/** Party sizes of a booking, 1 to 5, couples and families most often. */
function partySize(rnd: () => number) {
  const r = rnd();
  return r < 0.2 ? 1 : r < 0.55 ? 2 : r < 0.75 ? 3 : r < 0.9 ? 4 : 5;
}

/**
 * One day at one spot, in 15-minute buckets: arrivals rise to a late-morning peak and fall off in the afternoon,
 * each party a booking of the hourly slot it arrives in (no slot sold beyond its quota); each visitor leaves after
 * the spot's average stay and everyone is out at closing. Each pass keeps the occupancy after it, as real passes
 * do. `until` (minutes since local midnight) stops the day there: later parties are booked and not yet come;
 * -1 means none has come yet, null that the day is over. `slots` get their remaining places set.
 */
function simulateDay(
  s: TSpot,
  day: string,
  slots: TSlotRow[],
  visitors: number,
  until: number | null,
  rnd: () => number,
  who: string,
): TDayOut {
  const out: TDayOut = { bookings: [], passes: [], entered: 0, exited: 0, inside: 0 };
  const buckets = Math.floor((s.closesAtMinute - s.opensAtMinute) / BUCKET);
  const peakAt = Math.floor(buckets * 0.3);
  const stayBuckets = Math.max(1, Math.round(s.averageStayMinutes / BUCKET));
  const weights = Array.from({ length: buckets }, (_, b) =>
    b >= buckets - Math.ceil(stayBuckets / 2) ? 0 : 1 / (1 + ((b - peakAt) / (buckets / 5)) ** 2),
  );
  const total = weights.reduce((a, w) => a + w, 0);
  const left = slots.map((x) => x.quota);
  const at = (minute: number) => localInstant(day, s.opensAtMinute + minute);
  const book = (b: number, size: number, status: 'booked' | 'checked_in') => {
    const k = Math.min(slots.length - 1, Math.floor((b * BUCKET) / s.slotMinutes));
    if (left[k] < size) return false;
    left[k] -= size;
    const createdAt = new Date(localInstant(day, 0).getTime() - (1 + Math.floor(rnd() * 72)) * 3_600_000);
    out.bookings.push({
      // random like every ticket's: a code is what gets a party through the gate
      ticketCode: newTicketCode(),
      slotId: slots[k].id,
      businessId: s.businessId,
      day,
      touristUserId: who,
      partySize: size,
      status,
      createdAt,
      checkedInAt: status === 'checked_in' ? at(b * BUCKET + 3) : null,
    });
    return true;
  };
  const came: number[] = [];
  for (let b = 0; b <= buckets; b++) {
    const minute = s.opensAtMinute + b * BUCKET;
    const past = until === null || (until >= 0 && minute + BUCKET <= until);
    if (past) {
      const leaving = b === buckets ? out.inside : Math.min(out.inside, b >= stayBuckets ? came[b - stayBuckets] : 0);
      if (leaving > 0) {
        out.inside -= leaving;
        out.exited += leaving;
        out.passes.push({
          businessId: s.businessId,
          direction: 'out',
          count: leaving,
          occupancyAfter: out.inside,
          at: at(b * BUCKET + 7),
        });
      }
    }
    if (b === buckets) break;
    let want = Math.round((visitors * weights[b] * (0.85 + rnd() * 0.3)) / total);
    // Flow control: the gate holds arrivals back once the spot is nearly at its instant capacity.
    let room = past ? Math.max(0, Math.floor(s.instantCapacity * 0.97) - out.inside) : 0;
    let entered = 0;
    while (want > 0) {
      const size = Math.min(want, partySize(rnd));
      want -= size;
      const enters = past && size <= room;
      if (!book(b, size, enters ? 'checked_in' : 'booked')) continue;
      if (enters) {
        room -= size;
        entered += size;
      }
    }
    came[b] = entered;
    if (entered > 0) {
      out.inside += entered;
      out.entered += entered;
      out.passes.push({
        businessId: s.businessId,
        direction: 'in',
        count: entered,
        occupancyAfter: out.inside,
        at: at(b * BUCKET + 3),
      });
    }
  }
  // a past day's no-shows: booked, never came
  if (until === null) {
    let noShow = Math.round(out.entered * NO_SHOW);
    while (noShow > 0) {
      const size = Math.min(noShow, partySize(rnd));
      noShow -= size;
      book(Math.floor(rnd() * Math.max(1, buckets - stayBuckets)), size, 'booked');
    }
  }
  slots.forEach((x, k) => {
    x.remaining = left[k];
  });
  return out;
}
