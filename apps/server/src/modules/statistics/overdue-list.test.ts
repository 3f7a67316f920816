import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, loginStaff, loginTourist, type TSession, type TTestApp } from '../../test/build-test-app.js';
import { buildBusiness, buildDepartment, buildUser, TEST_PASSWORD } from '../../test/factories.js';
import { sweepSlaTimers } from '../work-orders/index.js';

let t: TTestApp;
let dispatcher: TSession;
let headA: TSession;
let headB: TSession;
let deptA: { id: string };
let deptB: { id: string };
const HOUR = 3_600_000;

type TItem = {
  id: string;
  status: string;
  overdueClock: string;
  overdueMinutes: number;
  stage: string;
  urgeCount: number;
  departmentName: string;
  businessName: string | null;
};

beforeAll(async () => {
  t = await buildTestApp();
  const db = t.database.db;
  deptA = await buildDepartment(db, { name: '超时测试甲局', nameEn: 'Overdue Test Bureau A' });
  deptB = await buildDepartment(db);
  const login = async (role: Parameters<typeof buildUser>[1]['role'], departmentId: string | null = null) =>
    loginStaff(t.app, (await buildUser(db, { role, departmentId })).username!, TEST_PASSWORD);
  dispatcher = await login('dispatcher');
  headA = await login('department_head', deptA.id);
  headB = await login('department_head', deptB.id);
});
afterAll(() => t.close());

describe('the overdue list', () => {
  it('gives status, the breached clock, time past the deadline and the stage; the head urges from it', async () => {
    const biz = await buildBusiness(t.database.db, { name: '超时测试客栈', nameEn: 'Overdue Test Inn' });
    const t0 = new Date('2026-11-02T02:00:00Z'); // Monday 10:00 in the prefecture
    t.clock.set(t0);
    const tourist = await loginTourist(t.app, '13500000081');
    const filed = await tourist.inject({
      method: 'POST',
      url: '/api/work-orders',
      payload: { kind: 'complaint', text: '客栈拒绝退还押金，态度恶劣。', businessId: biz.id },
    });
    expect(filed.statusCode).toBe(201);
    const id = filed.json().id as string;
    const sent = await dispatcher.inject({
      method: 'POST',
      url: `/api/work-orders/${id}/dispatch`,
      payload: { departmentId: deptA.id },
    });
    expect(sent.statusCode).toBe(200);
    // 37 hours on: the 24-hour resolution clock is 13 hours late, past 150% (second urge), short of 200%
    const later = new Date(t0.getTime() + 37 * HOUR);
    // each sweep takes a clock one stage on, as the running sweeper would over those hours
    for (let i = 0; i < 6; i++) await sweepSlaTimers(t.database.db, t.app.events, { now: later });
    t.clock.set(later);
    const list = async (s: TSession, q = '') => {
      const res = await s.inject({ method: 'GET', url: `/api/statistics/work-orders/overdue${q}` });
      expect(res.statusCode).toBe(200);
      return res.json().items as TItem[];
    };
    const mine = (await list(headA)).find((i) => i.id === id);
    expect(mine).toMatchObject({
      status: 'dispatched',
      overdueClock: 'resolution',
      overdueMinutes: 13 * 60,
      stage: 'urge_2',
      departmentName: '超时测试甲局',
      businessName: '超时测试客栈',
    });
    const en = await headA.inject({
      method: 'GET',
      url: '/api/statistics/work-orders/overdue',
      headers: { 'accept-language': 'en' },
    });
    expect(en.json().items.find((i: TItem) => i.id === id)).toMatchObject({
      departmentName: 'Overdue Test Bureau A',
      businessName: 'Overdue Test Inn',
    });
    // filters: by clock and by status
    expect((await list(headA, '?clock=response')).map((i) => i.id)).not.toContain(id);
    expect((await list(headA, '?status=handling')).map((i) => i.id)).not.toContain(id);
    expect((await list(dispatcher, `?departmentId=${deptA.id}&status=dispatched`)).map((i) => i.id)).toContain(id);
    const bad = await dispatcher.inject({ method: 'GET', url: '/api/statistics/work-orders/overdue?clock=lunch' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().field).toBe('clock');
    // another department's head neither sees it nor urges it
    expect((await list(headB)).map((i) => i.id)).not.toContain(id);
    const foreign = await headB.inject({
      method: 'POST',
      url: `/api/work-orders/${id}/urge`,
      payload: { reason: '请尽快办理' },
    });
    expect([403, 404]).toContain(foreign.statusCode);
    // the head urges it: the order counts the urge, the list shows it
    const urged = await headA.inject({
      method: 'POST',
      url: `/api/work-orders/${id}/urge`,
      payload: { reason: '已超时，请今日办结' },
    });
    expect(urged.statusCode).toBe(200);
    expect((await list(headA)).find((i) => i.id === id)?.urgeCount).toBe((mine?.urgeCount ?? 0) + 1);
  });
});

describe('the statistics export', () => {
  it('is named by the prefecture’s date, not the UTC one', async () => {
    // 01:30 on 3 November in Asia/Shanghai is still 2 November in UTC
    t.clock.set(new Date('2026-11-02T17:30:00Z'));
    const res = await dispatcher.inject({ method: 'GET', url: '/api/statistics/work-orders/export' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toContain('work-order-statistics-2026-11-03.xlsx');
    expect(res.headers['content-disposition']).not.toContain('2026-11-02');
  });
});
