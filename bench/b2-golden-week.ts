import { sql } from 'drizzle-orm';
import {
  BENCH_DAY,
  bookingLoad,
  countBooked,
  makeSpots,
  probeBooking,
  startApp,
  touristSessions,
} from './b1-fixture.js';
import { median, pgbench, report } from './lib.js';

/**
 * B2: the Golden Week mix (PERFORMANCE.md): 500 spots × 10 slots, demand Zipf-skewed over the 5,000 slots (the
 * famous spots' slots sell out, the long tail books slowly), parties of 1–3, 100 connections over HTTP on the
 * PostgreSQL server. Bookings/s are committed bookings counted in the database; after the runs every slot must
 * hold exactly quota − remaining places and never more than its quota.
 *
 * The baseline is raw pgbench running the same booking SQL (as B1's script: key claim, slot, spot and closed-day
 * reads, booking, one visitor row per person, audit head read and insert, visitors read, answer stored, the
 * conditional UPDATE of the slot) over the same 5,000 slots, Zipf-picked by the same rank, parties of 1–3, at
 * the app's database concurrency (its pool of 20), its runs alternating with the app's on the same slots. The
 * conditional UPDATE comes first there and the rest only when it took places, as the app's transaction rolls
 * back on "sold out". pgbench's Zipf needs an exponent above 1: 1.001 against the app's 1.0.
 */
const SPOTS = 500;
const SLOTS = 10;
const QUOTA = 300;
const CONNECTIONS = 100;
const POOL = 20;
const DURATION = 5;

const PGBENCH_SCRIPT = `\\set r random(1, 2000000000)
\\set k random_zipfian(1, ${SPOTS * SLOTS}, 1.001)
\\set party random(1, 3)
BEGIN;
select slot_id as slot, spot_id as spot from bench_b2_rank where k = :k \\gset
insert into idempotency_keys (key, user_id, request_hash, created_at) values (:user || ':pgb2-' || :client_id || '-' || :r, :user, md5(:r::text), now()) on conflict do nothing returning key;
with taken as (update time_slots set remaining = remaining - :party where id = :'slot' and remaining >= :party returning remaining) select count(*) as ok from taken \\gset
\\if :ok
select id, business_id, day, starts_at, ends_at, quota, remaining from time_slots where id = :'slot';
select s.*, b.name, b.name_en, b.a_level, o.current, o.updated_at from reservable_spots s join businesses b on b.id = s.business_id left join spot_occupancy o on o.business_id = s.business_id where s.business_id = :'spot';
select day from spot_closed_days where business_id = :'spot' and day = :day;
insert into bookings (ticket_code, slot_id, business_id, day, tourist_user_id, party_size, created_at) values (upper(substr(md5(random()::text), 1, 12)), :'slot', :'spot', :day, :user, :party, now()) returning quote_literal(id) as bid \\gset
insert into booking_visitors (booking_id, business_id, day, name, id_number_cipher, id_number_hash, id_number_masked) select :bid, :'spot', :day, '游客' || g, md5(random()::text) || md5(random()::text), md5(random()::text || clock_timestamp()::text || g), '5307**********123X' from generate_series(1, :party) g;
select hash from audit_log order by id desc limit 1;
insert into audit_log (actor_id, actor_role, action, object_type, object_id, after, result, prev_hash, hash) values (:user, 'tourist', 'reservation.book', 'booking', :bid, jsonb_build_object('slotId', (:'slot')::text, 'partySize', :party, 'day', (:day)::text), 'ok', md5(random()::text), md5(random()::text));
select booking_id, name, id_number_masked from booking_visitors where booking_id in (:bid) order by id;
update idempotency_keys set done = true, status = 201, response = jsonb_build_object('id', (:bid)::text, 'status', 'booked', 'partySize', :party) where key = :user || ':pgb2-' || :client_id || '-' || :r;
\\endif
COMMIT;
`;

export async function benchGoldenWeek() {
  const app = await startApp('postgres', 'zhilv_bench_b2');
  const db = app.database.db;
  try {
    const slots = (await makeSpots(db, SPOTS, SLOTS, QUOTA)).flat();
    const { tokens, users } = await touristSessions(db, 200);
    await probeBooking(app.base, tokens[0], slots[slots.length - 1], '53070219000101002X');
    // The rank pgbench picks by: position k in the same list the load generator ranks its Zipf draw by.
    await db.execute(sql`create table bench_b2_rank (k int primary key, slot_id uuid not null, spot_id uuid not null)`);
    await db.execute(sql`insert into bench_b2_rank (k, slot_id, spot_id)
      select r.k, s.id, s.business_id from unnest(${`{${slots.join(',')}}`}::uuid[]) with ordinality as r(id, k)
      join time_slots s on s.id = r.id`);
    const vars = { day: BENCH_DAY, user: users[0] };
    const runs: number[] = [];
    const base: number[] = [];
    let people = 0;
    for (let i = 0; i < 6; i++) {
      const before = await countBooked(db, slots);
      const t0 = Date.now();
      const r = await bookingLoad({
        url: `${app.base}/api/reservations/bookings`,
        connections: CONNECTIONS,
        duration: DURATION,
        tokens,
        slots,
        zipf: 1,
        party: [1, 3],
        tag: 100 + i,
      });
      const after = await countBooked(db, slots);
      const rate = (after.bookings - before.bookings) / ((Date.now() - t0) / 1000);
      // The baseline's run right after, on the same slots (both deplete the famous ones alike).
      const t1 = Date.now();
      pgbench(app.url!, PGBENCH_SCRIPT, { clients: POOL, seconds: DURATION, vars, name: 'b2_booking' });
      const end = await countBooked(db, slots);
      const pg = (end.bookings - after.bookings) / ((Date.now() - t1) / 1000);
      people = end.people;
      if (i === 0)
        console.log(
          `B2 warm-up: ${r.total} requests, status ${JSON.stringify(r.status)}, errors ${r.errors}; pgbench ${pg.toFixed(0)}/s`,
        );
      else {
        runs.push(rate);
        base.push(pg);
      }
    }
    const end = await countBooked(db, slots);
    report({
      id: 'B2',
      what: `Golden Week mix, ${SPOTS} spots × ${SLOTS} slots of ${QUOTA}, Zipf demand, parties 1–3, ${CONNECTIONS} connections (committed, counted in the database; ${people} people booked)`,
      value: median(runs),
      unit: 'bookings/s',
      runs,
      baseline: {
        what: `raw pgbench of the same booking SQL and mix, ${POOL} clients, runs alternating`,
        value: median(base),
      },
      target: { ratio: '≥', of: 1.5 },
    });
    report({
      id: 'B2',
      what: 'Golden Week mix: slots holding more than their quota, or booked ≠ quota − remaining',
      value: end.oversold + end.inconsistent,
      unit: 'slots',
      target: { count: 0 },
    });
  } finally {
    await app.close();
  }
}
