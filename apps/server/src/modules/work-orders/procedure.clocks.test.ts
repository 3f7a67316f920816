import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, loginStaff, loginTourist, type TSession, type TTestApp } from '../../test/build-test-app.js';
import { buildDepartment, buildUser, TEST_PASSWORD } from '../../test/factories.js';
import { slaTimers } from './work-orders.tables.js';

/** The paused resolution clock, on the app's controllable clock (times in the prefecture's zone, UTC+8). */
let t: TTestApp;
let tourist: TSession;
let dispatcher: TSession;
let staff: TSession;
let deptId: string;
const H = 3_600_000;
const local = (s: string) => new Date(`${s}+08:00`);

beforeAll(async () => {
  t = await buildTestApp();
  const db = t.database.db;
  deptId = (await buildDepartment(db)).id;
  dispatcher = await loginStaff(t.app, (await buildUser(db, { role: 'dispatcher' })).username!, TEST_PASSWORD);
  staff = await loginStaff(
    t.app,
    (await buildUser(db, { role: 'department_staff', departmentId: deptId })).username!,
    TEST_PASSWORD,
  );
  tourist = await loginTourist(t.app, '13500000071');
});
afterAll(() => t.close());

async function handledOrder(kind: string, at: Date) {
  t.clock.set(at);
  const res = await tourist.inject({
    method: 'POST',
    url: '/api/work-orders',
    payload: { kind, text: '古城客栈前台态度恶劣，拒绝退还押金，请处理。' },
  });
  expect(res.statusCode).toBe(201);
  const id = res.json().id as string;
  const post = (s: TSession, path: string, payload?: object) =>
    s.inject({ method: 'POST', url: `/api/work-orders/${id}/${path}`, ...(payload ? { payload } : {}) });
  expect((await post(dispatcher, 'dispatch', { departmentId: deptId, coDepartmentIds: [], note: '' })).statusCode).toBe(
    200,
  );
  expect((await post(staff, 'accept')).statusCode).toBe(200);
  return { id, post };
}

const timer = async (id: string) =>
  (
    await t.database.db
      .select()
      .from(slaTimers)
      .where(and(eq(slaTimers.workOrderId, id), eq(slaTimers.clock, 'resolution')))
  )[0];

describe('a paused resolution clock', () => {
  it('keeps its remainder in working time under a working-day policy', async () => {
    // A report (举报): 5 working days from Monday 10:00 → due next Monday 10:00.
    const { id, post } = await handledOrder('report', local('2026-11-23T10:00:00'));
    expect((await timer(id)).deadlineAt).toEqual(local('2026-11-30T10:00:00'));
    // Paused on Friday 10:00: one working day is left (Friday's 14 h and Monday's 10 h), not 72 calendar hours.
    t.clock.set(local('2026-11-27T10:00:00'));
    expect((await post(staff, 'request-material', { text: '请提供消费凭证。' })).statusCode).toBe(200);
    // Resumed on Monday 10:00: one working day later is Tuesday 10:00 (a calendar remainder would give Thursday).
    t.clock.set(local('2026-11-30T10:00:00'));
    const r = await post(tourist, 'supply-material', { text: '凭证已上传。', photoIds: [] });
    expect(r.statusCode).toBe(200);
    expect((await timer(id)).deadlineAt).toEqual(local('2026-12-01T10:00:00'));
    expect(new Date(r.json().resolutionDueAt)).toEqual(local('2026-12-01T10:00:00'));
  });

  it('resumes a reopened order from its own clock start, not from the order creation', async () => {
    const t0 = local('2026-11-23T10:00:00');
    const { id, post } = await handledOrder('complaint', t0);
    t.clock.set(new Date(t0.getTime() + 2 * H));
    expect((await post(staff, 'resolve', { text: '已协调退还押金。' })).statusCode).toBe(200);
    // Reopened two days after creation: the fresh 24-hour clock starts then.
    const reopenedAt = new Date(t0.getTime() + 48 * H);
    t.clock.set(reopenedAt);
    expect((await post(tourist, 'rate', { satisfaction: 'unsatisfied', reason: '押金仍未退还' })).statusCode).toBe(200);
    expect((await timer(id)).startAt).toEqual(reopenedAt);
    // Paused an hour later for an hour: the whole clock moves by the pause, its stages with it.
    t.clock.set(new Date(reopenedAt.getTime() + H));
    expect((await post(staff, 'request-material', { text: '请提供押金收据。' })).statusCode).toBe(200);
    t.clock.set(new Date(reopenedAt.getTime() + 2 * H));
    expect((await post(tourist, 'supply-material', { text: '收据已上传。', photoIds: [] })).statusCode).toBe(200);
    const after = await timer(id);
    expect(after.startAt).toEqual(new Date(reopenedAt.getTime() + H));
    expect(after.deadlineAt).toEqual(new Date(reopenedAt.getTime() + 25 * H));
    // The 50% reminder is still ahead (12 h into the moved clock); creation + shift would have put it behind us.
    expect(after.stage).toBe('remind_50');
    expect(after.dueAt).toEqual(new Date(reopenedAt.getTime() + 13 * H));
  });
});
