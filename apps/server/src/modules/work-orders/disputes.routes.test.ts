import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, smsOutbox } from '../../platform/platform.tables.js';
import { buildTestApp, loginStaff, loginTourist, type TSession, type TTestApp } from '../../test/build-test-app.js';
import { buildDepartment, buildUser, TEST_PASSWORD } from '../../test/factories.js';

/** 派单异议审核 and the tourist told of a transfer (32号令 §15) — over HTTP on the app's clock. */
let t: TTestApp;
let tourist: TSession;
let dispatcher: TSession;
let staffA: TSession;
let staffB: TSession;
let leader: TSession;
let deptA: string;
let deptB: string;
let deptC: string;
const MIN = 60_000;
const H = 60 * MIN;
const PHONE = '13500000092';
const local = (s: string) => new Date(`${s}+08:00`);

beforeAll(async () => {
  t = await buildTestApp();
  const db = t.database.db;
  deptA = (await buildDepartment(db, { name: '甲局', nameEn: 'Bureau A' })).id;
  deptB = (await buildDepartment(db, { name: '乙局', nameEn: 'Bureau B' })).id;
  deptC = (await buildDepartment(db, { name: '丙局', nameEn: 'Bureau C' })).id;
  const login = async (role: string, departmentId?: string) =>
    loginStaff(t.app, (await buildUser(db, { role, departmentId } as never)).username!, TEST_PASSWORD);
  dispatcher = await login('dispatcher');
  leader = await login('leader');
  staffA = await login('department_staff', deptA);
  staffB = await login('department_staff', deptB);
  tourist = await loginTourist(t.app, PHONE);
});
afterAll(() => t.close());

async function dispatchedOrder(at: Date, to = deptA) {
  t.clock.set(at);
  const res = await tourist.inject({
    method: 'POST',
    url: '/api/work-orders',
    payload: { kind: 'complaint', text: '出租车司机不打表，绕路多收费，请处理。' },
  });
  expect(res.statusCode).toBe(201);
  const id = res.json().id as string;
  const post = (s: TSession, path: string, payload?: object) =>
    s.inject({ method: 'POST', url: `/api/work-orders/${id}/${path}`, ...(payload ? { payload } : {}) });
  const get = async (s: TSession) => (await s.inject({ method: 'GET', url: `/api/work-orders/${id}` })).json();
  t.clock.set(new Date(at.getTime() + MIN));
  expect((await post(dispatcher, 'dispatch', { departmentId: to, coDepartmentIds: [] })).statusCode).toBe(200);
  return { id, post, get };
}
const procedureOf = async (id: string) =>
  (await dispatcher.inject({ method: 'GET', url: `/api/work-orders/${id}/procedure` })).json();
const smsTo = async (template: string) =>
  (
    await t.database.db
      .select()
      .from(smsOutbox)
      .where(and(eq(smsOutbox.phone, PHONE), eq(smsOutbox.template, template)))
  ).map((s) => s.text);
const queue = async (s: TSession, status = 'pending') =>
  (await s.inject({ method: 'GET', url: `/api/work-orders/disputes?status=${status}` })).json();

