import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getDeadline, sweepDeadlines } from '../../platform/deadlines/index.js';
import { auditLog } from '../../platform/platform.tables.js';
import { buildTestApp, loginStaff, loginTourist, type TSession, type TTestApp } from '../../test/build-test-app.js';
import { buildBusiness, buildDepartment, buildUser, TEST_PASSWORD } from '../../test/factories.js';
import { BUSINESS_ANSWER, DECISION_LIMIT } from './decision-limits.js';

/** The national decision limits on the deadline engine, on the app's clock: 5 working days, and 10 days. */
let t: TTestApp;
let tourist: TSession;
let dispatcher: TSession;
let staffA: TSession;
let deptA: string;
let shopId: string;
const MIN = 60_000;
const DAY = 24 * 60 * MIN;
const local = (s: string) => new Date(`${s}+08:00`);

beforeAll(async () => {
  t = await buildTestApp();
  const db = t.database.db;
  deptA = (await buildDepartment(db)).id;
  shopId = (await buildBusiness(db, { kind: 'shop' })).id;
  const login = async (role: string, extra: object = {}) =>
    loginStaff(t.app, (await buildUser(db, { role, ...extra } as never)).username!, TEST_PASSWORD);
  dispatcher = await login('dispatcher');
  staffA = await login('department_staff', { departmentId: deptA });
  tourist = await loginTourist(t.app, '13500000095');
});
afterAll(() => t.close());

async function newOrder(at: Date, kind = 'complaint') {
  t.clock.set(at);
  const res = await tourist.inject({
    method: 'POST',
    url: '/api/work-orders',
    payload: { kind, text: '银器店以次充好，标价与结账不符，要求退款。', businessId: shopId },
  });
  expect(res.statusCode).toBe(201);
  const id = res.json().id as string;
  const post = (s: TSession, path: string, payload?: object) =>
    s.inject({ method: 'POST', url: `/api/work-orders/${id}/${path}`, ...(payload ? { payload } : {}) });
  const entries = async () =>
    (
      (await dispatcher.inject({ method: 'GET', url: `/api/work-orders/${id}` })).json().timeline as {
        action: string;
        note: string | null;
        actorRole: string | null;
      }[]
    ).filter((e) => e.actorRole === 'system' && (e.action === 'remind' || e.action === 'overdue'));
  return { id, post, entries };
}
const sweep = async (now: Date, kind: string) => {
  let n = 0;
  let k: number;
  do {
    k = await sweepDeadlines(t.database.db, t.app.events, { now, kinds: [kind] });
    n += k;
  } while (k > 0);
  return n;
};

