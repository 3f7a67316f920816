import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, loginStaff, loginTourist, type TSession, type TTestApp } from '../../test/build-test-app.js';
import { buildDepartment, buildUser, TEST_PASSWORD } from '../../test/factories.js';

let t: TTestApp;
let tourist: TSession;
let dispatcher: TSession;
let staff: TSession;
let deptId: string;
const MIN = 60_000;

beforeAll(async () => {
  t = await buildTestApp();
  deptId = (await buildDepartment(t.database.db)).id;
  dispatcher = await loginStaff(
    t.app,
    (await buildUser(t.database.db, { role: 'dispatcher' })).username!,
    TEST_PASSWORD,
  );
  staff = await loginStaff(
    t.app,
    (await buildUser(t.database.db, { role: 'department_staff', departmentId: deptId })).username!,
    TEST_PASSWORD,
  );
  tourist = await loginTourist(t.app, '13500000091');
});
afterAll(() => t.close());

describe('the answer time of a reopened order', () => {
  it('keeps the first reply’s time through the reopen and the second answer', async () => {
    const t0 = new Date('2026-11-10T02:00:00Z');
    const at = (m: number) => t.clock.set(new Date(t0.getTime() + m * MIN));
    at(0);
    const filed = await tourist.inject({
      method: 'POST',
      url: '/api/work-orders',
      payload: { kind: 'complaint', text: '餐厅菜价与菜单不符，多收了钱。' },
    });
    const id = filed.json().id as string;
    const post = async (s: TSession, action: string, payload: object = {}) => {
      const res = await s.inject({ method: 'POST', url: `/api/work-orders/${id}/${action}`, payload });
      expect(res.statusCode, `${action}: ${res.body}`).toBe(200);
      return res.json();
    };
    at(1);
    await post(dispatcher, 'dispatch', { departmentId: deptId });
    at(2);
    await post(staff, 'accept');
    at(30);
    const replied = await post(staff, 'reply', { text: '已联系餐厅核实，正在处理。' });
    const firstReply = new Date(t0.getTime() + 30 * MIN).toISOString();
    expect(replied.answeredAt).toBe(firstReply);
    const respondedAt = replied.respondedAt;
    at(90);
    await post(staff, 'resolve', { text: '餐厅已退还多收的 38 元。' });
    at(200);
    const reopened = await post(tourist, 'rate', { satisfaction: 'unsatisfied', reason: '没有道歉' });
    expect(reopened.status).toBe('handling');
    // what the tourist's answer card showed before: resolvedAt ?? respondedAt — the reopen moved it to the accept
    expect(reopened.resolvedAt).toBeNull();
    expect(reopened.answeredAt).toBe(firstReply);
    expect(reopened.respondedAt).toBe(respondedAt);
    at(300);
    const again = await post(staff, 'resolve', { text: '餐厅已书面道歉并退款。' });
    expect(again.answeredAt).toBe(firstReply);
    expect(again.respondedAt).toBe(respondedAt);
    const seen = (await tourist.inject({ method: 'GET', url: `/api/work-orders/${id}` })).json();
    expect(seen.answeredAt).toBe(firstReply);
  });
});
