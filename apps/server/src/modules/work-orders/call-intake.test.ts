import { and, eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, smsOutbox } from '../../platform/platform.tables.js';
import { buildTestApp, loginStaff, loginTourist, type TSession, type TTestApp } from '../../test/build-test-app.js';
import { buildBusiness, buildDepartment, buildUser, TEST_PASSWORD } from '../../test/factories.js';
import { workOrders } from './work-orders.tables.js';

let t: TTestApp;
let biz: { id: string };
let dispatcher: TSession;
const others = new Map<string, TSession>();
const CALLER = '13912345678';
let n = 0;
const key = () => `call-key-${Date.now()}-${++n}`;

beforeAll(async () => {
  t = await buildTestApp();
  const db = t.database.db;
  const dept = await buildDepartment(db);
  biz = await buildBusiness(db);
  const login = async (role: Parameters<typeof buildUser>[1]['role'], extra = {}) => {
    const u = await buildUser(db, { role, ...extra });
    return loginStaff(t.app, u.username!, TEST_PASSWORD);
  };
  dispatcher = await login('dispatcher');
  others.set('leader', await login('leader'));
  others.set('department_staff', await login('department_staff', { departmentId: dept.id }));
  others.set('department_head', await login('department_head', { departmentId: dept.id }));
  others.set('grid_worker', await login('grid_worker'));
  others.set('business', await login('business', { businessId: biz.id }));
  others.set('volunteer', await login('volunteer'));
  others.set('system_admin', await login('system_admin'));
  others.set('tourist', await loginTourist(t.app, '13700000031'));
});
afterAll(() => t.close());

const minutesAgo = (m: number) => new Date(t.clock.now().getTime() - m * 60_000).toISOString();
const call = (over: object = {}) => ({
  source: 'hotline',
  callerPhone: CALLER,
  calledAt: minutesAgo(30),
  kind: 'complaint',
  category: 'shopping_quality',
  text: '来电反映古城银器店以次充好，要求退款，商家拒绝。',
  businessId: biz.id,
  ...over,
});
const log = (s: TSession, body: object, k: string | null = key(), lang = 'zh-CN') =>
  s.inject({
    method: 'POST',
    url: '/api/work-orders/calls',
    payload: body,
    headers: { ...(k ? { 'idempotency-key': k } : {}), 'accept-language': lang },
  });
const ordersWithText = async (text: string) => t.database.db.select().from(workOrders).where(eq(workOrders.text, text));

