import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, loginTourist, type TSession, type TTestApp } from '../../test/build-test-app.js';
import { buildBusiness } from '../../test/factories.js';
import {
  at,
  book,
  buildReservableSpot,
  DAY,
  idNumber,
  publish,
  staffSession,
  THREE_LEVELS,
  visitors,
} from './test-helpers.js';

let t: TTestApp;
let spot: { spotId: string; staff: TSession };
let other: { spotId: string; staff: TSession };
let admin: TSession;
let dispatcher: TSession;
let tourist1: TSession;
let tourist2: TSession;
let slots: Awaited<ReturnType<typeof publish>>;

beforeAll(async () => {
  t = await buildTestApp();
  t.clock.set(at('09:10')); // the slot 09:00–10:00 is running, 10:00–11:00 is ahead
  spot = await buildReservableSpot(t, { maxPartySize: 3 });
  other = await buildReservableSpot(t);
  admin = await staffSession(t, 'system_admin');
  dispatcher = await staffSession(t, 'dispatcher');
  tourist1 = await loginTourist(t.app, '13600000001');
  tourist2 = await loginTourist(t.app, '13600000002');
  slots = await publish(t, spot, [
    { start: '08:00', end: '09:00', quota: 10 },
    { start: '09:00', end: '10:00', quota: 10 },
    { start: '10:00', end: '11:00', quota: 2 },
    { start: '11:00', end: '12:00', quota: 50 },
  ]);
}, 60_000);
afterAll(() => t.close());

const q = async (text: string) => {
  const res = (await t.database.db.execute(sql.raw(text))) as unknown as { rows?: unknown[] } | unknown[];
  return (Array.isArray(res) ? res : (res.rows ?? [])) as Record<string, unknown>[];
};

describe('spot configuration (staff of the spot, system admin)', () => {
  // Issue 18 §4: one level at 80% (warning, public notice, sales stopped), entry stopped at 100%; 90% is local.
  it('defaults daily capacity to instant × whole turnovers and the thresholds to 80/80/100', async () => {
    const res = await t.app.inject({ method: 'GET', url: `/api/reservations/spots/${spot.spotId}` });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      instantCapacity: 100,
      dailyCapacity: 500, // 100 × ⌊600 min ÷ 120 min⌋
      opensAt: '08:00',
      closesAt: '18:00',
      thresholds: { warningPct: 80, stopSalesPct: 80, stopEntryPct: 100, localAlertPct: null },
    });
  });

  it('refuses other spots’ staff, other roles, non-scenic businesses and bad input', async () => {
    const body = { instantCapacity: 10, opensAt: '08:00', closesAt: '18:00', averageStayMinutes: 60 };
    const put = (s: TSession, id: string, payload: object = body) =>
      s.inject({ method: 'PUT', url: `/api/reservations/spots/${id}`, payload });
    expect((await put(other.staff, spot.spotId)).statusCode).toBe(403);
    expect((await put(dispatcher, spot.spotId)).statusCode).toBe(403);
    expect((await put(tourist1, spot.spotId)).statusCode).toBe(403);
    const shop = await buildBusiness(t.database.db, { kind: 'shop' });
    const notSpot = await put(admin, shop.id);
    expect(notSpot.statusCode).toBe(422);
    expect(notSpot.json().code).toBe('not_scenic_spot');
    const bad = await put(admin, spot.spotId, { ...body, closesAt: '25:00' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().field).toBe('closesAt');
    const extra = await put(admin, spot.spotId, { ...body, remaining: 5 });
    expect(extra.statusCode).toBe(400);
    expect(extra.json().code).toBe('validation_failed'); // unknown properties are refused
    const order = await put(admin, spot.spotId, {
      ...body,
      thresholds: { warningPct: 95, stopSalesPct: 90, stopEntryPct: 100 },
    });
    expect(order.statusCode).toBe(400);
  });

  it('publishes default slots; quotas may not exceed the daily capacity nor go below what is booked', async () => {
    const s = await buildReservableSpot(t, { instantCapacity: 60, averageStayMinutes: 600, slotMinutes: 120 });
    const res = await s.staff.inject({
      method: 'POST',
      url: `/api/reservations/spots/${s.spotId}/slots`,
      payload: { from: DAY, to: '2030-06-05' },
    });
    expect(res.json()).toMatchObject({ days: 3, slots: 15 });
    const av = await t.app.inject({
      method: 'GET',
      url: `/api/reservations/spots/${s.spotId}/availability?from=${DAY}&days=3`,
    });
    const day = av.json().days[2];
    expect(day.slots.map((x: { quota: number }) => x.quota)).toEqual([12, 12, 12, 12, 12]); // 60 a day
    const over = await s.staff.inject({
      method: 'PUT',
      url: `/api/reservations/slots/${day.slots[0].id}/quota`,
      payload: { quota: 13 },
    });
    expect(over.statusCode).toBe(422);
    expect(over.json().code).toBe('quota_over_daily_capacity');
    const outside = await s.staff.inject({
      method: 'POST',
      url: `/api/reservations/spots/${s.spotId}/slots`,
      payload: { from: DAY, to: DAY, slots: [{ start: '07:00', end: '09:00', quota: 1 }] },
    });
    expect(outside.json()).toMatchObject({ code: 'slot_outside_hours', field: 'slots.0' });
    const past = await s.staff.inject({
      method: 'POST',
      url: `/api/reservations/spots/${s.spotId}/slots`,
      payload: { from: '2030-06-01', to: DAY },
    });
    expect(past.json()).toMatchObject({ code: 'day_in_past', field: 'from' });
    // Another spot's staff cannot touch this slot: indistinguishable from a missing one.
    const foreign = await other.staff.inject({
      method: 'PUT',
      url: `/api/reservations/slots/${day.slots[0].id}/quota`,
      payload: { quota: 1 },
    });
    expect(foreign.statusCode).toBe(404);
    // Booked places stay: the quota cannot drop below them (CHECK in the database).
    expect((await book(tourist1, day.slots[1].id, visitors(2))).statusCode).toBe(201);
    const below = await admin.inject({
      method: 'PUT',
      url: `/api/reservations/slots/${day.slots[1].id}/quota`,
      payload: { quota: 1 },
    });
    expect(below.statusCode).toBe(409);
    expect(below.json().code).toBe('quota_below_booked');
    const lower = await admin.inject({
      method: 'PUT',
      url: `/api/reservations/slots/${day.slots[1].id}/quota`,
      payload: { quota: 2 },
    });
    expect(lower.json()).toMatchObject({ quota: 2, remaining: 0, state: 'sold_out' });
  });
});

