import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, loginTourist, type TSession, type TTestApp } from '../../test/build-test-app.js';
import { at, book, buildReservableSpot, publish, THREE_LEVELS, visitors } from './test-helpers.js';

/**
 * A model test: random sequences of book / cancel / check-in / turnstile in / out, each answered by the app
 * and predicted by a model of a few numbers. After every sequence the database's quotas, bookings and
 * occupancy must equal the model's. Time stands at 09:10: slot A (started) can be checked in but no longer
 * cancelled; slot B (from 10:00) can be cancelled but not yet checked in.
 */
const INSTANT = 30; // entry stops at 30 inside, same-day sales at 27 (90%)

type TAction =
  | { kind: 'book'; slot: 0 | 1; party: number }
  | { kind: 'cancel'; pick: number }
  | { kind: 'checkIn'; pick: number }
  | { kind: 'pass'; direction: 'in' | 'out'; count: number };

const action: fc.Arbitrary<TAction> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('book' as const),
      slot: fc.constantFrom(0 as const, 1 as const),
      party: fc.integer({ min: 1, max: 3 }),
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('cancel' as const), pick: fc.nat(50) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('checkIn' as const), pick: fc.nat(50) }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('pass' as const),
      direction: fc.constantFrom('in' as const, 'out' as const),
      count: fc.integer({ min: 1, max: 12 }),
    }),
  },
);

let t: TTestApp;
let spot: Awaited<ReturnType<typeof buildReservableSpot>>;
let tourist: TSession;
let deviceKey: string;
let run = 0;
let occupancy = 0; // the model's in-park count carries over from run to run (one spot)

const rows = async (text: string) => {
  const res = (await t.database.db.execute(sql.raw(text))) as unknown as { rows?: unknown[] } | unknown[];
  return (Array.isArray(res) ? res : (res.rows ?? [])) as Record<string, unknown>[];
};

beforeAll(async () => {
  t = await buildTestApp();
  t.clock.set(at('09:10'));
  spot = await buildReservableSpot(t, {
    instantCapacity: INSTANT,
    dailyCapacity: 100_000,
    maxPartySize: 3,
    ...THREE_LEVELS,
  });
  tourist = await loginTourist(t.app, '13400000001');
  const dev = await spot.staff.inject({
    method: 'POST',
    url: `/api/reservations/spots/${spot.spotId}/devices`,
    payload: { name: 'model turnstile' },
  });
  deviceKey = dev.json().key;
}, 60_000);
afterAll(() => t.close());

describe('model: book / cancel / check-in / exit', () => {
  it('quotas, bookings and occupancy always agree with the model', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(action, { minLength: 1, maxLength: 18 }),
        fc.integer({ min: 1, max: 6 }),
        async (actions, quota) => {
          // Fresh slots for every run (distinct start minutes on the same day), with a small quota.
          run++;
          const hhmm = (m: number) =>
            `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
          const [a0, b0] = [hhmm(480 + (run % 70)), hhmm(600 + (run % 119))]; // A: 08:00–09:09 start, B: from 10:00
          const sl = await publish(t, spot, [
            { start: a0, end: '10:00', quota },
            { start: b0, end: '12:00', quota },
          ]);
          const slotIds = [sl[a0].id, sl[b0].id];
          const remaining = [quota, quota];
          const booked: { id: string; ticketCode: string; slot: 0 | 1; party: number; status: string }[] = [];
          for (const a of actions) {
            if (a.kind === 'book') {
              const res = await book(tourist, slotIds[a.slot], visitors(a.party));
              const expected =
                remaining[a.slot] < a.party ? 'slot_sold_out' : occupancy * 100 >= INSTANT * 90 ? 'sales_paused' : 'ok';
              expect(res.statusCode === 201 ? 'ok' : res.json().code).toBe(expected);
              if (expected === 'ok') {
                remaining[a.slot] -= a.party;
                const b = res.json();
                booked.push({ id: b.id, ticketCode: b.ticketCode, slot: a.slot, party: a.party, status: 'booked' });
              }
            } else if (a.kind === 'cancel' || a.kind === 'checkIn') {
              if (!booked.length) continue;
              const b = booked[a.pick % booked.length];
              if (a.kind === 'cancel') {
                const res = await tourist.inject({ method: 'POST', url: `/api/reservations/bookings/${b.id}/cancel` });
                const expected =
                  b.status !== 'booked' ? 'booking_not_cancellable' : b.slot === 0 ? 'slot_started' : 'ok';
                expect(res.statusCode === 200 ? 'ok' : res.json().code).toBe(expected);
                if (expected === 'ok') {
                  b.status = 'cancelled';
                  remaining[b.slot] += b.party;
                }
              } else {
                const res = await spot.staff.inject({
                  method: 'POST',
                  url: '/api/reservations/check-ins',
                  payload: { ticketCode: b.ticketCode },
                });
                const expected =
                  b.status === 'checked_in'
                    ? 'already_checked_in'
                    : b.status === 'cancelled'
                      ? 'ticket_cancelled'
                      : b.slot === 1
                        ? 'check_in_too_early'
                        : occupancy + b.party > INSTANT
                          ? 'entry_paused'
                          : 'ok';
                expect(res.statusCode === 200 ? 'ok' : res.json().code).toBe(expected);
                if (expected === 'ok') {
                  b.status = 'checked_in';
                  occupancy += b.party;
                  expect(res.json().occupancy.occupancy).toBe(occupancy);
                }
              }
            } else {
              const res = await t.app.inject({
                method: 'POST',
                url: '/api/reservations/gate/passes',
                payload: { direction: a.direction, count: a.count },
                headers: { 'x-device-key': deviceKey },
              });
              const expected =
                a.direction === 'in'
                  ? occupancy + a.count > INSTANT
                    ? 'entry_paused'
                    : 'ok'
                  : a.count > occupancy
                    ? 'occupancy_empty'
                    : 'ok';
              expect(res.statusCode === 200 ? 'ok' : res.json().code).toBe(expected);
              if (expected === 'ok') occupancy += a.direction === 'in' ? a.count : -a.count;
            }
          }
          // The database agrees with the model: quotas, each booking's status, the live occupancy.
          const slots = await rows(
            `select s.id, s.quota, s.remaining,
                  coalesce((select sum(party_size) from bookings b where b.slot_id = s.id and b.status in ('booked', 'checked_in')), 0)::int as held
             from time_slots s where s.id in ('${slotIds[0]}', '${slotIds[1]}')`,
          );
          for (const [i, id] of slotIds.entries()) {
            const s = slots.find((r) => r.id === id)!;
            expect(Number(s.remaining)).toBe(remaining[i]);
            expect(Number(s.quota) - Number(s.remaining)).toBe(Number(s.held));
          }
          if (booked.length) {
            const statuses = await rows(
              `select id, status from bookings where id in (${booked.map((b) => `'${b.id}'`).join(',')})`,
            );
            expect(Object.fromEntries(statuses.map((r) => [r.id, r.status]))).toEqual(
              Object.fromEntries(booked.map((b) => [b.id, b.status])),
            );
          }
          const [occ] = await rows(
            `select entries, exits, current from spot_occupancy where business_id = '${spot.spotId}'`,
          );
          expect(Number(occ.current)).toBe(occupancy);
          expect(Number(occ.entries) - Number(occ.exits)).toBe(occupancy);
        },
      ),
      { numRuns: 60 },
    );
  }, 90_000);
});
