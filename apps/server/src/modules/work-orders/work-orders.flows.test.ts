import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, loginStaff, loginTourist, type TSession, type TTestApp } from '../../test/build-test-app.js';
import { buildBusiness, buildDepartment, buildUser, TEST_PASSWORD } from '../../test/factories.js';
import { slaTimers } from './work-orders.tables.js';

let t: TTestApp;
let dispatcher: TSession;
let admin: TSession;
let staff: TSession;
let tourist: TSession;
let deptId: string;
let bizId: string;

beforeAll(async () => {
  t = await buildTestApp();
  const db = t.database.db;
  deptId = (await buildDepartment(db)).id;
  bizId = (await buildBusiness(db)).id;
  dispatcher = await loginStaff(t.app, (await buildUser(db, { role: 'dispatcher' })).username!, TEST_PASSWORD);
  admin = await loginStaff(t.app, (await buildUser(db, { role: 'system_admin' })).username!, TEST_PASSWORD);
  staff = await loginStaff(
    t.app,
    (await buildUser(db, { role: 'department_staff', departmentId: deptId })).username!,
    TEST_PASSWORD,
  );
  tourist = await loginTourist(t.app, '13400000001');
});
afterAll(() => t.close());

const submit = (text: string, extra: object = {}) =>
  tourist.inject({
    method: 'POST',
    url: '/api/work-orders',
    payload: { kind: 'complaint', text, businessId: bizId, ...extra },
  });

describe('dispatcher tools', () => {
  it('shows likely duplicates and merges one into the other', async () => {
    const a = (await submit('古城银器店强迫购物，导游不买不让走，要求退款。')).json();
    const b = (await submit('古城银器店强迫购物，导游说不买不让走，要求退款！')).json();
    const d = await dispatcher.inject({ method: 'GET', url: `/api/work-orders/${b.id}/duplicates` });
    expect(d.statusCode).toBe(200);
    expect(d.json()[0]).toMatchObject({ id: a.id });
    expect(d.json()[0].score).toBeGreaterThan(0.5);
    const merged = await dispatcher.inject({
      method: 'POST',
      url: `/api/work-orders/${b.id}/merge`,
      payload: { intoId: a.id },
    });
    expect(merged.json().status).toBe('merged');
    const self = await dispatcher.inject({
      method: 'POST',
      url: `/api/work-orders/${a.id}/merge`,
      payload: { intoId: a.id },
    });
    expect(self.statusCode).toBe(422);
  });

  it('auto-dispatches when switched on for the category and the classifier is confident enough', async () => {
    const off = (await submit('在网上订的门票到了景区说无效，平台客服不回复。')).json();
    expect(off.status).toBe('pending');
    const put = await admin.inject({
      method: 'PUT',
      url: '/api/admin/category-routing',
      payload: {
        items: [
          {
            category: off.classification?.category ?? 'online_booking',
            departmentId: deptId,
            autoDispatch: true,
            threshold: 0,
          },
        ],
      },
    });
    expect(put.statusCode).toBe(200);
    const view = await dispatcher.inject({ method: 'GET', url: `/api/work-orders/${off.id}` });
    const category = view.json().classification.category;
    const put2 = await admin.inject({
      method: 'PUT',
      url: '/api/admin/category-routing',
      payload: { items: [{ category, departmentId: deptId, autoDispatch: true, threshold: 0 }] },
    });
    expect(put2.statusCode, put2.body).toBe(200);
    const on = (await submit('在网上订的门票到了景区说无效，平台客服不回复。')).json();
    expect(on.status).toBe('dispatched');
    expect(on.departmentId).toBe(deptId);
    const bad = await admin.inject({
      method: 'PUT',
      url: '/api/admin/category-routing',
      payload: { items: [{ category: 'nope', departmentId: deptId, autoDispatch: true, threshold: 2 }] },
    });
    expect(bad.statusCode).toBe(400);
  });
});

describe('asking the tourist for material', () => {
  it('pauses the resolution clock and resumes it with the time that was left', async () => {
    const o = (await submit('酒店拒绝退还押金，前台态度恶劣。')).json();
    await dispatcher.inject({
      method: 'POST',
      url: `/api/work-orders/${o.id}/dispatch`,
      payload: { departmentId: deptId, note: '' },
    });
    await staff.inject({ method: 'POST', url: `/api/work-orders/${o.id}/accept` });
    const due0 = new Date(o.resolutionDueAt).getTime();
    t.clock.advance(5 * 60_000);
    const asked = await staff.inject({
      method: 'POST',
      url: `/api/work-orders/${o.id}/request-material`,
      payload: { text: '请上传押金收据照片' },
    });
    expect(asked.json().status).toBe('awaiting_material');
    const timers = () => t.database.db.select().from(slaTimers).where(eq(slaTimers.workOrderId, o.id));
    expect((await timers()).map((x) => x.clock)).toEqual([]);
    t.clock.advance(20 * 60_000); // within the 30-minute idle timeout of both sessions
    const supplied = await tourist.inject({
      method: 'POST',
      url: `/api/work-orders/${o.id}/supply-material`,
      payload: { text: '收据已补充' },
    });
    expect(supplied.json().status).toBe('handling');
    expect(new Date(supplied.json().resolutionDueAt).getTime() - due0).toBe(20 * 60_000);
    const [timer] = await timers();
    expect(timer.clock).toBe('resolution');
    expect(timer.deadlineAt.getTime()).toBe(due0 + 20 * 60_000);
    // Another tourist cannot supply material to this order.
    const other = await loginTourist(t.app, '13400000002');
    expect(
      (await other.inject({ method: 'POST', url: `/api/work-orders/${o.id}/supply-material`, payload: { text: 'x' } }))
        .statusCode,
    ).toBe(404);
  });
});

describe("a tourist's own data", () => {
  it('exports everything they filed, and deleting the account erases the phone and ends the session', async () => {
    const me = await loginTourist(t.app, '13400000077');
    await me.inject({
      method: 'POST',
      url: '/api/work-orders',
      payload: { kind: 'suggestion', text: '建议景区增加母婴室，方便带孩子的游客。' },
    });
    const data = await me.inject({ method: 'GET', url: '/api/me/data' });
    expect(data.statusCode).toBe(200);
    expect(data.json().account.phone).toBe('13400000077');
    expect(data.json().workOrders).toHaveLength(1);
    expect((await staff.inject({ method: 'GET', url: '/api/me/data' })).statusCode).toBe(403);
    expect((await me.inject({ method: 'DELETE', url: '/api/me' })).statusCode).toBe(204);
    expect((await me.inject({ method: 'GET', url: '/api/auth/me' })).statusCode).toBe(401);
    const again = await loginTourist(t.app, '13400000077');
    expect((await again.inject({ method: 'GET', url: '/api/work-orders/mine' })).json().total).toBe(0);
  });
});
