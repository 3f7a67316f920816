import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { smsOutbox } from '../../platform/platform.tables.js';
import { buildTestApp, loginStaff, loginTourist, type TSession, type TTestApp } from '../../test/build-test-app.js';
import { buildDepartment, buildUser, TEST_PASSWORD } from '../../test/factories.js';
import { sweepSlaTimers } from './sla-sweeper.js';
import { slaTimers } from './work-orders.tables.js';

/** Two clocks charged to the right party, and extension / suspension — over HTTP on the app's clock. */
let t: TTestApp;
let tourist: TSession;
let dispatcher: TSession;
let staffA: TSession;
let staffB: TSession;
let headB: TSession;
let leader: TSession;
let deptA: string;
let deptB: string;
const MIN = 60_000;
const H = 60 * MIN;
const PHONE = '13500000081';
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
  headB = await login('department_head', deptB);
  tourist = await loginTourist(t.app, PHONE);
});
afterAll(() => t.close());

async function newOrder(at: Date, kind = 'complaint') {
  t.clock.set(at);
  const res = await tourist.inject({
    method: 'POST',
    url: '/api/work-orders',
    payload: { kind, text: '景区观光车司机绕路多收费，还态度恶劣，请处理。' },
  });
  expect(res.statusCode).toBe(201);
  const id = res.json().id as string;
  const post = (s: TSession, path: string, payload?: object) =>
    s.inject({ method: 'POST', url: `/api/work-orders/${id}/${path}`, ...(payload ? { payload } : {}) });
  return { id, post };
}
const dispatchTo = (departmentId: string) => ({ departmentId, coDepartmentIds: [], note: '' });
const procedureOf = async (s: TSession, id: string) =>
  (await s.inject({ method: 'GET', url: `/api/work-orders/${id}/procedure` })).json();
const smsTo = async (template: string) =>
  (
    await t.database.db
      .select()
      .from(smsOutbox)
      .where(and(eq(smsOutbox.phone, PHONE), eq(smsOutbox.template, template)))
  ).map((s) => s.text);