describe('accept, refuse or transfer within 5 working days', () => {
  it('a complaint undecided is reminded, then overdue (internal entries, audited); a decision stops the clock', async () => {
    const t0 = local('2026-11-23T10:00:00'); // a Monday
    const late = await newOrder(t0);
    const decided = await newOrder(new Date(t0.getTime() + MIN));
    const advice = await newOrder(new Date(t0.getTime() + 2 * MIN), 'consultation');
    const d = await getDeadline(t.database.db, DECISION_LIMIT, late.id);
    const stages = d!.stages as { name: string; at: string }[];
    expect(stages.map((s) => s.name)).toEqual(['remind', 'overdue']);
    // 5 working days over a weekend: more than 5 calendar days later
    const overdueAt = new Date(stages[1].at);
    expect(overdueAt.getTime() - t0.getTime()).toBeGreaterThanOrEqual(7 * DAY);
    // only complaints have the limit
    expect(await getDeadline(t.database.db, DECISION_LIMIT, advice.id)).toBeFalsy();
    // the second is dispatched and accepted: its clock is cancelled
    expect((await decided.post(dispatcher, 'dispatch', { departmentId: deptA, coDepartmentIds: [] })).statusCode).toBe(
      200,
    );
    expect((await decided.post(staffA, 'accept')).statusCode).toBe(200);

    expect(await sweep(new Date(new Date(stages[0].at).getTime() - MIN), DECISION_LIMIT)).toBe(0);
    await sweep(new Date(stages[0].at), DECISION_LIMIT);
    expect((await late.entries()).map((e) => e.action)).toEqual(['remind']);
    await sweep(new Date(overdueAt.getTime() + MIN), DECISION_LIMIT);
    const es = await late.entries();
    expect(es.map((e) => e.action)).toEqual(['remind', 'overdue']);
    expect(es[1].note).toContain('5个工作日');
    expect(await decided.entries()).toEqual([]);
    // the tourist does not read the internal chase
    const mine = (await tourist.inject({ method: 'GET', url: `/api/work-orders/${late.id}` })).json();
    expect(mine.timeline.some((e: { note: string | null }) => e.note?.includes('5个工作日'))).toBe(false);
    const audit = await t.database.db.select().from(auditLog).where(eq(auditLog.objectId, late.id));
    expect(audit.map((a) => a.action)).toContain('work_order.decision_overdue');
    // fired once: nothing more to do
    expect(await sweep(new Date(overdueAt.getTime() + 10 * DAY), DECISION_LIMIT)).toBe(0);
  });

  it('a refusal (不予受理) and a transfer are decisions too', async () => {
    const t0 = local('2026-11-30T10:00:00');
    const refused = await newOrder(t0);
    expect((await refused.post(dispatcher, 'unfounded', { ground: 'outside_remit' })).statusCode).toBe(200);
    const moved = await newOrder(new Date(t0.getTime() + MIN));
    const deptB = (await buildDepartment(t.database.db)).id;
    await moved.post(dispatcher, 'dispatch', { departmentId: deptA, coDepartmentIds: [] });
    expect((await moved.post(staffA, 'transfer', { departmentId: deptB, reason: '转' })).statusCode).toBe(200);
    await sweep(new Date(t0.getTime() + 20 * DAY), DECISION_LIMIT);
    expect(await refused.entries()).toEqual([]);
    expect(await moved.entries()).toEqual([]);
  });
});

describe('a business involved answers within 10 days', () => {
  it('is reminded two days before and chased when overdue; its answer stops the clock', async () => {
    const t0 = local('2026-11-09T10:00:00');
    const silent = await newOrder(t0);
    const answers = await newOrder(new Date(t0.getTime() + MIN));
    for (const o of [silent, answers]) {
      await o.post(dispatcher, 'dispatch', { departmentId: deptA, coDepartmentIds: [] });
      await o.post(staffA, 'accept');
      expect((await o.post(staffA, 'involve-business', { text: '请于10日内书面说明情况。' })).statusCode).toBe(200);
    }
    t.clock.set(new Date(t0.getTime() + 3 * DAY));
    // a session of the business opened at the clock's new time (sessions expire by the same clock)
    const shopAccount = await loginStaff(
      t.app,
      (await buildUser(t.database.db, { role: 'business', businessId: shopId } as never)).username!,
      TEST_PASSWORD,
    );
    expect((await answers.post(shopAccount, 'business-reply', { text: '已联系游客协商退款。' })).statusCode).toBe(200);
    expect(await sweep(new Date(t0.getTime() + 8 * DAY - MIN), BUSINESS_ANSWER)).toBe(0);
    await sweep(new Date(t0.getTime() + 8 * DAY + MIN), BUSINESS_ANSWER);
    expect((await silent.entries()).map((e) => e.action)).toEqual(['remind']);
    await sweep(new Date(t0.getTime() + 10 * DAY + MIN), BUSINESS_ANSWER);
    const es = await silent.entries();
    expect(es.map((e) => e.action)).toEqual(['remind', 'overdue']);
    expect(es[1].note).toContain('10日');
    expect(await answers.entries()).toEqual([]);
    const audit = await t.database.db.select().from(auditLog).where(eq(auditLog.objectId, silent.id));
    expect(audit.map((a) => a.action)).toContain('work_order.business_answer_overdue');
  });
});
