import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, loginStaff, loginTourist, type TSession, type TTestApp } from '../../test/build-test-app.js';
import { buildBusiness, buildDepartment, buildUser, TEST_PASSWORD } from '../../test/factories.js';

let t: TTestApp;
let deptA: { id: string };
let deptB: { id: string };
let biz: { id: string };
let dispatcher: TSession;
let staffA: TSession;
let staffB: TSession;
let tourist1: TSession;
let tourist2: TSession;
let bizUser: TSession;

const complaint = (text = '在古城一家银器店被强迫购物，导游不买不让走，要求退款。') => ({
  kind: 'complaint',
  text,
  businessId: biz.id,
});

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
  bizUser = await login('business', { businessId: biz.id });
  tourist1 = await loginTourist(t.app, '13700000001');
  tourist2 = await loginTourist(t.app, '13700000002');
});
afterAll(() => t.close());

async function submit(s: TSession, body: object = complaint(), headers: Record<string, string> = {}) {
  return s.inject({ method: 'POST', url: '/api/work-orders', payload: body, headers });
}

describe('tourist files an appeal', () => {
  it('gets a tracking number, a 5-minute response and 24-hour resolution clock, and a timeline', async () => {
    const res = await submit(tourist1);
    expect(res.statusCode).toBe(201);
    const d = res.json();
    expect(d.trackingNo).toMatch(/^ZL\d{8}\d{6}$/);
    expect(d.status).toBe('pending');
    const created = new Date(d.createdAt).getTime();
    expect(new Date(d.responseDueAt).getTime() - created).toBe(5 * 60_000);
    expect(new Date(d.resolutionDueAt).getTime() - created).toBe(24 * 3_600_000);
    expect(d.timeline.map((e: { action: string }) => e.action)).toEqual(['submit']);
    expect(d.classification).toBeNull(); // classification is for staff
  });

  it('requires consent to the privacy notice first', async () => {
    const fresh = await loginTourist(t.app, '13700000009', false);
    const res = await submit(fresh);
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('consent_required');
  });

  it('rejects bad input with a field, unknown properties and a missing business', async () => {
    const short = await submit(tourist1, { kind: 'complaint', text: 'x' });
    expect(short.statusCode).toBe(400);
    expect(short.json().field).toBe('text');
    const extra = await submit(tourist1, { ...complaint(), status: 'closed' });
    expect(extra.statusCode).toBe(400);
    const badBiz = await submit(tourist1, { ...complaint(), businessId: '00000000-0000-4000-8000-000000000000' });
    expect(badBiz.statusCode).toBe(422);
    expect(badBiz.json()).toMatchObject({ code: 'business_not_found', field: 'businessId' });
    const photos = await submit(tourist1, { ...complaint(), photoIds: ['00000000-0000-4000-8000-000000000000'] });
    expect(photos.statusCode).toBe(422);
  });

  it('one Idempotency-Key replayed concurrently makes one order; another body with it is refused', async () => {
    const key = `key-${Date.now()}`;
    const answers = await Promise.all(
      Array.from({ length: 8 }, () =>
        submit(tourist1, complaint('同一条投诉，重复提交测试，商户拒绝退款。'), { 'idempotency-key': key }),
      ),
    );
    const ok = answers.filter((a) => a.statusCode === 201);
    expect(ok.length).toBeGreaterThan(0);
    expect(answers.every((a) => a.statusCode === 201 || a.statusCode === 409)).toBe(true);
    expect(new Set(ok.map((a) => a.json().id)).size).toBe(1);
    const mine = await tourist1.inject({ method: 'GET', url: '/api/work-orders/mine?q=重复提交测试' });
    expect(mine.json().total).toBe(1);
    const other = await submit(tourist1, complaint('另一条内容完全不同的投诉文字。'), { 'idempotency-key': key });
    expect(other.statusCode).toBe(422);
  });
});

