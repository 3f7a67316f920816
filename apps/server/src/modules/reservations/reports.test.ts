import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, loginTourist, type TSession, type TTestApp } from '../../test/build-test-app.js';
import { addDays } from './capacity.js';
import { at, book, buildReservableSpot, DAY, publish, staffSession, visitors } from './test-helpers.js';

let t: TTestApp;
let spot: { spotId: string; staff: TSession };
let other: { spotId: string; staff: TSession };
let dispatcher: TSession;
const NEXT = addDays(DAY, 1);

/**
 * The scenario, on DAY at the spot: A books 2 and enters, B books 3 and never comes, C books 1 and cancels;
 * turnstiles count 4 in, 3 out, 1 in. The other spot has one booking of 2 that nobody checks in.
 */
beforeAll(async () => {
  t = await buildTestApp();
  t.clock.set(at('09:10'));
  dispatcher = await staffSession(t, 'dispatcher');
  spot = await buildReservableSpot(t, { instantCapacity: 10 });
  other = await buildReservableSpot(t, { instantCapacity: 50 });
  const slots = await publish(t, spot, [
    { start: '09:00', end: '10:00', quota: 10 },
    { start: '10:00', end: '11:00', quota: 10 },
  ]);
  const otherSlots = await publish(t, other, [{ start: '09:00', end: '10:00', quota: 10 }]);
  const [a, b, c, d] = await Promise.all(
    ['13600000081', '13600000082', '13600000083', '13600000084'].map((p) => loginTourist(t.app, p)),
  );
  const ticketA = (await book(a, slots['09:00'].id, visitors(2))).json().ticketCode;
  expect((await book(b, slots['09:00'].id, visitors(3))).statusCode).toBe(201);
  const cancelled = (await book(c, slots['10:00'].id, visitors(1))).json();
  expect(
    (await c.inject({ method: 'POST', url: `/api/reservations/bookings/${cancelled.id}/cancel` })).statusCode,
  ).toBe(200);
  expect((await book(d, otherSlots['09:00'].id, visitors(2))).statusCode).toBe(201);
  const checkIn = await spot.staff.inject({
    method: 'POST',
    url: '/api/reservations/check-ins',
    payload: { ticketCode: ticketA },
  });
  expect(checkIn.statusCode).toBe(200);
  const key = (
    await spot.staff.inject({
      method: 'POST',
      url: `/api/reservations/spots/${spot.spotId}/devices`,
      payload: { name: '闸机' },
    })
  ).json().key;
  for (const [direction, count] of [
    ['in', 4],
    ['out', 3],
    ['in', 1],
  ] as const) {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/reservations/gate/passes',
      payload: { direction, count },
      headers: { 'x-device-key': key },
    });
    expect(res.statusCode).toBe(200);
  }
  t.clock.set(at('10:00', NEXT)); // DAY is over: its no-shows count
  // sessions idle out across the night: sign in again on the next day
  dispatcher = await staffSession(t, 'dispatcher');
  spot.staff = await staffSession(t, 'business', { businessId: spot.spotId });
}, 60_000);
afterAll(() => t.close());

const daily = (s: TSession, query: string, path = 'daily') =>
  s.inject({ method: 'GET', url: `/api/reservations/reports/${path}?${query}` });

