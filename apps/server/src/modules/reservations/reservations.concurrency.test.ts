import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, loginTourist, type TSession, type TTestApp } from '../../test/build-test-app.js';
import {
  at,
  book,
  buildReservableSpot,
  buildSecondInstance,
  publish,
  rows,
  type TSecondInstance,
  visitors,
} from './test-helpers.js';

/**
 * Overbooking is impossible under any concurrency: many clients race for a small slot through two app
 * instances. On PostgreSQL (TEST_DATABASE_URL) the second instance has its own connection pool on the same
 * database, as a second process would; PGlite has one connection per database, so there both instances share it.
 */
let t: TTestApp;
let second: TSecondInstance;
let spot: Awaited<ReturnType<typeof buildReservableSpot>>;
let tourists: TSession[];

beforeAll(async () => {
  t = await buildTestApp();
  t.clock.set(at('09:10'));
  spot = await buildReservableSpot(t, { instantCapacity: 1000, dailyCapacity: 5000, maxPartySize: 3 });
  tourists = await Promise.all([1, 2, 3, 4, 5].map((i) => loginTourist(t.app, `1350000000${i}`)));
  second = await buildSecondInstance(t);
}, 60_000);

afterAll(async () => {
  await second.close();
  await t.close();
});

/** The same signed-in tourist, talking to the second instance. */
const via2 = (s: TSession) => ({
  ...s,
  inject: (o: Parameters<TSession['inject']>[0]) =>
    second.app.inject({ ...o, headers: { cookie: s.cookie, 'x-csrf-token': s.csrf, ...(o.headers ?? {}) } } as never),
});

describe('no overbooking', () => {
  it('120 concurrent bookings of 1–3 visitors on a slot of 40 through two instances: never more than 40', async () => {
    const slots = await publish(t, spot, [{ start: '10:00', end: '11:00', quota: 40 }]);
    const slotId = slots['10:00'].id;
    const attempts = Array.from({ length: 120 }, (_, i) => {
      const who = tourists[i % tourists.length];
      return book(i % 2 ? via2(who) : who, slotId, visitors(1 + (i % 3)));
    });
    const answers = await Promise.all(attempts);
    const codes = answers.map((a) => a.statusCode);
    expect(codes.filter((c) => c !== 201 && c !== 409)).toEqual([]);
    const refused = answers.filter((a) => a.statusCode === 409).map((a) => a.json().code);
    expect(new Set(refused)).toEqual(new Set(['slot_sold_out']));
    const confirmed = answers.filter((a) => a.statusCode === 201).map((a) => a.json());
    // Counted from the database, not from the answers.
    const [db] = await rows(
      t.database.db,
      `select s.quota, s.remaining, coalesce(sum(b.party_size), 0)::int as booked, count(b.id)::int as n
         from time_slots s left join bookings b on b.slot_id = s.id and b.status = 'booked'
        where s.id = '${slotId}' group by s.id`,
    );
    expect(Number(db.booked)).toBeLessThanOrEqual(40);
    expect(Number(db.booked) + Number(db.remaining)).toBe(40);
    expect(Number(db.n)).toBe(confirmed.length);
    expect(confirmed.reduce((s, b) => s + b.partySize, 0)).toBe(Number(db.booked));
    // The slot is full or too full for any smaller party left in the race: at most 2 places stay unsold.
    expect(Number(db.remaining)).toBeLessThanOrEqual(2);
  }, 60_000);

  it('N concurrent single bookings on capacity C confirm exactly C, 0 oversold', async () => {
    const slots = await publish(t, spot, [{ start: '11:00', end: '12:00', quota: 25 }]);
    const slotId = slots['11:00'].id;
    const answers = await Promise.all(
      Array.from({ length: 100 }, (_, i) => book(i % 2 ? via2(tourists[i % 5]) : tourists[i % 5], slotId, visitors(1))),
    );
    expect(answers.filter((a) => a.statusCode === 201)).toHaveLength(25);
    expect(answers.filter((a) => a.statusCode === 409)).toHaveLength(75);
    const [db] = await rows(
      t.database.db,
      `select remaining, (select count(*) from bookings where slot_id = '${slotId}')::int as n from time_slots where id = '${slotId}'`,
    );
    expect(db).toMatchObject({ remaining: 0, n: 25 });
  }, 60_000);
});

