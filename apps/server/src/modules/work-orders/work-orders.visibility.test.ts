import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, loginStaff, loginTourist, type TSession, type TTestApp } from '../../test/build-test-app.js';
import { buildBusiness, buildDepartment, buildUser, TEST_PASSWORD } from '../../test/factories.js';

/**
 * Timeline visibility (issue 12: "a business sees internal notes on orders it is involved in"). Every entry says
 * who besides the handlers reads it; the business concerned and the tourist are given only theirs, in the detail,
 * in the answer field, and in the tourist's own data export.
 */
let t: TTestApp;
let dispatcher: TSession;
let staffA: TSession;
let staffB: TSession;
let tourist: TSession;
let shop: TSession;
let deptA: { id: string };
let deptB: { id: string };
let biz: { id: string };

type TEntry = { action: string; note: string | null; visibility: string | null };

beforeAll(async () => {
  t = await buildTestApp();
  const db = t.database.db;
  deptA = await buildDepartment(db);
  deptB = await buildDepartment(db);
  biz = await buildBusiness(db);
  const login = async (role: Parameters<typeof buildUser>[1]['role'], extra = {}) => {
    const u = await buildUser(db, { role, ...extra });
    return loginStaff(t.app, u.username!, TEST_PASSWORD);
  };
  dispatcher = await login('dispatcher');
  staffA = await login('department_staff', { departmentId: deptA.id });
  staffB = await login('department_staff', { departmentId: deptB.id });
  shop = await login('business', { businessId: biz.id });
  tourist = await loginTourist(t.app, '13700000071');
});
afterAll(() => t.close());

const INVESTIGATION = '经核查属实，已责令退款，并对该店立案调查。';

async function post(s: TSession, id: string, action: string, payload?: object) {
  const res = await s.inject({ method: 'POST', url: `/api/work-orders/${id}/${action}`, payload });
  expect(res.statusCode, `${action}: ${res.body}`).toBe(200);
  return res.json();
}
const timelineOf = async (s: TSession, id: string): Promise<{ timeline: TEntry[]; answer: string | null }> => {
  const res = await s.inject({ method: 'GET', url: `/api/work-orders/${id}` });
  expect(res.statusCode).toBe(200);
  return res.json();
};

/** A complaint about the shop, dispatched to department B and urged (an internal entry). */
async function dispatchedOrder() {
  const filed = await tourist.inject({
    method: 'POST',
    url: '/api/work-orders',
    payload: { kind: 'complaint', text: '在古城一家银器店被强迫购物，店员不买不让走，要求退款。', businessId: biz.id },
  });
  expect(filed.statusCode).toBe(201);
  const id = filed.json().id as string;
  await post(dispatcher, id, 'dispatch', { departmentId: deptB.id, coDepartmentIds: [], note: '请核实' });
  await post(dispatcher, id, 'urge', { reason: '督办：请加快核实该店' });
  return id;
}

describe('timeline visibility', () => {
  it('the business and the tourist never read internal entries; handlers read them all', async () => {
    const id = await dispatchedOrder();
    // The wrong department returns it with a reason (a note between handlers); the right one handles it.
    await post(staffB, id, 'return', { reason: '不属本部门职责，该店已被我局另案立案调查' });
    await post(dispatcher, id, 'dispatch', { departmentId: deptA.id, coDepartmentIds: [], note: '' });
    await post(staffA, id, 'accept');
    await post(staffA, id, 'involve-business', { text: '请商户说明情况并提供销售记录' });
    await post(shop, id, 'business-reply', { text: '我店愿意退款，导游与本店无关' });
    await post(staffA, id, 'resolve', { text: INVESTIGATION });

    const handler = await timelineOf(dispatcher, id);
    const all = handler.timeline.map((e) => e.action);
    expect(all).toEqual(
      expect.arrayContaining(['submit', 'classify', 'dispatch', 'urge', 'return', 'involve_business', 'resolve']),
    );
    expect(handler.timeline.every((e) => e.visibility !== null)).toBe(true);
    expect(handler.answer).toBe(INVESTIGATION);

    const business = await timelineOf(shop, id);
    expect(business.timeline.map((e) => e.action)).toEqual(['submit', 'involve_business', 'business_reply']);
    const businessText = JSON.stringify(business);
    expect(businessText).not.toContain('立案调查');
    expect(businessText).not.toContain('督办');
    expect(business.answer).toBeNull();
    expect(business.timeline.every((e) => e.visibility === null)).toBe(true);

    const own = await timelineOf(tourist, id);
    const touristActions = own.timeline.map((e) => e.action);
    expect(touristActions).toEqual(['submit', 'dispatch', 'dispatch', 'accept', 'resolve']);
    expect(JSON.stringify(own.timeline)).not.toContain('另案立案调查');
    expect(JSON.stringify(own.timeline)).not.toContain('导游与本店无关');
    expect(own.answer).toBe(INVESTIGATION);

    // The tourist's personal-data export holds what the portal shows, not more.
    const exported = await tourist.inject({ method: 'GET', url: '/api/me/data' });
    expect(exported.statusCode).toBe(200);
    expect(exported.body).toContain(INVESTIGATION);
    expect(exported.body).not.toContain('另案立案调查');
    expect(exported.body).not.toContain('督办');
  });

  it('an answer the department chose to show the business as well reaches it; by default it does not', async () => {
    for (const audience of [undefined, 'all'] as const) {
      const id = await dispatchedOrder();
      const text = `已约谈商户，退款已到账（${audience ?? 'tourist'}）。`;
      await post(staffB, id, 'accept');
      await post(staffB, id, 'involve-business', { text: '请说明' });
      await post(staffB, id, 'reply', { text, ...(audience ? { audience } : {}) });
      const business = await timelineOf(shop, id);
      const replies = business.timeline.filter((e) => e.action === 'reply');
      if (audience === 'all') {
        expect(replies.map((e) => e.note)).toEqual([text]);
        expect(business.answer).toBe(text);
      } else {
        expect(replies).toEqual([]);
        expect(business.answer).toBeNull();
      }
      const own = await timelineOf(tourist, id);
      expect(own.timeline.filter((e) => e.action === 'reply').map((e) => e.note)).toEqual([text]);
    }
  });

  it('refuses an audience that is not an answer’s', async () => {
    const id = await dispatchedOrder();
    const res = await staffB.inject({
      method: 'POST',
      url: `/api/work-orders/${id}/reply`,
      payload: { text: '内部', audience: 'internal' },
    });
    expect(res.statusCode).toBe(400);
  });
});