describe('booking, cancelling, checking in', () => {
  it('a tourist books a party, gets a ticket code and sees ID numbers masked', async () => {
    const id = idNumber();
    const res = await book(tourist1, slots['11:00'].id, [
      { name: '张三', idNumber: id },
      { name: '李四', idNumber: idNumber() },
    ]);
    expect(res.statusCode).toBe(201);
    const b = res.json();
    expect(b).toMatchObject({ status: 'booked', partySize: 2, spotId: spot.spotId, day: DAY });
    expect(b.ticketCode).toMatch(/^[0-9A-Z]{12}$/);
    expect(b.visitors[0]).toEqual({
      name: '张三',
      idNumberMasked: `${id.slice(0, 4)}**********${id.slice(-4)}`,
      documentType: 'resident_id',
      nationality: null,
    });
    expect(JSON.stringify(b)).not.toContain(id);
    const stored = await q(
      `select id_number_cipher, id_number_hash from booking_visitors where booking_id = '${b.id}'`,
    );
    expect(JSON.stringify(stored)).not.toContain(id);
    const mine = await tourist1.inject({ method: 'GET', url: '/api/reservations/bookings/mine' });
    expect(mine.json().items.map((x: { id: string }) => x.id)).toContain(b.id);
    // Another tourist, and another spot's staff, get a 404; the spot's own staff see names masked.
    expect((await tourist2.inject({ method: 'GET', url: `/api/reservations/bookings/${b.id}` })).statusCode).toBe(404);
    expect((await other.staff.inject({ method: 'GET', url: `/api/reservations/bookings/${b.id}` })).statusCode).toBe(
      404,
    );
    const seen = await spot.staff.inject({ method: 'GET', url: `/api/reservations/bookings/${b.id}` });
    expect(seen.json().visitors[0].name).toBe('张*');
    expect((await dispatcher.inject({ method: 'GET', url: `/api/reservations/bookings/${b.id}` })).statusCode).toBe(
      403,
    );
  });

  it('refuses bad input with the field named', async () => {
    const badId = await book(tourist1, slots['11:00'].id, [{ name: '王五', idNumber: '530702199001011235' }]);
    expect(badId.statusCode).toBe(422);
    expect(badId.json()).toMatchObject({ code: 'invalid_id_number', field: 'visitors.0.idNumber' });
    const same = idNumber();
    const dup = await book(tourist1, slots['11:00'].id, [
      { name: 'A', idNumber: same },
      { name: 'B', idNumber: same },
    ]);
    expect(dup.json()).toMatchObject({ code: 'visitor_duplicate', field: 'visitors.1.idNumber' });
    const big = await book(tourist1, slots['11:00'].id, visitors(4));
    expect(big.json()).toMatchObject({ code: 'party_too_large', field: 'visitors' });
    const none = await book(tourist1, slots['11:00'].id, []);
    expect(none.statusCode).toBe(400);
    expect(none.json().field).toBe('visitors');
    const noKey = await tourist1.inject({
      method: 'POST',
      url: '/api/reservations/bookings',
      payload: { slotId: slots['11:00'].id, visitors: visitors(1) },
    });
    expect(noKey.statusCode).toBe(400);
    expect(noKey.json()).toMatchObject({ code: 'idempotency_key_required', field: 'Idempotency-Key' });
    const ended = await book(tourist1, slots['08:00'].id, visitors(1));
    expect(ended.json().code).toBe('slot_ended');
    const nobody = await t.app.inject({
      method: 'POST',
      url: '/api/reservations/bookings',
      payload: { slotId: slots['11:00'].id, visitors: visitors(1) },
    });
    expect(nobody.statusCode).toBe(401);
    expect((await book(spot.staff, slots['11:00'].id, visitors(1))).statusCode).toBe(403);
  });

  it('one ID number, one booking per spot per day (一证一日一约), freed again by cancelling', async () => {
    const id = idNumber();
    const first = await book(tourist1, slots['11:00'].id, [{ name: '赵六', idNumber: id }]);
    expect(first.statusCode).toBe(201);
    const again = await book(tourist2, slots['09:00'].id, [{ name: '赵六', idNumber: id }]);
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('visitor_already_booked');
    await tourist1.inject({ method: 'POST', url: `/api/reservations/bookings/${first.json().id}/cancel` });
    expect((await book(tourist2, slots['09:00'].id, [{ name: '赵六', idNumber: id }])).statusCode).toBe(201);
  });

  it('a sold-out slot answers 409 slot_sold_out in the request’s language', async () => {
    expect((await book(tourist1, slots['10:00'].id, visitors(2))).statusCode).toBe(201);
    const res = await tourist2.inject({
      method: 'POST',
      url: '/api/reservations/bookings',
      payload: { slotId: slots['10:00'].id, visitors: visitors(1) },
      headers: { 'idempotency-key': 'sold-out-en-1', 'accept-language': 'en' },
    });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({
      code: 'slot_sold_out',
      message: 'This time slot is sold out, please choose another',
    });
    const zh = await book(tourist2, slots['10:00'].id, visitors(1));
    expect(zh.json().message).toBe('该时段已约满，请选择其他时段');
  });

  it('once sold out, concurrent requests are refused from one read per turn; a replayed key still gets its booking; a returned place sells at once', async () => {
    const slot = (await publish(t, other, [{ start: '14:00', end: '15:00', quota: 1 }]))['14:00'];
    const party = visitors(1);
    const first = await book(tourist1, slot.id, party, 'sold-out-first');
    expect(first.statusCode).toBe(201);
    for (let round = 0; round < 2; round++) {
      const rush = await Promise.all(Array.from({ length: 12 }, () => book(tourist2, slot.id, visitors(1))));
      expect(rush.map((r) => r.json().code)).toEqual(Array(12).fill('slot_sold_out'));
    }
    const replay = await book(tourist1, slot.id, party, 'sold-out-first');
    expect(replay.statusCode).toBe(201);
    expect(replay.json().id).toBe(first.json().id);
    await tourist1.inject({ method: 'POST', url: `/api/reservations/bookings/${first.json().id}/cancel` });
    expect((await book(tourist2, slot.id, visitors(1))).statusCode).toBe(201);
    expect((await q(`select remaining from time_slots where id = '${slot.id}'`))[0].remaining).toBe(0);
  });

  it('cancels until the slot starts, returning the places once; not another tourist’s booking', async () => {
    const b = (await book(tourist1, slots['11:00'].id, visitors(3))).json();
    const before = (await q(`select remaining from time_slots where id = '${slots['11:00'].id}'`))[0].remaining;
    const foreign = await tourist2.inject({ method: 'POST', url: `/api/reservations/bookings/${b.id}/cancel` });
    expect(foreign.statusCode).toBe(404);
    const ok = await tourist1.inject({ method: 'POST', url: `/api/reservations/bookings/${b.id}/cancel` });
    expect(ok.json().status).toBe('cancelled');
    const twice = await tourist1.inject({ method: 'POST', url: `/api/reservations/bookings/${b.id}/cancel` });
    expect(twice.json().code).toBe('booking_not_cancellable');
    const after = (await q(`select remaining from time_slots where id = '${slots['11:00'].id}'`))[0].remaining;
    expect(Number(after)).toBe(Number(before) + 3);
    const running = (await book(tourist1, slots['09:00'].id, visitors(1))).json();
    const late = await tourist1.inject({ method: 'POST', url: `/api/reservations/bookings/${running.id}/cancel` });
    expect(late.statusCode).toBe(409);
    expect(late.json().code).toBe('slot_started');
  });

  it('gate check-in: once, in the slot window with grace, at its own spot only', async () => {
    const now = (await book(tourist1, slots['09:00'].id, visitors(2))).json();
    const later = (await book(tourist2, slots['11:00'].id, visitors(1))).json();
    const checkIn = (s: TSession, ticketCode: string, lang = 'zh-CN') =>
      s.inject({
        method: 'POST',
        url: '/api/reservations/check-ins',
        payload: { ticketCode },
        headers: { 'accept-language': lang },
      });
    expect((await checkIn(other.staff, now.ticketCode)).json()).toMatchObject({ code: 'ticket_not_found' });
    expect((await checkIn(tourist1, now.ticketCode)).statusCode).toBe(403);
    expect((await checkIn(admin, now.ticketCode)).statusCode).toBe(403);
    const before = (
      await t.app.inject({ method: 'GET', url: `/api/reservations/spots/${spot.spotId}/occupancy` })
    ).json();
    const ok = await checkIn(spot.staff, now.ticketCode.toLowerCase());
    expect(ok.statusCode).toBe(200);
    expect(ok.json().booking.status).toBe('checked_in');
    expect(ok.json().occupancy.occupancy).toBe(before.occupancy + 2);
    const again = await checkIn(spot.staff, now.ticketCode, 'en');
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({
      code: 'already_checked_in',
      message: 'This ticket has already been checked in and cannot be used again',
    });
    expect((await checkIn(spot.staff, now.ticketCode)).json().message).toBe('该门票已核验入园，不能重复使用');
    // "Too early" names the ticket's slot: its day and start, and when entry opens (start less the grace minutes).
    const early = (await checkIn(spot.staff, later.ticketCode, 'en')).json();
    expect(early.code).toBe('check_in_too_early');
    expect(early.params).toEqual({ day: later.day, start: '11:00', opensAt: expect.stringMatching(/^(0\d|10):\d\d$/) });
    expect(early.message).toBe(
      `Too early: the ticket is for the 11:00 slot on ${later.day}; entry from ${early.params.opensAt}`,
    );
    expect((await checkIn(spot.staff, later.ticketCode)).json().message).toContain(`${later.day} 11:00 场次`);
    expect((await checkIn(spot.staff, 'ZZZZZZZZZZZZ')).statusCode).toBe(404);
    expect((await checkIn(spot.staff, 'bad code!')).statusCode).toBe(400);
  });
});