describe('hotline and walk-in intake (POST /api/work-orders/calls)', () => {
  it('logs a call as a hotline order whose clocks start at the call, the caller masked, audited and texted', async () => {
    const body = call();
    const res = await log(dispatcher, body);
    expect(res.statusCode).toBe(201);
    const d = res.json();
    expect(d.trackingNo).toMatch(/^ZL\d{14}$/);
    expect(d.source).toBe('hotline');
    expect(d.kind).toBe('complaint');
    expect(d.category).toBe('shopping_quality');
    expect(d.businessId).toBe(biz.id);
    // the clock starts at the call (30 minutes ago), not at entry
    expect(d.createdAt).toBe(body.calledAt);
    expect(new Date(d.responseDueAt).getTime() - Date.parse(body.calledAt)).toBe(5 * 60_000);
    expect(new Date(d.resolutionDueAt).getTime() - Date.parse(body.calledAt)).toBe(24 * 3_600_000);
    expect(d.timeline[0]).toMatchObject({ action: 'submit', at: body.calledAt });
    expect(d.timeline[0].note).toMatch(/^热线来电登记，录入于 \d{4}-\d\d-\d\d \d\d:\d\d · hotline call/);
    // the caller's number only masked in the answer
    expect(d.reporterPhoneMasked).toBe('139****5678');
    expect(res.body).not.toContain(CALLER);
    const [row] = await t.database.db.select().from(workOrders).where(eq(workOrders.id, d.id));
    expect(row.contactPhone).toBe(CALLER);
    expect(row.reporterUserId).toBeNull();
    const audit = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.objectId, d.id), eq(auditLog.action, 'work_order.submit')));
    expect(audit).toHaveLength(1);
    expect(audit[0].actorId).toBe(dispatcher.userId);
    expect(audit[0].actorRole).toBe('dispatcher');
    expect(JSON.stringify(audit[0])).not.toContain(CALLER);
    const sms = await t.database.db
      .select()
      .from(smsOutbox)
      .where(like(smsOutbox.text, `%${d.trackingNo}%`));
    expect(sms.map((s) => s.phone)).toEqual([CALLER]);
  });

  it('a walk-in from a landline (hyphen dropped), no business, no SMS', async () => {
    const text = '窗口来访：咨询泸沽湖景区预约入园的规则和时间。';
    const res = await log(
      dispatcher,
      call({ source: 'walk_in', callerPhone: '0888-5123456', kind: 'consultation', businessId: undefined, text }),
    );
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ source: 'walk_in', businessId: null, reporterPhoneMasked: '088****3456' });
    const sms = await t.database.db
      .select()
      .from(smsOutbox)
      .where(like(smsOutbox.text, `%${res.json().trackingNo}%`));
    expect(sms).toHaveLength(0);
  });

  it('a replayed Idempotency-Key answers the same order once; another body under it is refused', async () => {
    const text = '来电：某客栈实际房型与预订不符，要求处理。重复提交测试。';
    const k = key();
    const [a, b] = await Promise.all([log(dispatcher, call({ text }), k), log(dispatcher, call({ text }), k)]);
    const ok = [a, b].filter((r) => r.statusCode === 201);
    expect(ok.length).toBeGreaterThanOrEqual(1);
    for (const r of [a, b]) expect([201, 409]).toContain(r.statusCode);
    const again = await log(dispatcher, call({ text }), k);
    expect(again.statusCode).toBe(201);
    expect(again.json().id).toBe(ok[0].json().id);
    expect(await ordersWithText(text)).toHaveLength(1);
    expect((await log(dispatcher, call({ text: `${text}改` }), k)).statusCode).toBe(422);
    expect((await log(dispatcher, call({ text }), null)).json()).toMatchObject({
      code: 'idempotency_key_required',
      field: 'Idempotency-Key',
    });
  });

  it('refuses a time of call in the future or more than 24 hours back, with the field; writes nothing', async () => {
    const text = '来电时间校验：这通电话不应生成工单。';
    const future = await log(dispatcher, call({ text, calledAt: minutesAgo(-10) }), key(), 'en');
    expect(future.statusCode).toBe(422);
    expect(future.json()).toMatchObject({
      code: 'called_at_future',
      field: 'calledAt',
      message: 'The time of the call cannot be in the future',
    });
    const old = await log(dispatcher, call({ text, calledAt: minutesAgo(24 * 60 + 5) }));
    expect(old.statusCode).toBe(422);
    expect(old.json()).toMatchObject({
      code: 'called_at_too_old',
      field: 'calledAt',
      message: '来电时间不能早于 24 小时前',
    });
    // a minute of clock skew is not the future; 23 h 50 min back is still a day
    expect((await log(dispatcher, call({ text: `${text}A`, calledAt: minutesAgo(-1) }))).statusCode).toBe(201);
    expect((await log(dispatcher, call({ text: `${text}B`, calledAt: minutesAgo(23 * 60 + 50) }))).statusCode).toBe(
      201,
    );
    expect(await ordersWithText(text)).toHaveLength(0);
  });

  it('bad input is a 400/422 naming the field, never a 500 or half an order', async () => {
    const text = '输入校验：这通电话不应生成工单，号码不对。';
    expect((await log(dispatcher, call({ text, callerPhone: '12345' }))).json()).toMatchObject({
      code: 'validation_failed',
      field: 'callerPhone',
    });
    expect((await log(dispatcher, call({ text, source: 'portal' }))).json().field).toBe('source');
    expect([400, 422]).toContain(
      (await log(dispatcher, call({ text, calledAt: '2026-02-30T10:00:00+08:00' }))).statusCode,
    );
    expect((await log(dispatcher, call({ text: '短' }))).json().field).toBe('text');
    const unknown = await log(dispatcher, call({ text, businessId: '00000000-0000-4000-8000-000000000000' }));
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json()).toMatchObject({ code: 'business_not_found', field: 'businessId' });
    expect(await ordersWithText(text)).toHaveLength(0);
  });

  it('only the dispatcher may log calls: every other role 403, anonymous 401', async () => {
    for (const [role, s] of others) {
      const res = await log(s, call({ text: `角色校验 ${role}：不应生成工单。` }));
      expect(res.statusCode, role).toBe(403);
    }
    const anon = await t.app.inject({
      method: 'POST',
      url: '/api/work-orders/calls',
      payload: call(),
      headers: { 'idempotency-key': key() },
    });
    expect(anon.statusCode).toBe(401);
  });
});
