import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, smsOutbox } from '../../platform/platform.tables.js';
import { buildTestApp, loginStaff, loginTourist, type TSession, type TTestApp } from '../../test/build-test-app.js';
import { buildDepartment, buildUser, TEST_PASSWORD } from '../../test/factories.js';
import { closeUnratedOrders, NOT_RATED_NOTE } from './auto-close.js';

/** 未评价关闭 on the app's clock, and merged duplicates answered with their master — over HTTP. */
let t: TTestApp;
let tourist: TSession;
let other: TSession;
let dispatcher: TSession;
let staffA: TSession;
let admin: TSession;
let deptA: string;
const MIN = 60_000;
const DAY = 24 * 60 * MIN;
const PHONE = '13500000093';
const OTHER_PHONE = '13500000094';
const local = (s: string) => new Date(`${s}+08:00`);

beforeAll(async () => {
  t = await buildTestApp();
  const db = t.database.db;
  deptA = (await buildDepartment(db)).id;
  const login = async (role: string, departmentId?: string) =>
    loginStaff(t.app, (await buildUser(db, { role, departmentId } as never)).username!, TEST_PASSWORD);
  dispatcher = await login('dispatcher');
  staffA = await login('department_staff', deptA);
  admin = await login('system_admin');
  tourist = await loginTourist(t.app, PHONE);
  other = await loginTourist(t.app, OTHER_PHONE);
});
afterAll(() => t.close());

async function newOrder(s: TSession, at: Date, text = '观光车司机绕路多收费，态度恶劣，请处理。') {
  t.clock.set(at);
  const res = await s.inject({ method: 'POST', url: '/api/work-orders', payload: { kind: 'complaint', text } });
  expect(res.statusCode).toBe(201);
  const id = res.json().id as string;
  const post = (who: TSession, path: string, payload?: object) =>
    who.inject({ method: 'POST', url: `/api/work-orders/${id}/${path}`, ...(payload ? { payload } : {}) });
  const get = async (who: TSession) => (await who.inject({ method: 'GET', url: `/api/work-orders/${id}` })).json();
  return { id, post, get };
}
async function resolvedOrder(at: Date) {
  const o = await newOrder(tourist, at);
  expect((await o.post(dispatcher, 'dispatch', { departmentId: deptA, coDepartmentIds: [] })).statusCode).toBe(200);
  expect((await o.post(staffA, 'accept')).statusCode).toBe(200);
  expect((await o.post(staffA, 'resolve', { text: '已责令退还多收费用。' })).statusCode).toBe(200);
  return o;
}
const sweep = (now: Date) => closeUnratedOrders(t.database.db, t.app.events, { now });
const smsTo = async (phone: string, template: string) =>
  (
    await t.database.db
      .select()
      .from(smsOutbox)
      .where(and(eq(smsOutbox.phone, phone), eq(smsOutbox.template, template)))
  ).map((s) => s.text);