describe('occupancy and turnstiles', () => {
  it('a device key records entries and exits; levels follow the thresholds; entry stops at 100%', async () => {
    const s = await buildReservableSpot(t, { instantCapacity: 10, ...THREE_LEVELS });
    const created = await s.staff.inject({
      method: 'POST',
      url: `/api/reservations/spots/${s.spotId}/devices`,
      payload: { name: '南门闸机 1' },
    });
    expect(created.statusCode).toBe(201);
    const { key, id } = created.json();
    expect(key).toMatch(/^zgk_/);
    const list = await s.staff.inject({ method: 'GET', url: `/api/reservations/spots/${s.spotId}/devices` });
    expect(JSON.stringify(list.json())).not.toContain(key);
    expect(
      (await other.staff.inject({ method: 'GET', url: `/api/reservations/spots/${s.spotId}/devices` })).statusCode,
    ).toBe(403);
    const pass = (direction: string, count: number, k = key) =>
      t.app.inject({
        method: 'POST',
        url: '/api/reservations/gate/passes',
        payload: { direction, count },
        headers: { 'x-device-key': k },
      });
    const levels: string[] = [];
    for (const n of [7, 1, 1]) levels.push((await pass('in', n)).json().level);
    expect(levels).toEqual(['comfortable', 'busy', 'crowded']);
    const occ = await t.app.inject({ method: 'GET', url: `/api/reservations/spots/${s.spotId}/occupancy` });
    expect(occ.json()).toMatchObject({
      occupancy: 9,
      level: 'crowded',
      label: { zh: '拥挤', en: 'Crowded' },
      salesPaused: true,
    });
    expect((await pass('in', 1)).json()).toMatchObject({ occupancy: 10, level: 'paused', label: { zh: '暂停入园' } });
    const full = await pass('in', 1);
    expect(full.statusCode).toBe(409);
    expect(full.json().code).toBe('entry_paused');
    expect((await pass('out', 4)).json()).toMatchObject({ occupancy: 6, level: 'comfortable' });
    expect((await pass('out', 7)).json().code).toBe('occupancy_empty');
    expect((await pass('in', 1, 'zgk_not-a-real-key-at-all-000000')).statusCode).toBe(401);
    const noKey = await t.app.inject({
      method: 'POST',
      url: '/api/reservations/gate/passes',
      payload: { direction: 'in' },
    });
    expect(noKey.json().code).toBe('device_key_invalid');
    await s.staff.inject({ method: 'POST', url: `/api/reservations/devices/${id}/revoke` });
    expect((await pass('out', 1)).statusCode).toBe(401);
    const rows = await q(`select entries, exits, current from spot_occupancy where business_id = '${s.spotId}'`);
    expect(rows[0]).toMatchObject({ current: 6 });
    expect(Number(rows[0].entries) - Number(rows[0].exits)).toBe(6);
  });

  it('closing a day voids its bookings, returns their places, and stops sales; reopening sells again', async () => {
    const s = await buildReservableSpot(t);
    const day = '2030-06-04';
    const sl = await publish(t, s, [{ start: '10:00', end: '11:00', quota: 5 }], day);
    const b = (await book(tourist1, sl['10:00'].id, visitors(2))).json();
    const close = await s.staff.inject({
      method: 'PUT',
      url: `/api/reservations/spots/${s.spotId}/closed-days/${day}`,
      payload: { reason: '暴雨预警 Heavy rain warning' },
    });
    expect(close.json()).toMatchObject({ closed: true, voidedBookings: 1 });
    const got = await tourist1.inject({ method: 'GET', url: `/api/reservations/bookings/${b.id}` });
    expect(got.json().status).toBe('voided');
    const av = (
      await t.app.inject({ method: 'GET', url: `/api/reservations/spots/${s.spotId}/availability?from=${day}&days=1` })
    ).json();
    expect(av.days[0]).toMatchObject({ closed: true, closedReason: '暴雨预警 Heavy rain warning' });
    expect(av.days[0].slots[0]).toMatchObject({ remaining: 5, state: 'closed' });
    expect((await book(tourist1, sl['10:00'].id, visitors(1))).json().code).toBe('day_closed');
    const foreign = await other.staff.inject({
      method: 'DELETE',
      url: `/api/reservations/spots/${s.spotId}/closed-days/${day}`,
    });
    expect(foreign.statusCode).toBe(403);
    const reopen = await s.staff.inject({
      method: 'DELETE',
      url: `/api/reservations/spots/${s.spotId}/closed-days/${day}`,
    });
    expect(reopen.json().closed).toBe(false);
    expect((await book(tourist1, sl['10:00'].id, visitors(1))).statusCode).toBe(201);
  });

  it('lists reservable spots publicly with their busy-ness', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/reservations/spots' });
    expect(res.statusCode).toBe(200);
    // A cached read goes out as bytes made once: their count, not the text's length, is the content-length.
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(Number(res.headers['content-length'])).toBe(res.rawPayload.length);
    expect(res.rawPayload.length).toBeGreaterThan(res.payload.length); // Chinese names: more bytes than characters
    const item = res.json().find((x: { spotId: string }) => x.spotId === spot.spotId);
    expect(item.occupancy).toMatchObject({ level: 'comfortable', label: { zh: '舒适' } });
  });
});
