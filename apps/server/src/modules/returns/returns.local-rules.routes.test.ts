import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sweepDeadlines } from '../../platform/deadlines/index.js';
import { auditLog, notifications } from '../../platform/platform.tables.js';
import type { TSession, TTestApp } from '../../test/build-test-app.js';
import { workOrders } from '../work-orders/work-orders.tables.js';
import { REFUND_DEADLINE } from './index.js';
import { compensationFundLedger, returnRequests } from './returns.tables.js';
import { buildReturnsWorld, buildShop, fileReturn, staffSession, tourist } from './test-helpers.js';

/**
 * Issue 18 §3: the local rules (本地规则), the pledge and the catalogue behind eligibility, the invoice number, the
 * order registered at filing, refund or exchange with its own deadline, and the fund's ledger for ordinary
 * complaints too — over HTTP, with wrong roles, other owners' objects and bad input.
 */
let t: TTestApp;
let market: { id: string };
let shopA: { biz: { id: string }; account: TSession };
let shopB: { biz: { id: string }; account: TSession };
let touristA: TSession;
let touristB: TSession;
let admin: TSession;
let dispatcher: TSession;
let leader: TSession;
let marketStaff: TSession;

beforeAll(async () => {
  const w = await buildReturnsWorld();
  t = w.t;
  market = w.market;
  shopA = await buildShop(t);
  shopB = await buildShop(t);
  touristA = await tourist(t);
  touristB = await tourist(t);
  admin = await staffSession(t, 'system_admin');
  dispatcher = await staffSession(t, 'dispatcher');
  leader = await staffSession(t, 'leader');
  marketStaff = await staffSession(t, 'department_staff', { departmentId: market.id });
});
afterAll(() => t.close());

const HOUR = 3_600_000;
const get = (s: TSession, url: string) => s.inject({ method: 'GET', url });
const send = (s: TSession, method: 'POST' | 'PUT' | 'DELETE', url: string, payload?: object) =>
  s.inject({ method, url, payload });
const auditOf = (action: string) => t.database.db.select().from(auditLog).where(eq(auditLog.action, action));

describe('the local rules (本地规则)', () => {
  it('default to 72 hours for the shop and 168 for the refund; the admin changes them, audited; others may not', async () => {
    expect((await get(admin, '/api/returns/rules')).json()).toEqual({ shopAnswerHours: 72, refundHours: 168 });
    expect((await get(shopA.account, '/api/returns/rules')).statusCode).toBe(200);
    expect((await get(touristA, '/api/returns/rules')).statusCode).toBe(403);
    const body = { shopAnswerHours: 48, refundHours: 120 };
    for (const s of [dispatcher, shopA.account, touristA, marketStaff])
      expect((await send(s, 'PUT', '/api/admin/return-rules', body)).statusCode).toBe(403);
    for (const bad of [{ shopAnswerHours: 0, refundHours: 1 }, { shopAnswerHours: 48 }, { ...body, extra: 1 }])
      expect((await send(admin, 'PUT', '/api/admin/return-rules', bad)).statusCode).toBe(400);
    const ok = await send(admin, 'PUT', '/api/admin/return-rules', body);
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toEqual(body);
    const [row] = (await auditOf('return_rules.update')).slice(-1);
    expect(row.before).toMatchObject({ shopAnswerHours: 72, refundHours: 168 });
    expect(row.after).toMatchObject(body);
    try {
      // A request filed now has 48 hours; its acceptance 120 to refund.
      const r = (await fileReturn(t, touristA, shopA.biz.id)).json();
      expect(new Date(r.shopDueAt).getTime() - new Date(r.createdAt).getTime()).toBe(48 * HOUR);
      const a = (await send(shopA.account, 'POST', `/api/returns/${r.id}/answer`, { decision: 'accept' })).json();
      expect(new Date(a.refundDueAt).getTime() - new Date(a.timeline[1].at).getTime()).toBe(120 * HOUR);
    } finally {
      await send(admin, 'PUT', '/api/admin/return-rules', { shopAnswerHours: 72, refundHours: 168 });
    }
  });
});