describe('未评价关闭: resolved orders not rated close as not rated after the local rule’s days', () => {
  it('closes exactly once after the days, audited as a batch; a rated order is left alone', async () => {
    const t0 = local('2026-11-02T10:00:00');
    const a = await resolvedOrder(t0);
    const b = await resolvedOrder(new Date(t0.getTime() + MIN));
    const rated = await resolvedOrder(new Date(t0.getTime() + 2 * MIN));
    expect((await rated.post(tourist, 'rate', { satisfaction: 'satisfied' })).statusCode).toBe(200);
    // within the 7 days (the default): nothing
    expect(await sweep(new Date(t0.getTime() + 7 * DAY - MIN))).toBe(0);
    expect((await a.get(tourist)).status).toBe('resolved');
    // after them: both unrated orders close in one pass, once
    const at = new Date(t0.getTime() + 7 * DAY + 5 * MIN);
    expect(await sweep(at)).toBe(2);
    expect(await sweep(new Date(at.getTime() + DAY))).toBe(0);
    for (const o of [a, b]) {
      const d = await o.get(tourist);
      expect(d).toMatchObject({ status: 'closed', satisfaction: null });
      const closes = d.timeline.filter((e: { action: string }) => e.action === 'close');
      expect(closes).toHaveLength(1);
      expect(closes[0].note).toBe(NOT_RATED_NOTE);
      // the tourist may no longer rate it
      expect((await o.post(tourist, 'rate', { satisfaction: 'satisfied' })).statusCode).toBe(409);
    }
    expect((await rated.get(tourist)).timeline.some((e: { action: string }) => e.action === 'close')).toBe(false);
    // one audit row for the batch, listing both orders
    const rows = await t.database.db.select().from(auditLog).where(eq(auditLog.action, 'work_order.auto_close'));
    expect(rows).toHaveLength(1);
    expect([...(rows[0].objectIds as string[])].sort()).toEqual([a.id, b.id].sort());
    // the last stretch ends with the close
    const p = (await dispatcher.inject({ method: 'GET', url: `/api/work-orders/${a.id}/procedure` })).json();
    expect(p.stretches.at(-1)).toMatchObject({ endReason: 'closed' });
  });

  it('the days are a local rule the admin sets; orders without a portal tourist wait for the call-back', async () => {
    const put = (payload: object) => admin.inject({ method: 'PUT', url: '/api/admin/procedure-rules', payload });
    expect((await put({ returnWindowHours: 24, maxReturns: 2, autoCloseDays: 0 })).statusCode).toBe(400);
    expect((await put({ returnWindowHours: 24, maxReturns: 2, autoCloseDays: 91 })).statusCode).toBe(400);
    expect((await put({ returnWindowHours: 24, maxReturns: 2, autoCloseDays: 3 })).json()).toMatchObject({
      autoCloseDays: 3,
    });
    expect(
      (
        await dispatcher.inject({
          method: 'PUT',
          url: '/api/admin/procedure-rules',
          payload: { returnWindowHours: 24, maxReturns: 2, autoCloseDays: 1 },
        })
      ).statusCode,
    ).toBe(403);
    const t0 = local('2026-11-10T10:00:00');
    const o = await resolvedOrder(t0);
    // an order that came by the hotline: no portal tourist to rate it
    const hotline = await resolvedOrder(new Date(t0.getTime() + MIN));
    await t.database.db.execute(sql`update work_orders set source = 'hotline' where id = ${hotline.id}`);
    expect(await sweep(new Date(t0.getTime() + 3 * DAY - 2 * MIN))).toBe(0);
    expect(await sweep(new Date(t0.getTime() + 3 * DAY + 2 * MIN))).toBe(1);
    expect((await o.get(tourist)).status).toBe('closed');
    expect((await hotline.get(dispatcher)).status).toBe('resolved');
    await put({ returnWindowHours: 24, maxReturns: 2, autoCloseDays: 7 });
  });
});

describe('merged duplicates answer every reporter', () => {
  it('the master order’s final answer is shown on each duplicate and sent to each reporter', async () => {
    const t0 = local('2026-11-20T10:00:00');
    const master = await newOrder(tourist, t0, '古城某银器店以次充好，要求退款。');
    const dup = await newOrder(other, new Date(t0.getTime() + MIN), '古城那家银器店卖假银，我也被骗了。');
    const dup2 = await newOrder(other, new Date(t0.getTime() + 2 * MIN), '又是那家银器店，假银饰。');
    expect((await dup.post(dispatcher, 'merge', { intoId: master.id })).statusCode).toBe(200);
    // a duplicate merged into a duplicate's master later still gets the answer (merged into dup is refused:
    // dup is merged already, so dup2 goes to the master too)
    expect((await dup2.post(dispatcher, 'merge', { intoId: dup.id })).statusCode).toBe(404);
    expect((await dup2.post(dispatcher, 'merge', { intoId: master.id })).statusCode).toBe(200);
    expect((await master.post(dispatcher, 'dispatch', { departmentId: deptA, coDepartmentIds: [] })).statusCode).toBe(
      200,
    );
    expect((await master.post(staffA, 'accept')).statusCode).toBe(200);
    const answer = '经检测，该店银饰含银量不足，已立案查处并责令退款。';
    expect((await master.post(staffA, 'resolve', { text: answer })).statusCode).toBe(200);
    for (const d of [dup, dup2]) {
      const mine = await d.get(other);
      expect(mine).toMatchObject({ status: 'merged', answer, finding: 'founded' });
      expect(mine.timeline.at(-1)).toMatchObject({ action: 'resolve' });
      expect(mine.timeline.at(-1).note).toContain(answer);
    }
    const texts = await smsTo(OTHER_PHONE, 'resolved');
    expect(texts.filter((s) => s.includes('合并办理'))).toHaveLength(2);
    // the master's own tourist is told as before, once
    expect((await smsTo(PHONE, 'resolved')).filter((s) => s.includes('合并办理'))).toHaveLength(0);
  });
});