describe('two clocks charged to the right party', () => {
  it('the command center answers from submission, each department from its own dispatch', async () => {
    const t0 = local('2026-11-23T10:00:00');
    const { id, post } = await newOrder(t0);
    // The command center dispatches after 10 minutes: 5 minutes late (a complaint's response is 5 minutes).
    t.clock.set(new Date(t0.getTime() + 10 * MIN));
    const d = await post(dispatcher, 'dispatch', dispatchTo(deptA));
    expect(d.statusCode).toBe(200);
    // Department A's acceptance clock starts at its dispatch, not at the submission.
    expect(new Date(d.json().responseDueAt)).toEqual(new Date(t0.getTime() + 15 * MIN));
    // A transfers within its window (it is not late); B's clock starts at the transfer, and B accepts late.
    t.clock.set(new Date(t0.getTime() + 12 * MIN));
    expect((await post(staffA, 'transfer', { departmentId: deptB, reason: '属交通部门职责' })).statusCode).toBe(200);
    t.clock.set(new Date(t0.getTime() + 30 * MIN));
    expect((await post(staffB, 'accept')).statusCode).toBe(200);

    const p = await procedureOf(dispatcher, id);
    expect(
      p.stretches.map(
        (s: { holder: string; departmentId: string | null; responseLate: boolean; endReason: string }) => [
          s.holder,
          s.departmentId,
          s.responseLate,
          s.endReason,
        ],
      ),
    ).toEqual([
      ['command_center', null, true, 'dispatched'],
      ['department', deptA, false, 'transferred'],
      ['department', deptB, true, null],
    ]);
    // The resolution clock passes 100% while B holds the order: the breach is B's.
    // (one stage per timer and sweep: the sweeper catches up stage by stage)
    while ((await sweepSlaTimers(t.database.db, t.app.events, { now: new Date(t0.getTime() + 24 * H + MIN) })) > 0);
    const after = await procedureOf(dispatcher, id);
    expect(after.stretches.map((s: { resolutionBreached: boolean }) => s.resolutionBreached)).toEqual([
      false,
      false,
      true,
    ]);
    // A department reads its own order's procedure; another department does not see the order at all.
    expect((await staffB.inject({ method: 'GET', url: `/api/work-orders/${id}/procedure` })).statusCode).toBe(200);
    expect((await staffA.inject({ method: 'GET', url: `/api/work-orders/${id}/procedure` })).statusCode).toBe(404);
    expect((await tourist.inject({ method: 'GET', url: `/api/work-orders/${id}/procedure` })).statusCode).toBe(403);

    // Statistics charge each lateness to its holder at the time.
    t.clock.set(new Date(t0.getTime() + 25 * H));
    const q = `from=${encodeURIComponent(new Date(t0.getTime() - H).toISOString())}`;
    const stats = (await leader.inject({ method: 'GET', url: `/api/statistics/work-orders/holders?${q}` })).json();
    const row = (holder: string, dep: string | null) =>
      stats.items.find(
        (i: { holder: string; departmentId: string | null }) => i.holder === holder && i.departmentId === dep,
      );
    expect(row('command_center', null)).toMatchObject({ stretches: 1, respondedLate: 1 });
    expect(row('department', deptA)).toMatchObject({
      stretches: 1,
      respondedLate: 0,
      transferred: 1,
      resolutionBreached: 0,
    });
    expect(row('department', deptB)).toMatchObject({ stretches: 1, respondedLate: 1, resolutionBreached: 1 });
    // A department head sees only its own department's row; asking for another is refused.
    const own = (await headB.inject({ method: 'GET', url: `/api/statistics/work-orders/holders?${q}` })).json();
    expect(own.items.every((i: { departmentId: string }) => i.departmentId === deptB)).toBe(true);
    const other = await headB.inject({
      method: 'GET',
      url: `/api/statistics/work-orders/holders?${q}&departmentId=${deptA}`,
    });
    expect(other.statusCode).toBe(403);
  });

  it('a return gives the command center a fresh clock to dispatch again', async () => {
    const t0 = local('2026-11-24T10:00:00');
    const { id, post } = await newOrder(t0);
    t.clock.set(new Date(t0.getTime() + MIN));
    await post(dispatcher, 'dispatch', dispatchTo(deptA));
    t.clock.set(new Date(t0.getTime() + 3 * MIN));
    const r = await post(staffA, 'return', { reason: '不属本部门职责' });
    expect(r.statusCode).toBe(200);
    expect(new Date(r.json().responseDueAt)).toEqual(new Date(t0.getTime() + 8 * MIN));
    const p = await procedureOf(dispatcher, id);
    expect(p.stretches.map((s: { holder: string; endReason: string | null }) => [s.holder, s.endReason])).toEqual([
      ['command_center', 'dispatched'],
      ['department', 'returned'],
      ['command_center', null],
    ]);
  });
});

