import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idNumberCheckChar } from '../../platform/validators.js';
import { buildTestApp, loginTourist, type TSession, type TTestApp } from '../../test/build-test-app.js';
import { dailyCapacityFor, turnoverFor } from './capacity.js';
import { at, book, buildReservableSpot, publish, rows, staffSession, visitors } from './test-helpers.js';

/** Issue 18 §1 and §4: visitors from everywhere book with their own documents; walk-in places; the 80% level. */

let t: TTestApp;
let hk: TSession;
let volunteer: TSession;
let dispatcher: TSession;

const withCheck = (first17: string) => first17 + idNumberCheckChar(first17);

beforeAll(async () => {
  t = await buildTestApp();
  t.clock.set(at('09:10'));
  hk = await loginTourist(t.app, '+852 9123 4567');
  volunteer = await staffSession(t, 'volunteer');
  dispatcher = await staffSession(t, 'dispatcher');
}, 60_000);
afterAll(() => t.close());

describe('capacity by LB/T 034-2014', () => {
  it('daily capacity = instant × the whole number of turnovers (8 h open, 3 h stay → 2, not 2.67)', async () => {
    expect(turnoverFor(480, 180)).toBe(2);
    expect(dailyCapacityFor(1000, 480, 180)).toBe(2000);
    const s = await buildReservableSpot(t, {
      instantCapacity: 1000,
      opensAt: '09:00',
      closesAt: '17:00',
      averageStayMinutes: 180,
    });
    const res = await t.app.inject({ method: 'GET', url: `/api/reservations/spots/${s.spotId}` });
    expect(res.json()).toMatchObject({ dailyCapacity: 2000, turnover: 2, walkInPct: 0 });
  });
});

describe('bookings with each visitor document', () => {
  it('books with a 回乡证, a 台胞证, a residence permit, a passport and both permanent-residence cards; shown masked', async () => {
    const s = await buildReservableSpot(t, { maxPartySize: 10 });
    const slots = await publish(t, s, [{ start: '10:00', end: '11:00', quota: 20 }]);
    const party = [
      { name: 'Chan Tai Man', documentType: 'hk_macao_permit', idNumber: 'H12345678' },
      { name: '林志明', documentType: 'taiwan_permit', idNumber: '12345678' },
      { name: '陈大文', documentType: 'residence_permit', idNumber: withCheck('81000019900101123') },
      { name: 'John Smith', documentType: 'passport', idNumber: '533456789', nationality: 'gbr' },
      { name: 'Anna Müller', documentType: 'permanent_residence', idNumber: 'DEU310805150011' },
      { name: 'Ann Lee', documentType: 'permanent_residence', idNumber: withCheck('93184019800515001') },
    ];
    const res = await book(hk, slots['10:00'].id, party as never);
    expect(res.statusCode, res.body).toBe(201);
    const b = res.json();
    expect(b.visitors.map((v: { documentType: string }) => v.documentType)).toEqual(party.map((p) => p.documentType));
    expect(b.visitors[0].idNumberMasked).toBe('H******78');
    expect(b.visitors[3]).toMatchObject({ nationality: 'GBR', idNumberMasked: '5******89' });
    expect(JSON.stringify(b)).not.toContain('H12345678');
    const stored = await rows(
      t.database.db,
      `select id_number_cipher, document_type from booking_visitors where booking_id = '${b.id}'`,
    );
    expect(stored.map((r) => String(r.id_number_cipher)).join()).not.toContain('12345678');
    // the same 回乡证 again that day: one booking per document per spot per day
    const again = await book(hk, slots['10:00'].id, [party[0]] as never);
    expect(again.json().code).toBe('visitor_already_booked');
  });

  it('refuses a number that breaks its document’s format, and a passport without a real nationality', async () => {
    const s = await buildReservableSpot(t);
    const slots = await publish(t, s, [{ start: '10:00', end: '11:00', quota: 20 }]);
    const cases = [
      [
        { name: 'A', documentType: 'hk_macao_permit', idNumber: 'K12345678' },
        'invalid_id_number',
        'visitors.0.idNumber',
      ],
      [
        { name: 'A', documentType: 'residence_permit', idNumber: withCheck('53070219900101123') },
        'invalid_id_number',
        'visitors.0.idNumber',
      ],
      [
        { name: 'A', documentType: 'passport', idNumber: '533456789', nationality: 'XXX' },
        'invalid_nationality',
        'visitors.0.nationality',
      ],
      [{ name: 'A', documentType: 'passport', idNumber: '533456789' }, 'invalid_nationality', 'visitors.0.nationality'],
      [{ name: 'A', documentType: 'taiwan_permit', idNumber: '1234567' }, 'invalid_id_number', 'visitors.0.idNumber'],
    ] as const;
    for (const [visitor, code, field] of cases) {
      const res = await book(hk, slots['10:00'].id, [visitor] as never);
      expect(res.statusCode, JSON.stringify(visitor)).toBe(422);
      expect(res.json()).toMatchObject({ code, field });
    }
    const unknownType = await book(hk, slots['10:00'].id, [
      { name: 'A', documentType: 'visa', idNumber: 'X1' },
    ] as never);
    expect(unknownType.statusCode).toBe(400);
  });
});