describe('daily report (客流日报)', () => {
  it('counts booked, checked in, entered, no-show and peak per spot per day', async () => {
    const res = await daily(dispatcher, `from=${DAY}&to=${NEXT}&spotId=${spot.spotId}`);
    expect(res.statusCode).toBe(200);
    const base = { spotId: spot.spotId, instantCapacity: 10 };
    expect(res.json().items.map(({ spotName, spotNameEn, ...i }: Record<string, unknown>) => i)).toEqual([
      {
        ...base,
        day: DAY,
        booked: 5,
        checkedIn: 2,
        entered: 7,
        noShow: 3,
        peakOccupancy: 6,
      },
      {
        ...base,
        day: NEXT,
        booked: 0,
        checkedIn: 0,
        entered: 0,
        noShow: null,
        peakOccupancy: 0,
      },
    ]);
  });

  it('a day not yet over has no no-show figure', async () => {
    t.clock.set(at('20:00', DAY));
    try {
      const res = await daily(await staffSession(t, 'leader'), `from=${DAY}&to=${DAY}&spotId=${spot.spotId}`);
      expect(res.json().items[0]).toMatchObject({ booked: 5, noShow: null });
    } finally {
      t.clock.set(at('10:00', NEXT));
    }
  });

  it('the command center and the system admin see every spot; a spot account only its own', async () => {
    const all = (await daily(dispatcher, `from=${DAY}&to=${DAY}`)).json().items;
    expect(all.map((i: { spotId: string }) => i.spotId).sort()).toEqual([spot.spotId, other.spotId].sort());
    expect(all.find((i: { spotId: string }) => i.spotId === other.spotId)).toMatchObject({
      booked: 2,
      noShow: 2,
      entered: 0,
    });
    for (const role of ['leader', 'system_admin'] as const) {
      const s = await staffSession(t, role);
      expect((await daily(s, `from=${DAY}&to=${DAY}`)).json().items).toHaveLength(2);
    }
    const own = await daily(spot.staff, `from=${DAY}&to=${DAY}`);
    expect(own.json().items.map((i: { spotId: string }) => i.spotId)).toEqual([spot.spotId]);
    for (const path of ['daily', 'daily/export'])
      expect((await daily(spot.staff, `from=${DAY}&to=${DAY}&spotId=${other.spotId}`, path)).statusCode).toBe(403);
  });

  it('refuses other roles, anonymous callers and bad ranges', async () => {
    const tourist = await loginTourist(t.app, '13600000085');
    const grid = await staffSession(t, 'grid_worker');
    for (const s of [tourist, grid]) {
      expect((await daily(s, `from=${DAY}&to=${DAY}`)).statusCode).toBe(403);
      expect((await daily(s, `from=${DAY}&to=${DAY}`, 'daily/export')).statusCode).toBe(403);
    }
    const anon = await t.app.inject({ method: 'GET', url: `/api/reservations/reports/daily?from=${DAY}&to=${DAY}` });
    expect(anon.statusCode).toBe(401);
    expect((await daily(dispatcher, `from=${NEXT}&to=${DAY}`)).statusCode).toBe(400);
    expect((await daily(dispatcher, `from=${DAY}&to=${addDays(DAY, 100)}`)).statusCode).toBe(400);
    expect((await daily(dispatcher, `from=2030-13-01&to=${DAY}`)).statusCode).toBe(400);
  });

  it('the Excel export holds the same rows as the screen, under Chinese-first headers', async () => {
    const query = `from=${DAY}&to=${NEXT}`;
    const screen = (await daily(dispatcher, query)).json();
    const exp = await daily(dispatcher, query, 'daily/export');
    expect(exp.statusCode).toBe(200);
    expect(exp.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(exp.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    const keys = [
      'day',
      'spotName',
      'spotId',
      'booked',
      'checkedIn',
      'entered',
      'noShow',
      'peakOccupancy',
      'instantCapacity',
    ];
    const header = keys.map((_, c) => String(ws.getRow(1).getCell(c + 1).value));
    expect(header[0]).toBe('日期 Day');
    expect(header[6]).toBe('未到人数 No-show');
    expect(ws.rowCount - 1).toBe(screen.items.length);
    const rows = Array.from({ length: ws.rowCount - 1 }, (_, r) =>
      keys.map((_, c) => ws.getRow(r + 2).getCell(c + 1).value ?? null),
    );
    expect(rows).toEqual(screen.items.map((i: Record<string, unknown>) => keys.map((k) => i[k])));
    const own = await daily(spot.staff, query, 'daily/export');
    const ownWb = new ExcelJS.Workbook();
    await ownWb.xlsx.load(own.rawPayload as unknown as ArrayBuffer);
    expect(ownWb.worksheets[0].rowCount - 1).toBe(2);
  });
});