describe('extension (延期) and suspension (挂起)', () => {
  async function handled(at: Date) {
    const o = await newOrder(at);
    expect((await o.post(dispatcher, 'dispatch', dispatchTo(deptA))).statusCode).toBe(200);
    expect((await o.post(staffA, 'accept')).statusCode).toBe(200);
    return o;
  }
  const resolutionTimer = async (id: string) =>
    (
      await t.database.db
        .select()
        .from(slaTimers)
        .where(and(eq(slaTimers.workOrderId, id), eq(slaTimers.clock, 'resolution')))
    )[0];

  it('a department asks before its deadline, the command center approves, the deadline moves and the tourist is told', async () => {
    const t0 = local('2026-11-25T10:00:00'); // a Wednesday: due Thursday 10:00
    const { id, post } = await handled(t0);
    t.clock.set(new Date(t0.getTime() + 2 * H));
    const asked = await post(staffA, 'request-time', { kind: 'extension', days: 2, reason: '需调取监控录像核实' });
    expect(asked.statusCode).toBe(200);
    // One request at a time; a wrong role, a department not holding the order and bad input are refused.
    expect((await post(staffA, 'request-time', { kind: 'suspension', reason: '再来一个' })).statusCode).toBe(422);
    expect((await post(staffB, 'request-time', { kind: 'suspension', reason: '别人的' })).statusCode).toBe(404);
    expect((await post(tourist, 'decide-time', { approve: true, note: '同意' })).statusCode).toBe(403);
    expect((await post(staffA, 'decide-time', { approve: true, note: '自己批' })).statusCode).toBe(403);
    expect((await post(staffA, 'request-time', { kind: 'extension', days: 0, reason: 'x' })).statusCode).toBe(400);
    expect((await post(staffA, 'request-time', { kind: 'extension', days: 2, reason: '\u0000' })).statusCode).toBe(400);
    // The tourist does not read the department's request.
    const before = (await tourist.inject({ method: 'GET', url: `/api/work-orders/${id}` })).json();
    expect(before.timeline.map((e: { action: string }) => e.action)).not.toContain('request_time');
    // The desk lists it for the command center.
    const desk = (
      await dispatcher.inject({ method: 'GET', url: '/api/work-orders/time-requests?status=pending' })
    ).json();
    expect(desk.items.map((i: { workOrderId: string }) => i.workOrderId)).toContain(id);
    expect(
      (await staffB.inject({ method: 'GET', url: '/api/work-orders/time-requests' }))
        .json()
        .items.map((i: { workOrderId: string }) => i.workOrderId),
    ).not.toContain(id);

    t.clock.set(new Date(t0.getTime() + 3 * H));
    const ok = await post(dispatcher, 'decide-time', { approve: true, note: '同意延期两个工作日，以便调取录像。' });
    expect(ok.statusCode).toBe(200);
    // Thursday 10:00 + 2 working days = Monday 10:00; the clock keeps its start.
    expect(new Date(ok.json().resolutionDueAt)).toEqual(local('2026-11-30T10:00:00'));
    const timer = await resolutionTimer(id);
    expect(timer.startAt).toEqual(t0);
    expect(timer.deadlineAt).toEqual(local('2026-11-30T10:00:00'));
    expect(await smsTo('extended')).toEqual([expect.stringContaining('2026-11-30 10:00')]);
    const seen = (await tourist.inject({ method: 'GET', url: `/api/work-orders/${id}` })).json();
    expect(seen.timeline.find((e: { action: string }) => e.action === 'decide_time')?.note).toContain('同意延期');
    expect(new Date(seen.resolutionDueAt)).toEqual(local('2026-11-30T10:00:00'));
    // Deciding twice is refused: nothing is pending.
    expect((await post(dispatcher, 'decide-time', { approve: true, note: '再批' })).statusCode).toBe(422);
  });

  it('a suspension stops the clock while testing runs; its time is not counted', async () => {
    const t0 = local('2026-11-26T10:00:00'); // Thursday: due Friday 10:00 (24 hours)
    const { id, post } = await handled(t0);
    t.clock.set(new Date(t0.getTime() + 4 * H));
    expect((await post(staffA, 'request-time', { kind: 'suspension', reason: '送检食品样本' })).statusCode).toBe(200);
    // A refusal tells the department and leaves the clock running.
    t.clock.set(new Date(t0.getTime() + 5 * H));
    expect((await post(dispatcher, 'decide-time', { approve: false, note: '检测可在时限内完成' })).statusCode).toBe(
      200,
    );
    expect((await resolutionTimer(id)).deadlineAt).toEqual(new Date(t0.getTime() + 24 * H));
    expect((await post(staffA, 'end-suspension', { reason: '未挂起' })).statusCode).toBe(422);

    expect(
      (await post(staffA, 'request-time', { kind: 'suspension', reason: '送检食品样本（复检）' })).statusCode,
    ).toBe(200);
    t.clock.set(new Date(t0.getTime() + 6 * H));
    expect(
      (await post(dispatcher, 'decide-time', { approve: true, note: '同意挂起，检测期间不计时。' })).statusCode,
    ).toBe(200);
    expect((await resolutionTimer(id))?.dueAt ?? null).toBeNull();
    expect(await smsTo('suspended')).toHaveLength(1);
    // While suspended the order cannot be sent away or asked for material.
    expect((await post(staffA, 'transfer', { departmentId: deptB, reason: '转' })).statusCode).toBe(422);
    expect((await post(staffA, 'request-material', { text: '补' })).statusCode).toBe(422);
    // The sweeper does nothing while the clock is stopped, however long the testing takes.
    await sweepSlaTimers(t.database.db, t.app.events, { now: new Date(t0.getTime() + 30 * H) });
    // Testing took two days: 18 hours were left, and they run from the resumption.
    t.clock.set(new Date(t0.getTime() + 54 * H));
    const back = await post(staffA, 'end-suspension', { reason: '检测报告已出' });
    expect(back.statusCode).toBe(200);
    expect(new Date(back.json().resolutionDueAt)).toEqual(new Date(t0.getTime() + 72 * H));
    expect(await smsTo('resumed')).toHaveLength(1);
    const p = await procedureOf(dispatcher, id);
    expect(p.timeRequests.map((r: { kind: string; status: string }) => [r.kind, r.status])).toEqual([
      ['suspension', 'refused'],
      ['suspension', 'ended'],
    ]);
    // Statistics show the suspension and its 48 hours.
    t.clock.set(new Date(t0.getTime() + 55 * H));
    const q = `from=${encodeURIComponent(new Date(t0.getTime() - H).toISOString())}&departmentId=${deptA}`;
    const stats = (await dispatcher.inject({ method: 'GET', url: `/api/statistics/work-orders/holders?${q}` })).json();
    expect(stats.items.find((i: { holder: string }) => i.holder === 'department')).toMatchObject({
      suspensions: 1,
      suspendedHours: 48,
    });
  });

  it('too late to ask once the deadline has passed', async () => {
    const t0 = local('2026-11-20T10:00:00');
    const { post } = await handled(t0);
    t.clock.set(new Date(t0.getTime() + 25 * H));
    expect((await post(staffA, 'request-time', { kind: 'extension', days: 1, reason: '来不及了' })).statusCode).toBe(
      422,
    );
  });
});