describe('walk-in places and proxy booking (seed 002 task 4)', () => {
  it('online bookings leave the walk-in places; staff at the gate or a station book from them; never oversold', async () => {
    const s = await buildReservableSpot(t, { walkInPct: 20 });
    const slots = await publish(t, s, [{ start: '10:00', end: '11:00', quota: 10 }]);
    expect(slots['10:00']).toMatchObject({ quota: 10, remaining: 8, walkInRemaining: 2 });
    const tourist = await loginTourist(t.app, '13900000071');
    for (let i = 0; i < 4; i++) expect((await book(tourist, slots['10:00'].id, visitors(2))).statusCode).toBe(201);
    const full = await book(tourist, slots['10:00'].id, visitors(1));
    expect(full.json().code).toBe('slot_sold_out');
    const proxy = (sess: TSession, n: number, key: string, party = visitors(n)) =>
      sess.inject({
        method: 'POST',
        url: `/api/reservations/slots/${slots['10:00'].id}/proxy-bookings`,
        payload: { visitors: party },
        headers: { 'idempotency-key': key },
      });
    const elder = visitors(1);
    const byVolunteer = await proxy(volunteer, 1, 'proxy-key-1', elder);
    expect(byVolunteer.statusCode, byVolunteer.body).toBe(201);
    expect((await proxy(volunteer, 1, 'proxy-key-1', elder)).json().id).toBe(byVolunteer.json().id); // a replay
    expect((await proxy(s.staff, 1, 'proxy-key-2')).statusCode).toBe(201);
    expect((await proxy(s.staff, 1, 'proxy-key-3')).json().code).toBe('slot_sold_out');
    const [slot] = await rows(
      t.database.db,
      `select remaining, walk_in_remaining from time_slots where id = '${slots['10:00'].id}'`,
    );
    expect(slot).toMatchObject({ remaining: 0, walk_in_remaining: 0 });
    const [channels] = await rows(
      t.database.db,
      `select count(*) filter (where channel = 'proxy')::int as proxy, sum(party_size)::int as people from bookings where slot_id = '${slots['10:00'].id}' and status = 'booked'`,
    );
    expect(channels).toMatchObject({ proxy: 2, people: 10 });
  });

  it('refuses tourists, other spots’ staff and other roles; an unknown slot is 404', async () => {
    const s = await buildReservableSpot(t, { walkInPct: 20 });
    const other = await buildReservableSpot(t);
    const slots = await publish(t, s, [{ start: '10:00', end: '11:00', quota: 10 }]);
    const url = `/api/reservations/slots/${slots['10:00'].id}/proxy-bookings`;
    const send = (sess: TSession, u = url) =>
      sess.inject({
        method: 'POST',
        url: u,
        payload: { visitors: visitors(1) },
        headers: { 'idempotency-key': `proxy-${Math.random().toString(36).slice(2)}` },
      });
    expect((await send(hk)).statusCode).toBe(403);
    expect((await send(dispatcher)).statusCode).toBe(403);
    expect((await send(other.staff)).statusCode).toBe(404);
    expect(
      (await send(volunteer, '/api/reservations/slots/00000000-0000-4000-8000-000000000000/proxy-bookings')).statusCode,
    ).toBe(404);
  });
});