describe('派单异议审核', () => {
  it('an upheld dispute leaves the order with the same department, its clock not reset', async () => {
    const t0 = local('2026-11-23T10:00:00');
    const o = await dispatchedOrder(t0);
    const before = await o.get(dispatcher);
    t.clock.set(new Date(t0.getTime() + 5 * MIN));
    const d = await o.post(staffA, 'dispute', { reason: '出租车计价属交通运输部门职责' });
    expect(d.statusCode).toBe(200);
    // The order stays where it is: same status and department; the department's clock is not reset.
    expect(d.json()).toMatchObject({ status: 'dispatched', departmentId: deptA, responseDueAt: before.responseDueAt });
    // one at a time; and while it is reviewed, the department does not return or transfer it either
    expect((await o.post(staffA, 'dispute', { reason: '再提' })).statusCode).toBe(422);
    expect((await o.post(staffA, 'return', { reason: '退回' })).json().code).toBe('dispute_pending');
    expect((await o.post(staffA, 'transfer', { departmentId: deptB, reason: '转' })).json().code).toBe(
      'dispute_pending',
    );
    // The command center's review queue has it; a department reads only its own disputes.
    expect((await queue(dispatcher)).items.map((x: { workOrderId: string }) => x.workOrderId)).toContain(o.id);
    expect((await queue(staffB)).items).toEqual([]);
    expect((await queue(staffA)).items).toHaveLength(1);
    expect((await tourist.inject({ method: 'GET', url: '/api/work-orders/disputes' })).statusCode).toBe(403);

    // wrong roles and bad input
    expect((await o.post(staffA, 'review-dispute', { decision: 'uphold', note: '维持' })).statusCode).toBe(403);
    expect((await o.post(leader, 'review-dispute', { decision: 'uphold', note: '维持' })).statusCode).toBe(403);
    expect((await o.post(dispatcher, 'review-dispute', { decision: 'maybe', note: 'x' })).statusCode).toBe(400);
    expect((await o.post(dispatcher, 'review-dispute', { decision: 'uphold' })).statusCode).toBe(400);
    expect((await o.post(dispatcher, 'review-dispute', { decision: 'redispatch', note: 'x' })).statusCode).toBe(400);

    t.clock.set(new Date(t0.getTime() + 20 * MIN));
    const up = await o.post(dispatcher, 'review-dispute', {
      decision: 'uphold',
      note: '不打表属客运服务质量，由贵局办理',
    });
    expect(up.statusCode).toBe(200);
    expect(up.json()).toMatchObject({ status: 'dispatched', departmentId: deptA, responseDueAt: before.responseDueAt });
    const p = await procedureOf(o.id);
    expect(p.disputes).toMatchObject([{ status: 'upheld', departmentId: deptA, decisionNote: expect.any(String) }]);
    // the department's stretch runs on from its dispatch (not reset)
    expect(p.stretches.map((s: { endReason: string | null }) => s.endReason)).toEqual(['dispatched', null]);
    expect((await queue(dispatcher)).items.map((x: { workOrderId: string }) => x.workOrderId)).not.toContain(o.id);
    // nothing left to review; the tourist read nothing of the dispute and was not told of a transfer
    expect((await o.post(dispatcher, 'review-dispute', { decision: 'uphold', note: '再' })).json().code).toBe(
      'dispute_none',
    );
    const mine = await o.get(tourist);
    expect(mine.timeline.map((e: { action: string }) => e.action)).not.toContain('dispute');
    expect(mine.timeline.map((e: { action: string }) => e.action)).not.toContain('transfer_notice');
    const audit = await t.database.db.select().from(auditLog).where(eq(auditLog.objectId, o.id));
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining(['work_order.dispute', 'work_order.review_dispute']),
    );
    // The order then goes on with the same department.
    expect((await o.post(staffA, 'accept')).statusCode).toBe(200);
  });

  it('an accepted dispute re-dispatches: a new acceptance clock, the tourist told the new department', async () => {
    const t0 = local('2026-11-24T10:00:00');
    const o = await dispatchedOrder(t0);
    t.clock.set(new Date(t0.getTime() + 2 * MIN));
    expect((await o.post(staffA, 'accept')).statusCode).toBe(200);
    t.clock.set(new Date(t0.getTime() + 30 * MIN));
    expect((await o.post(staffA, 'dispute', { reason: '属交通部门职责' })).statusCode).toBe(200);
    // another department and the tourist may not dispute it
    expect((await o.post(staffB, 'dispute', { reason: 'x' })).statusCode).toBe(404);
    expect((await o.post(tourist, 'dispute', { reason: 'x' })).statusCode).toBe(403);
    expect((await o.post(dispatcher, 'dispute', { reason: 'x' })).statusCode).toBe(403);
    const same = await o.post(dispatcher, 'review-dispute', {
      decision: 'redispatch',
      note: '改派',
      departmentId: deptA,
    });
    expect(same.json().code).toBe('same_department');
    t.clock.set(new Date(t0.getTime() + 40 * MIN));
    const re = await o.post(dispatcher, 'review-dispute', {
      decision: 'redispatch',
      note: '异议成立，改派交通运输局',
      departmentId: deptB,
      coDepartmentIds: [deptC],
    });
    expect(re.statusCode).toBe(200);
    expect(re.json()).toMatchObject({ status: 'dispatched', departmentId: deptB, coDepartmentNames: ['丙局'] });
    // B's acceptance clock starts at the re-dispatch (a complaint's response is 5 minutes)
    expect(new Date(re.json().responseDueAt)).toEqual(new Date(t0.getTime() + 45 * MIN));
    const p = await procedureOf(o.id);
    expect(p.disputes).toMatchObject([{ status: 'accepted', redispatchedToId: deptB, redispatchedToName: '乙局' }]);
    expect(
      p.stretches.map((s: { departmentId: string | null; endReason: string | null }) => [s.departmentId, s.endReason]),
    ).toEqual([
      [null, 'dispatched'],
      [deptA, 'redispatched'],
      [deptB, null],
    ]);
    // The tourist is told by SMS and reads the entry naming the department.
    expect((await smsTo('transferred')).some((s) => s.includes('乙局'))).toBe(true);
    const mine = await o.get(tourist);
    const notice = mine.timeline.find((e: { action: string }) => e.action === 'transfer_notice');
    expect(notice).toMatchObject({ departmentName: '乙局' });
    expect(mine.timeline.map((e: { action: string }) => e.action)).not.toContain('review_dispute');
    // A no longer sees it; B does and accepts it
    expect((await o.post(staffA, 'accept')).statusCode).toBe(404);
    expect((await o.post(staffB, 'accept')).statusCode).toBe(200);
  });

  it('a dispute keeps to the return window (a local rule)', async () => {
    const t0 = local('2026-11-25T10:00:00');
    const o = await dispatchedOrder(t0);
    t.clock.set(new Date(t0.getTime() + 25 * H));
    expect((await o.post(staffA, 'dispute', { reason: '不属本局' })).json().code).toBe('return_window_closed');
    expect((await o.post(staffA, 'dispute', { reason: '' })).statusCode).toBe(400);
  });
});