describe('follow-up (回访) of an order without a portal tourist', () => {
  it('the command center calls back a hotline caller and records the result; the order closes', async () => {
    const t0 = local('2026-11-23T15:00:00');
    t.clock.set(t0);
    const admin = await loginStaff(
      t.app,
      (await buildUser(t.database.db, { role: 'system_admin' })).username!,
      TEST_PASSWORD,
    );
    const routed = await admin.inject({
      method: 'PUT',
      url: '/api/admin/category-routing',
      payload: { items: [{ category: 'shopping_quality', departmentId: deptA, autoDispatch: false, threshold: 0.8 }] },
    });
    expect(routed.statusCode).toBe(200);
    const logged = await dispatcher.inject({
      method: 'POST',
      url: '/api/work-orders/calls',
      headers: { 'idempotency-key': randomUUID() },
      payload: {
        source: 'hotline',
        callerPhone: '13900000091',
        calledAt: new Date(t0.getTime() - 5 * MIN).toISOString(),
        kind: 'complaint',
        category: 'shopping_quality',
        text: '来电反映古城银器店以次充好，要求退款，商家拒绝。',
      },
    });
    expect(logged.statusCode).toBe(201);
    const id = logged.json().id as string;
    const post = (s: TSession, path: string, payload?: object) =>
      s.inject({ method: 'POST', url: `/api/work-orders/${id}/${path}`, ...(payload ? { payload } : {}) });
    // The category's routing rule (set above) sent the call straight to department A.
    expect(logged.json().status).toBe('dispatched');
    const staff = staffA;
    expect((await post(staff, 'accept')).statusCode).toBe(200);
    // Not yet resolved: no follow-up.
    expect((await post(dispatcher, 'follow-up', { result: 'satisfied', note: '已回访' })).statusCode).toBe(409);
    expect((await post(staff, 'resolve', { text: '已责令商家退款。' })).statusCode).toBe(200);
    // Only the command center calls back; bad input answers 400.
    expect((await post(staff, 'follow-up', { result: 'satisfied', note: '自己回访' })).statusCode).toBe(403);
    expect((await post(dispatcher, 'follow-up', { result: 'happy', note: 'x' })).statusCode).toBe(400);
    const done = await post(dispatcher, 'follow-up', {
      result: 'basically_satisfied',
      note: '电话回访，来电人表示基本满意。',
    });
    expect(done.statusCode).toBe(200);
    expect(done.json()).toMatchObject({ status: 'closed', satisfaction: 'basically_satisfied' });
    const entry = done.json().timeline.find((e: { action: string }) => e.action === 'follow_up');
    expect(entry.note).toContain('基本满意');
    const p = await procedureOf(dispatcher, id);
    expect(p.stretches.at(-1).endReason).toBe('closed');
  });

  it('a portal tourist rates for themselves: no follow-up on their order', async () => {
    const { post } = await handled2(local('2026-11-23T16:00:00'));
    expect((await post(staffA, 'resolve', { text: '已处理。' })).statusCode).toBe(200);
    expect((await post(dispatcher, 'follow-up', { result: 'satisfied', note: '回访' })).statusCode).toBe(403);
  });

  async function handled2(at: Date) {
    const o = await newOrder(at);
    expect((await o.post(dispatcher, 'dispatch', dispatchTo(deptA))).statusCode).toBe(200);
    expect((await o.post(staffA, 'accept')).statusCode).toBe(200);
    return o;
  }
});