describe('the order lifecycle across roles', () => {
  it('dispatch → accept → resolve → unsatisfied reopens once → resolve → closed', async () => {
    const id = (await submit(tourist1)).json().id;
    const post = (s: TSession, path: string, payload?: object) =>
      s.inject({ method: 'POST', url: `/api/work-orders/${id}/${path}`, payload });

    expect((await post(staffA, 'accept')).statusCode).toBe(404); // not dispatched to A yet: invisible
    const d1 = await post(dispatcher, 'dispatch', {
      departmentId: deptA.id,
      coDepartmentIds: [deptB.id],
      note: '请核实',
    });
    expect(d1.statusCode).toBe(200);
    expect(d1.json().status).toBe('dispatched');
    expect((await post(staffB, 'accept')).statusCode).toBe(403); // co-department sees but does not handle
    expect((await post(tourist2, 'rate', { satisfaction: 'satisfied' })).statusCode).toBe(404);
    const acc = await post(staffA, 'accept');
    expect(acc.json().status).toBe('handling');
    expect(acc.json().respondedAt).not.toBeNull();
    expect((await post(staffA, 'accept')).statusCode).toBe(409);
    const res1 = await post(staffA, 'resolve', { text: '已责令商户退款。' });
    expect(res1.json().status).toBe('resolved');
    const rate1 = await post(tourist1, 'rate', { satisfaction: 'unsatisfied', reason: '没有退款' });
    expect(rate1.json().status).toBe('handling');
    expect(rate1.json().reopenCount).toBe(1);
    await post(staffA, 'resolve', { text: '商户已退款 300 元。' });
    const rate2 = await post(tourist1, 'rate', { satisfaction: 'unsatisfied' });
    expect(rate2.json().status).toBe('closed');
    const view = await tourist1.inject({ method: 'GET', url: `/api/work-orders/${id}` });
    const actions = view.json().timeline.map((e: { action: string }) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['submit', 'dispatch', 'accept', 'resolve', 'rate', 'reopen']));
    expect(view.json().timeline.every((e: { actorName: string | null }) => e.actorName === null)).toBe(true);
  });

  it('return goes back to the dispatcher; transfer moves it to another department', async () => {
    const id = (await submit(tourist1)).json().id;
    const post = (s: TSession, path: string, payload?: object) =>
      s.inject({ method: 'POST', url: `/api/work-orders/${id}/${path}`, payload });
    await post(dispatcher, 'dispatch', { departmentId: deptA.id, note: '' });
    const ret = await post(staffA, 'return', { reason: '不属于本部门职责' });
    expect(ret.json().status).toBe('pending');
    expect(ret.json().departmentId).toBeNull();
    await post(dispatcher, 'dispatch', { departmentId: deptA.id, note: '' });
    const tr = await post(staffA, 'transfer', { departmentId: deptB.id, reason: '转交职能部门' });
    expect(tr.statusCode).toBe(200);
    expect((await staffA.inject({ method: 'GET', url: `/api/work-orders/${id}` })).statusCode).toBe(404);
    expect((await post(staffB, 'accept')).json().status).toBe('handling');
  });

  it('the business sees an order only once involved, and answers it', async () => {
    const id = (await submit(tourist1)).json().id;
    const post = (s: TSession, path: string, payload?: object) =>
      s.inject({ method: 'POST', url: `/api/work-orders/${id}/${path}`, payload });
    await post(dispatcher, 'dispatch', { departmentId: deptA.id, note: '' });
    await post(staffA, 'accept');
    expect((await bizUser.inject({ method: 'GET', url: `/api/work-orders/${id}` })).statusCode).toBe(404);
    await post(staffA, 'involve-business', { text: '请商户说明情况' });
    expect((await bizUser.inject({ method: 'GET', url: `/api/work-orders/${id}` })).statusCode).toBe(200);
    expect((await post(bizUser, 'business-reply', { text: '已联系游客协商退款' })).statusCode).toBe(200);
  });

  it('hides the reporter of an anonymous report from handlers', async () => {
    const res = await submit(tourist1, {
      kind: 'report',
      text: '举报有黑导在古城门口拉客，收费后甩客。',
      businessId: biz.id,
      anonymous: true,
    });
    const id = res.json().id;
    await dispatcher.inject({
      method: 'POST',
      url: `/api/work-orders/${id}/dispatch`,
      payload: { departmentId: deptA.id, note: '' },
    });
    const seen = await staffA.inject({ method: 'GET', url: `/api/work-orders/${id}` });
    expect(seen.json().anonymous).toBe(true);
    expect(seen.json().reporterName).toBeNull();
    expect(seen.json().reporterPhoneMasked).toBeNull();
    const own = await tourist1.inject({ method: 'GET', url: `/api/work-orders/${id}` });
    expect(own.json().reporterPhoneMasked).toBe('137****0001');
  });

  it('other tourists and other departments cannot read an order (IDOR)', async () => {
    const id = (await submit(tourist1)).json().id;
    expect((await tourist2.inject({ method: 'GET', url: `/api/work-orders/${id}` })).statusCode).toBe(404);
    expect((await staffB.inject({ method: 'GET', url: `/api/work-orders/${id}` })).statusCode).toBe(404);
    const list = await staffB.inject({ method: 'GET', url: '/api/work-orders?pageSize=200' });
    expect(list.json().items.some((o: { id: string }) => o.id === id)).toBe(false);
  });
});

describe('public intake and pages', () => {
  it('takes a suggestion without login and answers a tracking number', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/work-orders/suggestion-box',
      payload: { text: '建议景区增加直饮水点和休息座椅。', contactPhone: '13600000000' },
    });
    expect(res.statusCode).toBe(201);
    expect(res.json().trackingNo).toMatch(/^ZL/);
  });

  it('classifies text by the public contract', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/work-orders/classify',
      payload: { text: '出租车不打表，绕路多收了我一百块' },
    });
    expect(res.statusCode).toBe(200);
    const c = res.json();
    expect(Object.keys(c).sort()).toEqual(['alternatives', 'category', 'confidence', 'department', 'keywords']);
    expect(c.confidence).toBeGreaterThanOrEqual(0);
    expect(c.confidence).toBeLessThanOrEqual(1);
  });

  it('does not rank a business with fewer than the minimum orders', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/public/work-orders/rates?by=business' });
    expect(res.statusCode).toBe(200);
    const row = res.json().items.find((r: { id: string }) => r.id === biz.id);
    expect(row.volume).toBeGreaterThanOrEqual(5);
    expect(row.ranked).toBe(true);
    expect(res.json().items.every((r: { ranked: boolean; volume: number }) => r.ranked === r.volume >= 5)).toBe(true);
  });
});