describe('the tourist is told of a transfer (32号令 §15)', () => {
  it('a transfer sends an SMS naming the new department and a tourist-visible entry; the reason stays internal', async () => {
    const t0 = local('2026-11-26T10:00:00');
    const o = await dispatchedOrder(t0);
    t.clock.set(new Date(t0.getTime() + 3 * MIN));
    const tr = await o.post(staffA, 'transfer', { departmentId: deptC, reason: '内部说明：属丙局' });
    expect(tr.statusCode).toBe(200);
    expect((await smsTo('transferred')).some((s) => s.includes('丙局'))).toBe(true);
    const mine = await o.get(tourist);
    const entries = mine.timeline.map((e: { action: string }) => e.action);
    expect(entries).toContain('transfer_notice');
    expect(entries).not.toContain('transfer');
    expect(JSON.stringify(mine.timeline)).not.toContain('内部说明');
    expect(mine.timeline.find((e: { action: string }) => e.action === 'transfer_notice').departmentName).toBe('丙局');
    // in English the department's English name
    const en = (
      await tourist.inject({ method: 'GET', url: `/api/work-orders/${o.id}`, headers: { 'accept-language': 'en' } })
    ).json();
    expect(en.timeline.find((e: { action: string }) => e.action === 'transfer_notice').departmentName).toBe('Bureau C');
  });
});