describe('returns under the local rules (procedure_rules)', () => {
  it('a department returns within the window after its dispatch, and not more often than the maximum', async () => {
    const admin = await loginStaff(
      t.app,
      (await buildUser(t.database.db, { role: 'system_admin' })).username!,
      TEST_PASSWORD,
    );
    const put = (s: TSession, payload: object) =>
      s.inject({ method: 'PUT', url: '/api/admin/procedure-rules', payload });
    expect((await dispatcher.inject({ method: 'GET', url: '/api/admin/procedure-rules' })).json()).toEqual({
      returnWindowHours: 24,
      maxReturns: 2,
      autoCloseDays: 7,
    });
    expect((await put(dispatcher, { returnWindowHours: 2, maxReturns: 1 })).statusCode).toBe(403);
    expect((await put(admin, { returnWindowHours: 0, maxReturns: 1 })).statusCode).toBe(400);
    expect((await put(admin, { returnWindowHours: 2, maxReturns: 1 })).json()).toEqual({
      returnWindowHours: 2,
      maxReturns: 1,
      // left out, kept as it was
      autoCloseDays: 7,
    });

    const t0 = local('2026-11-24T14:00:00');
    const { post } = await newOrder(t0);
    await post(dispatcher, 'dispatch', dispatchTo(deptA));
    // Three hours after the dispatch the 2-hour window has closed.
    t.clock.set(new Date(t0.getTime() + 3 * H));
    const late = await post(staffA, 'return', { reason: '不属本部门' });
    expect(late.statusCode).toBe(422);
    expect(late.json().code).toBe('return_window_closed');
    // A transfer to B opens B's window; B returns in time, once.
    expect((await post(staffA, 'transfer', { departmentId: deptB, reason: '转交通' })).statusCode).toBe(200);
    t.clock.set(new Date(t0.getTime() + 4 * H));
    expect((await post(staffB, 'return', { reason: '也不属本部门' })).statusCode).toBe(200);
    // Dispatched again: the maximum of one return is reached, the command center's dispatch stands.
    await post(dispatcher, 'dispatch', dispatchTo(deptA));
    const again = await post(staffA, 'return', { reason: '还是不属本部门' });
    expect(again.statusCode).toBe(422);
    expect(again.json().code).toBe('return_limit');
    await put(admin, { returnWindowHours: 24, maxReturns: 2 });
  });
});
