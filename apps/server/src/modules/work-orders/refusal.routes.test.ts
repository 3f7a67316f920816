import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { creditEvents } from '../../db/schema.js';
import { auditLog, smsOutbox } from '../../platform/platform.tables.js';
import { buildTestApp, loginStaff, loginTourist, type TSession, type TTestApp } from '../../test/build-test-app.js';
import { buildBusiness, buildDepartment, buildUser, TEST_PASSWORD } from '../../test/factories.js';

/** 不予受理 by its grounds, and 不属实 as a department's finding — over HTTP on the app's clock. */
let t: TTestApp;
let tourist: TSession;
let dispatcher: TSession;
let staffA: TSession;
let staffB: TSession;
let leader: TSession;
let deptA: string;
let deptB: string;
const PHONE = '13500000091';
const local = (s: string) => new Date(`${s}+08:00`);

beforeAll(async () => {
  t = await buildTestApp();
  const db = t.database.db;
  deptA = (await buildDepartment(db)).id;
  deptB = (await buildDepartment(db)).id;
  const login = async (role: string, departmentId?: string) =>
    loginStaff(t.app, (await buildUser(db, { role, departmentId } as never)).username!, TEST_PASSWORD);
  dispatcher = await login('dispatcher');
  leader = await login('leader');
  staffA = await login('department_staff', deptA);
  staffB = await login('department_staff', deptB);
  tourist = await loginTourist(t.app, PHONE);
});
afterAll(() => t.close());

async function newOrder(at: Date, extra: object = {}) {
  t.clock.set(at);
  const res = await tourist.inject({
    method: 'POST',
    url: '/api/work-orders',
    payload: { kind: 'complaint', text: '银器店标价与结账金额不符，多收了两百元，要求退还。', ...extra },
  });
  expect(res.statusCode).toBe(201);
  const id = res.json().id as string;
  const post = (s: TSession, path: string, payload?: object) =>
    s.inject({ method: 'POST', url: `/api/work-orders/${id}/${path}`, ...(payload ? { payload } : {}) });
  const get = async (s: TSession) => (await s.inject({ method: 'GET', url: `/api/work-orders/${id}` })).json();
  return { id, post, get };
}
const smsTo = async (template: string) =>
  (
    await t.database.db
      .select()
      .from(smsOutbox)
      .where(and(eq(smsOutbox.phone, PHONE), eq(smsOutbox.template, template)))
  ).map((s) => s.text);

describe('不予受理 by its grounds', () => {
  it('the command center declines with a ground; the tourist is told by SMS and reads it on the portal', async () => {
    const { id, post, get } = await newOrder(local('2026-11-23T10:00:00'));
    const r = await post(dispatcher, 'unfounded', { ground: 'over_90_days', reason: '消费发生于今年五月' });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ status: 'unfounded', refusalGround: 'over_90_days', finding: null });
    const mine = await get(tourist);
    expect(mine.refusalGround).toBe('over_90_days');
    const entry = mine.timeline.find((e: { action: string }) => e.action === 'unfounded');
    expect(entry.note).toContain('超过合同终止或消费结束之日起90天');
    expect(entry.note).toContain('消费发生于今年五月');
    const sms = await smsTo('refused');
    expect(sms.some((s) => s.includes('超过合同终止或消费结束之日起90天'))).toBe(true);
    const audit = await t.database.db.select().from(auditLog).where(eq(auditLog.objectId, id));
    expect(audit.map((a) => a.action)).toContain('work_order.unfounded');
    // closed: nothing more to do on it
    expect((await post(dispatcher, 'unfounded', { ground: 'other', reason: '再次' })).statusCode).toBe(409);
  });

  it('a ground alone suffices; `other` needs its words; unknown grounds and missing grounds are refused', async () => {
    const { post } = await newOrder(local('2026-11-23T11:00:00'));
    expect((await post(dispatcher, 'unfounded', { reason: '无理由' })).statusCode).toBe(400);
    expect((await post(dispatcher, 'unfounded', { ground: 'because', reason: 'x' })).statusCode).toBe(400);
    const other = await post(dispatcher, 'unfounded', { ground: 'other' });
    expect(other.statusCode).toBe(400);
    expect((await post(dispatcher, 'unfounded', { ground: 'other', reason: '   ' })).statusCode).toBe(400);
    const ok = await post(dispatcher, 'unfounded', { ground: 'court_or_arbitration' });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().timeline.at(-1).note).toBe('已向法院起诉或申请仲裁 Already before a court or in arbitration');
  });

  it('only the command center declines: departments, leaders and the tourist are refused', async () => {
    const { post } = await newOrder(local('2026-11-23T12:00:00'));
    expect((await post(dispatcher, 'dispatch', { departmentId: deptA, coDepartmentIds: [] })).statusCode).toBe(200);
    const body = { ground: 'outside_remit' };
    expect((await post(staffA, 'unfounded', body)).statusCode).toBe(403);
    expect((await post(staffB, 'unfounded', body)).statusCode).toBe(403);
    expect((await post(leader, 'unfounded', body)).statusCode).toBe(403);
    expect((await post(tourist, 'unfounded', body)).statusCode).toBe(403);
    // a dispatched order may still be declined by the command center
    expect((await post(dispatcher, 'unfounded', body)).json().status).toBe('unfounded');
  });
});

describe('不属实: a department finds the complaint unfounded when it resolves', () => {
  it('is shown as such, told to the tourist, and writes no credit event; a founded one writes one', async () => {
    const shop = await buildBusiness(t.database.db, { kind: 'shop' });
    const events = async () => t.database.db.select().from(creditEvents).where(eq(creditEvents.subjectId, shop.id));
    const handled = async (at: string) => {
      const o = await newOrder(local(at), { businessId: shop.id });
      expect((await o.post(dispatcher, 'dispatch', { departmentId: deptA, coDepartmentIds: [] })).statusCode).toBe(200);
      expect((await o.post(staffA, 'accept')).statusCode).toBe(200);
      return o;
    };
    const a = await handled('2026-11-24T10:00:00');
    expect((await a.post(staffA, 'resolve', { text: '经查', finding: 'maybe' })).statusCode).toBe(400);
    // another department may not resolve it
    expect((await a.post(staffB, 'resolve', { text: '经查', finding: 'unfounded' })).statusCode).toBe(404);
    const r = await a.post(staffA, 'resolve', { text: '经调取监控核实，标价与结账一致。', finding: 'unfounded' });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ status: 'resolved', finding: 'unfounded', refusalGround: null });
    const mine = await a.get(tourist);
    expect(mine.finding).toBe('unfounded');
    expect(mine.timeline.find((e: { action: string }) => e.action === 'resolve').note).toContain('不属实');
    expect((await smsTo('unfounded')).length).toBe(1);
    expect(await events()).toHaveLength(0);
    // rating it changes nothing on the credit file either
    expect((await a.post(tourist, 'rate', { satisfaction: 'satisfied' })).statusCode).toBe(200);
    expect(await events()).toHaveLength(0);

    const b = await handled('2026-11-24T11:00:00');
    const founded = await b.post(staffA, 'resolve', { text: '经查属实，已责令退还。' });
    expect(founded.json().finding).toBe('founded');
    expect((await events()).map((e) => [e.ruleCode, e.evidenceId])).toEqual([['complaint_founded', b.id]]);
  });
});