describe('exactly once', () => {
  it('one Idempotency-Key replayed concurrently (both instances) makes one booking; another body is refused', async () => {
    const slots = await publish(t, spot, [{ start: '12:00', end: '13:00', quota: 100 }]);
    const party = visitors(2);
    const key = 'replay-key-000001';
    const answers = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        book(i % 2 ? via2(tourists[0]) : tourists[0], slots['12:00'].id, party, key),
      ),
    );
    const ok = answers.filter((a) => a.statusCode === 201);
    // A replay that arrives while the first is still committing may be told so (409 in flight); none books again.
    expect(answers.filter((a) => a.statusCode !== 201).map((a) => a.json().code)).toEqual(
      answers.filter((a) => a.statusCode !== 201).map(() => 'idempotency_in_flight'),
    );
    expect(new Set(ok.map((a) => a.json().id)).size).toBe(1);
    const [db] = await rows(
      t.database.db,
      `select count(*)::int as n, (select remaining from time_slots where id = '${slots['12:00'].id}') as remaining
         from bookings where slot_id = '${slots['12:00'].id}'`,
    );
    expect(db).toMatchObject({ n: 1, remaining: 98 });
    const other = await book(tourists[0], slots['12:00'].id, visitors(1), key);
    expect(other.statusCode).toBe(422);
    expect(other.json().code).toBe('idempotency_mismatch');
  }, 60_000);

  it('a booking cancelled 10 times at once returns its places once; a ticket scanned at 10 gates enters once', async () => {
    const slots = await publish(t, spot, [
      { start: '13:00', end: '14:00', quota: 10 },
      { start: '09:00', end: '10:00', quota: 10 },
    ]);
    const b = (await book(tourists[1], slots['13:00'].id, visitors(3))).json();
    const cancels = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        (i % 2 ? via2(tourists[1]) : tourists[1]).inject({
          method: 'POST',
          url: `/api/reservations/bookings/${b.id}/cancel`,
        }),
      ),
    );
    expect(cancels.filter((a) => a.statusCode === 200)).toHaveLength(1);
    expect(new Set(cancels.filter((a) => a.statusCode !== 200).map((a) => a.json().code))).toEqual(
      new Set(['booking_not_cancellable']),
    );
    const [slot] = await rows(t.database.db, `select remaining from time_slots where id = '${slots['13:00'].id}'`);
    expect(slot.remaining).toBe(10);

    const ticket = (await book(tourists[2], slots['09:00'].id, visitors(2))).json();
    const [before] = await rows(
      t.database.db,
      `select current from spot_occupancy where business_id = '${spot.spotId}'`,
    );
    const scans = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        (i % 2 ? via2(spot.staff) : spot.staff).inject({
          method: 'POST',
          url: '/api/reservations/check-ins',
          payload: { ticketCode: ticket.ticketCode },
        }),
      ),
    );
    expect(scans.filter((a) => a.statusCode === 200)).toHaveLength(1);
    expect(new Set(scans.filter((a) => a.statusCode !== 200).map((a) => a.json().code))).toEqual(
      new Set(['already_checked_in']),
    );
    const [after] = await rows(
      t.database.db,
      `select current from spot_occupancy where business_id = '${spot.spotId}'`,
    );
    expect(Number(after.current)).toBe(Number(before.current) + 2);
  }, 60_000);

  it('the database itself refuses an oversold slot or a negative occupancy, whatever the application does', async () => {
    const slots = await publish(t, spot, [{ start: '14:00', end: '15:00', quota: 1 }]);
    await expect(
      t.database.db.execute(
        sql.raw(`update time_slots set remaining = remaining - 2 where id = '${slots['14:00'].id}'`),
      ),
    ).rejects.toThrow();
    await expect(
      t.database.db.execute(sql.raw(`update time_slots set remaining = quota + 1 where id = '${slots['14:00'].id}'`)),
    ).rejects.toThrow();
    await expect(
      t.database.db.execute(
        sql.raw(`update spot_occupancy set current = current - 100000 where business_id = '${spot.spotId}'`),
      ),
    ).rejects.toThrow();
  });
});
