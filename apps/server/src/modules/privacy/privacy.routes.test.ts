import { eq, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../../db/client.js';
import { loginTourist, type TSession, type TTestApp } from '../../test/build-test-app.js';
import { users } from '../accounts/accounts.tables.js';
import { ratings } from '../ratings/ratings.tables.js';
import { book, buildReservableSpot, publish, visitors } from '../reservations/test-helpers.js';
import { buildReturnsWorld, buildShop, fileReturn, staffSession } from '../returns/test-helpers.js';

let t: TTestApp;
let a: TSession;
let b: TSession;
let aId: string;
let bookingId: string;
let shopId: string;
const A_PHONE = '13511112222';

beforeAll(async () => {
  ({ t } = await buildReturnsWorld());
  a = await loginTourist(t.app, A_PHONE);
  b = await loginTourist(t.app, '13533334444');
  aId = (await a.inject({ method: 'GET', url: '/api/auth/me' })).json().id;
  const shop = await buildShop(t);
  shopId = shop.biz.id;
  const filed = await a.inject({
    method: 'POST',
    url: '/api/work-orders',
    payload: {
      kind: 'complaint',
      text: `在银器店被强迫购物，导游不买不让走，我的电话${A_PHONE}。`,
      businessId: shopId,
    },
  });
  expect(filed.statusCode).toBe(201);
  await b.inject({
    method: 'POST',
    url: '/api/work-orders',
    payload: { kind: 'suggestion', text: '建议景区增加母婴室。' },
  });
  expect((await fileReturn(t, a, shopId)).statusCode).toBe(201);
  const spot = await buildReservableSpot(t);
  const slots = await publish(t, spot, [{ start: '09:00', end: '10:00', quota: 20 }]);
  const booked = await book(a, slots['09:00'].id, [{ name: '李红梅', idNumber: visitors(1)[0].idNumber }]);
  expect(booked.statusCode).toBe(201);
  bookingId = booked.json().id;
  await t.database.db.insert(ratings).values({
    targetType: 'business',
    targetId: shopId,
    touristUserId: aId,
    day: '2026-11-20',
    scores: { service: 4 },
    overall: 4,
    comment: `店员很好，有事打${A_PHONE}`,
  });
});
afterAll(() => t.close());

describe('my data export', () => {
  it("gives the tourist their orders, bookings, ratings and returns, companions masked, and nobody else's", async () => {
    const res = await a.inject({ method: 'GET', url: '/api/me/data' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toMatch(/attachment; filename="zhilv-my-data-\d{4}-\d{2}-\d{2}\.json"/);
    const d = res.json();
    expect(d.account.phone).toBe(A_PHONE);
    // the appeal, and the no-reason return registered as a work order when filed
    expect(d.workOrders).toHaveLength(2);
    expect(d.workOrders.some((o: { text: string }) => o.text.includes('银器店'))).toBe(true);
    expect(d.workOrders.some((o: { source: string }) => o.source === 'return')).toBe(true);
    expect(d.bookings).toHaveLength(1);
    expect(d.bookings[0].visitors).toEqual([{ name: '李**', idNumber: expect.stringMatching(/^\d{4}\*+\d{3}[\dX]$/) }]);
    expect(d.ratings).toHaveLength(1);
    expect(d.ratings[0]).toMatchObject({ targetType: 'business', overall: 4 });
    expect(d.returns).toHaveLength(1);
    expect(d.returns[0]).toMatchObject({ item: '银手镯', amountYuan: 580 });
    expect(JSON.stringify(d)).not.toContain('母婴室');

    const other = (await b.inject({ method: 'GET', url: '/api/me/data' })).json();
    expect(other.workOrders).toHaveLength(1);
    expect(other.bookings).toHaveLength(0);
    expect(other.ratings).toHaveLength(0);
    expect(other.returns).toHaveLength(0);
    expect(JSON.stringify(other)).not.toContain(A_PHONE);
  });

  it('as an Excel workbook, one sheet a kind', async () => {
    const res = await a.inject({ method: 'GET', url: '/api/me/data?format=xlsx' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      '账户 Account',
      '诉求 Appeals',
      '预约 Bookings',
      '评价 Ratings',
      '退货 Returns',
    ]);
    expect(wb.getWorksheet('预约 Bookings')!.getRow(2).getCell(6).value).toMatch(/^李\*\* \d{4}\*+/);
    expect((await a.inject({ method: 'GET', url: '/api/me/data?format=pdf' })).statusCode).toBe(400);
  });

  it('is for a signed-in tourist only, and audited', async () => {
    const staff = await staffSession(t, 'dispatcher');
    expect((await staff.inject({ method: 'GET', url: '/api/me/data' })).statusCode).toBe(403);
    expect((await staff.inject({ method: 'DELETE', url: '/api/me' })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: '/api/me/data' })).statusCode).toBe(401);
    const audit = rowsOf<{ n: number }>(
      await t.database.db.execute(
        sql`select count(*)::int as n from audit_log where action = 'privacy.export' and object_id = ${aId}`,
      ),
    );
    expect(audit[0].n).toBeGreaterThanOrEqual(2);
  });
});

describe('account deletion', () => {
  it('waits until no booking is still to be used', async () => {
    const res = await a.inject({ method: 'DELETE', url: '/api/me' });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('account_has_bookings');
    expect((await a.inject({ method: 'GET', url: '/api/auth/me' })).statusCode).toBe(200);
  });

  it('erases the personal data, ends the session and keeps the records anonymised; others untouched', async () => {
    expect((await a.inject({ method: 'POST', url: `/api/reservations/bookings/${bookingId}/cancel` })).statusCode).toBe(
      200,
    );
    expect((await a.inject({ method: 'DELETE', url: '/api/me' })).statusCode).toBe(204);
    expect((await a.inject({ method: 'GET', url: '/api/auth/me' })).statusCode).toBe(401);
    expect((await a.inject({ method: 'GET', url: '/api/me/data' })).statusCode).toBe(401);
    const db = t.database.db;
    const [u] = await db.select().from(users).where(eq(users.id, aId));
    expect(u).toMatchObject({ phone: null, disabled: true, consentVersion: null });
    const q = async (s: ReturnType<typeof sql>) => rowsOf<Record<string, unknown>>(await db.execute(s));
    const orders = await q(sql`select text from work_orders where reporter_user_id = ${aId} and source <> 'return'`);
    expect(orders).toHaveLength(1);
    expect(orders[0].text).toBe('在银器店被强迫购物，导游不买不让走，我的电话[电话]。');
    const [r] = await q(sql`select comment from ratings where tourist_user_id = ${aId}`);
    expect(r.comment).toBe('店员很好，有事打[电话]');
    const v = await q(sql`select name, id_number_cipher from booking_visitors where booking_id = ${bookingId}`);
    expect(v).toEqual([{ name: '已注销', id_number_cipher: '' }]);
    expect(await q(sql`select 1 from sessions where user_id = ${aId}`)).toHaveLength(0);
    expect(await q(sql`select 1 from otp_codes where phone = ${A_PHONE}`)).toHaveLength(0);
    expect(
      await q(sql`select 1 from audit_log where action = 'privacy.delete_account' and object_id = ${aId}`),
    ).toHaveLength(1);
    // Signing in with the same phone is a new, empty account.
    const again = await loginTourist(t.app, A_PHONE);
    expect((await again.inject({ method: 'GET', url: '/api/me/data' })).json().workOrders).toHaveLength(0);
    expect((await b.inject({ method: 'GET', url: '/api/me/data' })).json().workOrders).toHaveLength(1);
  });
});