describe('the 80% level: public notice, sales stopped, the report to the local government as a step', () => {
  it('raises the report when occupancy crosses 80%, the dispatcher records it once with its time; 90% only when chosen', async () => {
    const s = await buildReservableSpot(t, {
      instantCapacity: 10,
      thresholds: { warningPct: 80, stopSalesPct: 80, stopEntryPct: 100, localAlertPct: 90 },
    });
    const device = await s.staff.inject({
      method: 'POST',
      url: `/api/reservations/spots/${s.spotId}/devices`,
      payload: { name: '北门' },
    });
    const pass = (count: number) =>
      t.app.inject({
        method: 'POST',
        url: '/api/reservations/gate/passes',
        payload: { direction: 'in', count },
        headers: { 'x-device-key': device.json().key },
      });
    expect((await pass(7)).json()).toMatchObject({ level: 'comfortable', notice: null, salesPaused: false });
    const at80 = (await pass(1)).json();
    expect(at80).toMatchObject({ level: 'crowded', salesPaused: true });
    expect(at80.notice.zh).toContain('已停止售票');
    await pass(1); // 90%: the local level
    const local = await rows(
      t.database.db,
      `select title_en from notifications where object_id = '${s.spotId}' and title_en like '%local alert level%'`,
    );
    expect(local.length).toBeGreaterThan(0);
    const list = await dispatcher.inject({ method: 'GET', url: `/api/reservations/flow-reports?spotId=${s.spotId}` });
    expect(list.statusCode).toBe(200);
    expect(list.json()).toHaveLength(1);
    expect(list.json()[0]).toMatchObject({ occupancy: 8, pct: 80, reportedAt: null });
    const id = list.json()[0].id;
    t.clock.set(at('09:25'));
    const rec = await dispatcher.inject({
      method: 'POST',
      url: `/api/reservations/flow-reports/${id}/record`,
      payload: { reportedTo: '县人民政府值班室' },
    });
    expect(rec.statusCode, rec.body).toBe(200);
    expect(rec.json()).toMatchObject({ reportedTo: '县人民政府值班室', reportedAt: at('09:25').toISOString() });
    const twice = await dispatcher.inject({
      method: 'POST',
      url: `/api/reservations/flow-reports/${id}/record`,
      payload: { reportedTo: 'x' },
    });
    expect(twice.json().code).toBe('flow_report_recorded');
    expect(
      (
        await s.staff.inject({
          method: 'POST',
          url: `/api/reservations/flow-reports/${id}/record`,
          payload: { reportedTo: 'x' },
        })
      ).statusCode,
    ).toBe(403);
    const otherSpot = await buildReservableSpot(t);
    expect(
      (await otherSpot.staff.inject({ method: 'GET', url: `/api/reservations/flow-reports?spotId=${s.spotId}` }))
        .statusCode,
    ).toBe(404);
    expect((await hk.inject({ method: 'GET', url: '/api/reservations/flow-reports' })).statusCode).toBe(403);
    const audit = await rows(t.database.db, `select action from audit_log where object_id = '${id}'`);
    expect(audit.map((r) => r.action)).toEqual(['reservation.government_report']);
  });
});
