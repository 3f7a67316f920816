import { bookingLoad, countBooked, makeSpots, probeBooking, startApp, touristSessions } from './b1-fixture.js';
import { median, report } from './lib.js';

/**
 * B2: the Golden Week mix (PERFORMANCE.md): 500 spots × 10 slots, demand Zipf-skewed over the 5,000 slots (the
 * famous spots' slots sell out, the long tail books slowly), parties of 1–3, 100 connections over HTTP on the
 * PostgreSQL server. Bookings/s are committed bookings counted in the database; after the runs every slot must
 * hold exactly quota − remaining places and never more than its quota.
 */
const SPOTS = 500;
const SLOTS = 10;
const QUOTA = 300;

export async function benchGoldenWeek() {
  const app = await startApp('postgres', 'zhilv_bench_b2');
  const db = app.database.db;
  try {
    const slots = (await makeSpots(db, SPOTS, SLOTS, QUOTA)).flat();
    const { tokens } = await touristSessions(db, 200);
    await probeBooking(app.base, tokens[0], slots[slots.length - 1], '53070219000101002X');
    const runs: number[] = [];
    let people = 0;
    for (let i = 0; i < 6; i++) {
      const before = await countBooked(db, slots);
      const t0 = Date.now();
      const r = await bookingLoad({
        url: `${app.base}/api/reservations/bookings`,
        connections: 100,
        duration: 5,
        tokens,
        slots,
        zipf: 1,
        party: [1, 3],
        tag: 100 + i,
      });
      const after = await countBooked(db, slots);
      people = after.people;
      if (i === 0)
        console.log(`B2 warm-up: ${r.total} requests, status ${JSON.stringify(r.status)}, errors ${r.errors}`);
      else runs.push((after.bookings - before.bookings) / ((Date.now() - t0) / 1000));
    }
    const end = await countBooked(db, slots);
    report({
      id: 'B2',
      what: `Golden Week mix, ${SPOTS} spots × ${SLOTS} slots of ${QUOTA}, Zipf demand, parties 1–3, 100 connections (committed, counted in the database; ${people} people booked)`,
      value: median(runs),
      unit: 'bookings/s',
      runs,
      target: '≥ 6k bookings/s',
      pass: median(runs) >= 6000,
    });
    report({
      id: 'B2',
      what: 'Golden Week mix: slots holding more than their quota, or booked ≠ quota − remaining',
      value: end.oversold + end.inconsistent,
      unit: 'slots',
      target: '0 oversold',
      pass: end.oversold + end.inconsistent === 0,
    });
  } finally {
    await app.close();
  }
}