describe('eligibility: the signed pledge and the goods catalogue', () => {
  it('a shop without the pledge is refused (422 on businessId); it signs on its console; the admin sees who signed', async () => {
    const unsigned = await buildShop(t, 'shop', false);
    const refused = await fileReturn(t, touristA, unsigned.biz.id);
    expect(refused.statusCode).toBe(422);
    expect(refused.json()).toMatchObject({ code: 'return_no_pledge', field: 'businessId' });
    expect((await get(unsigned.account, '/api/returns/pledge')).json()).toMatchObject({ signedAt: null });
    const list0 = (await get(admin, '/api/admin/return-pledges')).json();
    expect(list0.items.find((p: { businessId: string }) => p.businessId === unsigned.biz.id).signedAt).toBeNull();
    const signed = await send(unsigned.account, 'POST', '/api/returns/pledge');
    expect(signed.statusCode).toBe(200);
    expect(signed.json().signedAt).toBe(t.clock.now().toISOString());
    // signing again keeps the first date and writes no second audit row
    await send(unsigned.account, 'POST', '/api/returns/pledge');
    const rows = (await auditOf('return_pledge.sign')).filter((x) => x.objectId === unsigned.biz.id);
    expect(rows).toHaveLength(1);
    const list = (await get(admin, '/api/admin/return-pledges')).json();
    expect(list.items.find((p: { businessId: string }) => p.businessId === unsigned.biz.id).signedAt).toBeTruthy();
    expect((await fileReturn(t, touristA, unsigned.biz.id)).statusCode).toBe(201);
    // withdrawn: refused again
    expect((await send(unsigned.account, 'DELETE', '/api/returns/pledge')).json().signedAt).toBeNull();
    expect((await fileReturn(t, touristA, unsigned.biz.id)).json().code).toBe('return_no_pledge');
    expect((await auditOf('return_pledge.withdraw')).some((x) => x.objectId === unsigned.biz.id)).toBe(true);
  });

  it('pledges: only a business signs its own; only the admin lists them', async () => {
    for (const s of [touristA, dispatcher, admin])
      expect((await send(s, 'POST', '/api/returns/pledge')).statusCode).toBe(403);
    for (const s of [shopA.account, dispatcher, touristA])
      expect((await get(s, '/api/admin/return-pledges')).statusCode).toBe(403);
  });

  it('the catalogue: seeded in and out of scope; the admin adds and moves categories, audited; filing follows it', async () => {
    const cat = (await get(touristA, '/api/returns/catalogue')).json().items as {
      code: string;
      inScope: boolean;
    }[];
    expect(cat.find((c) => c.code === 'silk')?.inScope).toBe(true);
    expect(cat.find((c) => c.code === 'jade_gems')?.inScope).toBe(true);
    expect(cat.find((c) => c.code === 'fresh_food')?.inScope).toBe(false);
    const entry = { code: 'pu_er_cake', nameZh: '普洱茶饼', nameEn: 'Pu’er tea cake', inScope: false, sort: 45 };
    for (const s of [dispatcher, shopA.account, touristA])
      expect((await send(s, 'PUT', '/api/admin/return-goods', entry)).statusCode).toBe(403);
    const badCode = await send(admin, 'PUT', '/api/admin/return-goods', { ...entry, code: 'Bad Code' });
    expect(badCode.statusCode).toBe(400);
    expect((await send(admin, 'PUT', '/api/admin/return-goods', { ...entry, nameZh: '' })).statusCode).toBe(400);
    expect((await send(admin, 'PUT', '/api/admin/return-goods', entry)).statusCode).toBe(200);
    const out = await fileReturn(t, touristA, shopA.biz.id, { goodsCategory: 'pu_er_cake' });
    expect(out.statusCode).toBe(422);
    expect(out.json()).toMatchObject({ code: 'return_goods_out_of_scope', field: 'goodsCategory' });
    expect((await send(admin, 'PUT', '/api/admin/return-goods', { ...entry, inScope: true })).statusCode).toBe(200);
    const filed = await fileReturn(t, touristA, shopA.biz.id, { goodsCategory: 'pu_er_cake' });
    expect(filed.statusCode).toBe(201);
    expect(filed.json()).toMatchObject({ goodsCategoryName: '普洱茶饼', goodsCategoryNameEn: 'Pu’er tea cake' });
    const unknown = await fileReturn(t, touristA, shopA.biz.id, { goodsCategory: 'no_such_goods' });
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json().code).toBe('return_goods_unknown');
    const audited = await auditOf('return_goods.update');
    expect(audited.at(-1)?.before).toMatchObject({ code: 'pu_er_cake', inScope: false });
    expect(audited.at(-1)?.after).toMatchObject({ code: 'pu_er_cake', inScope: true });
  });

  it('records the invoice number; a request without one is 400', async () => {
    const r = await fileReturn(t, touristA, shopA.biz.id, { invoiceNo: '  FP-2026-0042 ' });
    expect(r.statusCode).toBe(201);
    expect(r.json().invoiceNo).toBe('FP-2026-0042');
    const none = await fileReturn(t, touristA, shopA.biz.id, { invoiceNo: undefined });
    expect(none.statusCode).toBe(400);
    expect((await fileReturn(t, touristA, shopA.biz.id, { invoiceNo: '' })).statusCode).toBe(400);
  });
});

describe('registered in the complaint system when filed', () => {
  it('a work order with source return exists from filing; accepting or refusing never makes a second', async () => {
    const r = (await fileReturn(t, touristA, shopA.biz.id)).json();
    expect(r.workOrderId).toBeTruthy();
    const o = (await get(marketStaff, `/api/work-orders/${r.workOrderId}`)).json();
    expect(o).toMatchObject({ source: 'return', kind: 'complaint', category: 'shopping_quality' });
    expect(o.text).toContain(r.trackingNo);
    const refused = (
      await send(shopA.account, 'POST', `/api/returns/${r.id}/answer`, { decision: 'refuse', note: '不退' })
    ).json();
    expect(refused.workOrderId).toBe(r.workOrderId);
    const orders = await t.database.db.select().from(workOrders).where(eq(workOrders.reporterUserId, touristA.userId!));
    expect(orders.filter((x) => x.text.includes(r.trackingNo))).toHaveLength(1);
  });
});

describe('the procedure finished: refund or exchange', () => {
  it('the shop accepts an exchange and records it done; the tourist and the order see it', async () => {
    const r = (await fileReturn(t, touristA, shopA.biz.id)).json();
    const early = await send(shopA.account, 'POST', `/api/returns/${r.id}/complete`, {});
    expect(early.statusCode).toBe(409);
    expect(early.json().code).toBe('return_not_accepted');
    const bad = await send(shopA.account, 'POST', `/api/returns/${r.id}/answer`, {
      decision: 'accept',
      outcome: 'cash',
    });
    expect(bad.statusCode).toBe(400);
    const a = await send(shopA.account, 'POST', `/api/returns/${r.id}/answer`, {
      decision: 'accept',
      outcome: 'exchange',
    });
    expect(a.json()).toMatchObject({ status: 'accepted', outcome: 'exchange', can: { complete: true } });
    expect((await get(touristA, `/api/returns/${r.id}`)).json().can.complete).toBe(false);
    expect((await send(shopB.account, 'POST', `/api/returns/${r.id}/complete`, {})).statusCode).toBe(404);
    expect((await send(touristA, 'POST', `/api/returns/${r.id}/complete`, {})).statusCode).toBe(403);
    expect((await send(marketStaff, 'POST', `/api/returns/${r.id}/complete`, {})).statusCode).toBe(403);
    const done = await send(shopA.account, 'POST', `/api/returns/${r.id}/complete`, { note: '已换同款' });
    expect(done.statusCode).toBe(200);
    expect(done.json()).toMatchObject({ status: 'exchanged' });
    expect(done.json().timeline.map((e: { action: string }) => e.action)).toEqual(['filed', 'accepted', 'completed']);
    expect((await send(shopA.account, 'POST', `/api/returns/${r.id}/complete`, {})).statusCode).toBe(409);
    const o = (await get(touristA, `/api/work-orders/${r.workOrderId}`)).json();
    expect(o.timeline.filter((e: { action: string }) => e.action === 'business_reply')).toHaveLength(2);
    expect((await auditOf('return_request.complete')).some((x) => x.objectId === r.id)).toBe(true);
    // completed in time: its refund deadline is over, no sweep touches it
    await sweepDeadlines(t.database.db, t.app.events, {
      now: new Date(t.clock.now().getTime() + 400 * HOUR),
      kinds: [REFUND_DEADLINE],
    });
    const [row] = await t.database.db.select().from(returnRequests).where(eq(returnRequests.id, r.id));
    expect(row.status).toBe('exchanged');
  });

  it('a refund not done by its deadline is chased: the shop reminded, then passed to market supervision', async () => {
    const r = (await fileReturn(t, touristA, shopA.biz.id, { amountFen: 30_000 })).json();
    const a = (await send(shopA.account, 'POST', `/api/returns/${r.id}/answer`, { decision: 'accept' })).json();
    expect(a.outcome).toBe('refund');
    const due = new Date(a.refundDueAt).getTime();
    const sweep = (now: number) =>
      sweepDeadlines(t.database.db, t.app.events, { now: new Date(now), kinds: [REFUND_DEADLINE] });
    // at 90% of the time: the reminder only
    await sweep(due - 0.1 * 168 * HOUR);
    let [row] = await t.database.db.select().from(returnRequests).where(eq(returnRequests.id, r.id));
    expect(row.status).toBe('accepted');
    const told = await t.database.db.select().from(notifications).where(eq(notifications.objectId, r.id));
    expect(told.some((n) => n.kind === 'return_refund_remind')).toBe(true);
    // past the deadline: escalated on the same order, the tourist told
    await sweep(due + 60_000);
    [row] = await t.database.db.select().from(returnRequests).where(eq(returnRequests.id, r.id));
    expect(row).toMatchObject({ status: 'escalated', workOrderId: r.workOrderId });
    const seen = (await get(touristA, `/api/returns/${r.id}`)).json();
    expect(seen.timeline.map((e: { action: string }) => e.action)).toEqual([
      'filed',
      'accepted',
      'refund_overdue',
      'escalated',
    ]);
    expect((await auditOf('return_request.refund_overdue')).some((x) => x.objectId === r.id)).toBe(true);
    // now the department may compensate from the fund; the shop can no longer record it done
    expect((await send(shopA.account, 'POST', `/api/returns/${r.id}/complete`, {})).statusCode).toBe(409);
    const paid = await send(marketStaff, 'POST', `/api/returns/${r.id}/compensation`, {
      amountFen: 30_000,
      note: '商家逾期未退款，基金先行赔付',
    });
    expect(paid.statusCode).toBe(200);
    const lines = await t.database.db
      .select()
      .from(compensationFundLedger)
      .where(eq(compensationFundLedger.returnRequestId, r.id));
    expect(lines).toMatchObject([{ workOrderId: r.workOrderId, amountFen: 30_000, decidedRole: 'department_staff' }]);
  });
});

describe('advance compensation on ordinary complaints, from the same fund', () => {
  async function complaint(s: TSession, kind = 'complaint') {
    const res = await s.inject({
      method: 'POST',
      url: '/api/work-orders',
      payload: { kind, text: '在商店买的银器有质量问题，商家不予处理。', businessId: shopB.biz.id },
    });
    expect(res.statusCode).toBe(201);
    return res.json() as { id: string; trackingNo: string };
  }

  it('the command center pays it; ledger line, order step, tourist told, audited; once per order', async () => {
    const o = await complaint(touristB);
    expect((await get(dispatcher, `/api/compensation-fund/work-orders/${o.id}`)).json()).toEqual({
      payout: null,
      mayPay: true,
    });
    const body = { workOrderId: o.id, amountFen: 12_345, note: '经核实，先行赔付后向商家追偿' };
    const paid = await send(dispatcher, 'POST', '/api/compensation-fund/payouts', body);
    expect(paid.statusCode).toBe(201);
    expect(paid.json()).toMatchObject({ workOrderId: o.id, amountFen: 12_345 });
    const again = await send(dispatcher, 'POST', '/api/compensation-fund/payouts', { ...body, amountFen: 1 });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('compensation_already_paid');
    const ledger = (await get(leader, '/api/compensation-fund/ledger')).json();
    const line = ledger.items.find((i: { workOrderId: string }) => i.workOrderId === o.id);
    expect(line).toMatchObject({ amountFen: 12_345, workOrderTrackingNo: o.trackingNo, returnRequestId: null });
    expect(line.businessId).toBe(shopB.biz.id);
    expect(ledger.totalFen).toBeGreaterThanOrEqual(12_345);
    const mine = (await get(touristB, `/api/work-orders/${o.id}`)).json();
    expect(mine.timeline.at(-1)).toMatchObject({ action: 'compensate' });
    expect(mine.timeline.at(-1).note).toContain('¥123.45');
    const audit = (await auditOf('compensation_fund.payout')).filter((x) => x.objectId === o.id);
    expect(audit).toHaveLength(1);
    expect(audit[0].actorRole).toBe('dispatcher');
    expect((await get(dispatcher, `/api/compensation-fund/work-orders/${o.id}`)).json()).toMatchObject({
      payout: { amountFen: 12_345 },
      mayPay: false,
    });
  });

  it('wrong roles 403; bad input 400; a missing order 422; not a complaint or a return’s order 409', async () => {
    const o = await complaint(touristB);
    const body = { workOrderId: o.id, amountFen: 500, note: '先行赔付' };
    for (const s of [marketStaff, leader, shopB.account, touristB, admin])
      expect((await send(s, 'POST', '/api/compensation-fund/payouts', body)).statusCode).toBe(403);
    for (const s of [marketStaff, shopB.account, touristB])
      expect((await get(s, '/api/compensation-fund/ledger')).statusCode).toBe(403);
    for (const bad of [
      { ...body, amountFen: 0 },
      { ...body, amountFen: 1.5 },
      { ...body, note: '' },
      { ...body, workOrderId: 'x' },
    ])
      expect((await send(dispatcher, 'POST', '/api/compensation-fund/payouts', bad)).statusCode).toBe(400);
    const missing = await send(dispatcher, 'POST', '/api/compensation-fund/payouts', {
      ...body,
      workOrderId: '00000000-0000-4000-8000-000000000000',
    });
    expect(missing.statusCode).toBe(422);
    const suggestion = await complaint(touristB, 'suggestion');
    const notComplaint = await send(dispatcher, 'POST', '/api/compensation-fund/payouts', {
      ...body,
      workOrderId: suggestion.id,
    });
    expect(notComplaint.statusCode).toBe(409);
    expect(notComplaint.json().code).toBe('compensation_not_complaint');
    const r = (await fileReturn(t, touristA, shopA.biz.id)).json();
    const fromReturn = await send(dispatcher, 'POST', '/api/compensation-fund/payouts', {
      ...body,
      workOrderId: r.workOrderId,
    });
    expect(fromReturn.statusCode).toBe(409);
    expect(fromReturn.json().code).toBe('compensation_use_return');
  });
});
