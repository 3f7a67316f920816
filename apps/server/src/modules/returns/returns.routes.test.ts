import { like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { smsOutbox } from '../../platform/platform.tables.js';
import type { TSession, TTestApp } from '../../test/build-test-app.js';
import {
  buildReturnsWorld,
  buildShop,
  daysAgo,
  fileReturn,
  staffSession,
  tourist,
  uploadReceipt,
} from './test-helpers.js';

let t: TTestApp;
let market: { id: string };
let culture: { id: string };
let shopA: { biz: { id: string }; account: TSession };
let shopB: { biz: { id: string }; account: TSession };
let touristA: TSession;
let touristB: TSession;
let marketStaff: TSession;
let cultureStaff: TSession;
let dispatcher: TSession;
let leader: TSession;

beforeAll(async () => {
  const w = await buildReturnsWorld();
  t = w.t;
  market = w.market;
  culture = w.culture;
  shopA = await buildShop(t);
  shopB = await buildShop(t);
  touristA = await tourist(t);
  touristB = await tourist(t);
  marketStaff = await staffSession(t, 'department_staff', { departmentId: market.id });
  cultureStaff = await staffSession(t, 'department_staff', { departmentId: culture.id });
  dispatcher = await staffSession(t, 'dispatcher');
  leader = await staffSession(t, 'leader');
});
afterAll(() => t.close());

/** The SMS templates sent about one request, oldest first (the demo provider writes the outbox table). */
async function smsTo(trackingNo: string) {
  const rows = await t.database.db
    .select()
    .from(smsOutbox)
    .where(like(smsOutbox.text, `%${trackingNo}%`));
  return rows.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime()).map((x) => x.template);
}
const get = (s: TSession, url: string) => s.inject({ method: 'GET', url });
const answer = (s: TSession, id: string, payload: object) =>
  s.inject({ method: 'POST', url: `/api/returns/${id}/answer`, payload });
const compensate = (s: TSession, id: string, payload: object) =>
  s.inject({ method: 'POST', url: `/api/returns/${id}/compensation`, payload });

describe('a tourist files a no-reason return', () => {
  it('gets a tracking number, a 72-hour shop deadline and a timeline; the shop is told', async () => {
    const res = await fileReturn(t, touristA, shopA.biz.id);
    expect(res.statusCode).toBe(201);
    const r = res.json();
    expect(r.trackingNo).toMatch(/^TH\d{8}[0-9A-F]{8}$/);
    expect(r.status).toBe('submitted');
    expect(new Date(r.shopDueAt).getTime() - new Date(r.createdAt).getTime()).toBe(72 * 3_600_000);
    expect(r.timeline.map((e: { action: string }) => e.action)).toEqual(['filed']);
    expect(r.touristPhoneMasked).toMatch(/^136\*{4}\d{4}$/);
    const notes = (await get(shopA.account, '/api/notifications')).json();
    expect(notes.items.some((n: { objectId: string }) => n.objectId === r.id)).toBe(true);
    // The receipt: the tourist and the shop see it, another tourist and another shop do not.
    expect((await get(touristA, `/api/files/${r.receiptFileId}`)).statusCode).toBe(200);
    expect((await get(shopA.account, `/api/files/${r.receiptFileId}`)).statusCode).toBe(200);
    expect((await get(shopB.account, `/api/files/${r.receiptFileId}`)).statusCode).toBe(404);
    expect((await get(touristB, `/api/files/${r.receiptFileId}`)).statusCode).toBe(404);
  });

  it('reads its own list and request; another tourist gets 404 and sees nothing in their list', async () => {
    const r = (await fileReturn(t, touristA, shopA.biz.id)).json();
    expect((await get(touristA, `/api/returns/${r.id}`)).statusCode).toBe(200);
    expect((await get(touristB, `/api/returns/${r.id}`)).statusCode).toBe(404);
    expect((await get(touristB, '/api/returns/00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
    const mine = (await get(touristA, '/api/returns')).json();
    expect(mine.items.some((x: { id: string }) => x.id === r.id)).toBe(true);
    const theirs = (await get(touristB, '/api/returns')).json();
    expect(theirs.items.some((x: { id: string }) => x.id === r.id)).toBe(false);
    // Registered in the complaint system when filed: the market department, dispatcher and leader see it; another
    // department does not.
    for (const s of [marketStaff, dispatcher, leader])
      expect((await get(s, `/api/returns/${r.id}`)).statusCode).toBe(200);
    expect((await get(cultureStaff, `/api/returns/${r.id}`)).statusCode).toBe(404);
  });

  it('refuses 31 days and a future date with the rule code, day 30 is accepted', async () => {
    const old = await fileReturn(t, touristA, shopA.biz.id, { purchasedOn: daysAgo(t, 31) });
    expect(old.statusCode).toBe(422);
    expect(old.json()).toMatchObject({ code: 'return_window_passed', field: 'purchasedOn' });
    expect(old.json().message).toContain('30');
    const future = await fileReturn(t, touristA, shopA.biz.id, { purchasedOn: daysAgo(t, -1) });
    expect(future.json().code).toBe('return_purchase_in_future');
    expect((await fileReturn(t, touristA, shopA.biz.id, { purchasedOn: daysAgo(t, 30) })).statusCode).toBe(201);
  });

  it('refuses excluded goods and a business that is not a shop, in the request language', async () => {
    const fresh = await fileReturn(t, touristA, shopA.biz.id, { goodsCategory: 'fresh_food' });
    expect(fresh.statusCode).toBe(422);
    expect(fresh.json()).toMatchObject({ code: 'return_excluded_perishable', field: 'goodsCategory' });
    const hotel = await buildShop(t, 'hotel');
    const en = await touristA.inject({
      method: 'POST',
      url: '/api/returns?lang=en',
      payload: {
        businessId: hotel.biz.id,
        item: 'Room',
        goodsCategory: 'other_goods',
        amountFen: 100,
        purchasedOn: daysAgo(t, 1),
        reason: 'Changed my mind',
        receiptFileId: await uploadReceipt(touristA),
        invoiceNo: 'R-1',
      },
    });
    expect(en.statusCode).toBe(422);
    expect(en.json().code).toBe('return_business_not_shop');
    expect(en.json().message).toMatch(/not a shop/);
  });

  it('rejects bad input with 400 and someone else’s receipt with 422', async () => {
    const bad = await fileReturn(t, touristA, shopA.biz.id, { amountFen: -5 });
    expect(bad.statusCode).toBe(400);
    const extra = await fileReturn(t, touristA, shopA.biz.id, { status: 'accepted' });
    expect(extra.statusCode).toBe(400);
    const othersPhoto = await uploadReceipt(touristB);
    const res = await fileReturn(t, touristA, shopA.biz.id, { receiptFileId: othersPhoto });
    expect(res.statusCode).toBe(422);
    expect(res.json().code).toBe('file_not_found');
  });

  it('replays the same Idempotency-Key to the same request; another body with that key is 422', async () => {
    const receiptFileId = await uploadReceipt(touristA);
    const first = await fileReturn(t, touristA, shopA.biz.id, { receiptFileId }, 'same-key-12345');
    const again = await fileReturn(t, touristA, shopA.biz.id, { receiptFileId }, 'same-key-12345');
    expect(first.statusCode).toBe(201);
    expect(again.json().id).toBe(first.json().id);
    const other = await fileReturn(t, touristA, shopA.biz.id, { receiptFileId, item: '别的' }, 'same-key-12345');
    expect(other.statusCode).toBe(422);
  });

  it('staff and shops cannot file (403)', async () => {
    const res = await shopA.account.inject({ method: 'POST', url: '/api/returns', payload: {} });
    expect(res.statusCode).toBe(403);
  });
});

describe('the shop answers', () => {
  it('accepts its own request once; a second answer is 409; the tourist is told by notice and SMS', async () => {
    const r = (await fileReturn(t, touristA, shopA.biz.id)).json();
    expect((await get(shopA.account, '/api/returns')).json().items.some((x: { id: string }) => x.id === r.id)).toBe(
      true,
    );
    const ok = await answer(shopA.account, r.id, { decision: 'accept', note: '欢迎带小票来店办理' });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ status: 'accepted', shopDecision: 'accepted', outcome: 'refund' });
    expect(ok.json().workOrderId).toBe(r.workOrderId);
    expect((await answer(shopA.account, r.id, { decision: 'refuse', note: '改主意了' })).statusCode).toBe(409);
    expect(await smsTo(r.trackingNo)).toEqual(['return_accepted']);
  });

  it('another shop gets 404, a tourist 403, a refusal without a reason 400', async () => {
    const r = (await fileReturn(t, touristA, shopA.biz.id)).json();
    expect((await answer(shopB.account, r.id, { decision: 'accept' })).statusCode).toBe(404);
    expect((await get(shopB.account, `/api/returns/${r.id}`)).statusCode).toBe(404);
    expect((await answer(touristA, r.id, { decision: 'accept' })).statusCode).toBe(403);
    const noReason = await answer(shopA.account, r.id, { decision: 'refuse' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().field).toBe('note');
  });

  it('after the shop deadline (72 hours by default) an answer is 409', async () => {
    const r = (await fileReturn(t, touristA, shopA.biz.id)).json();
    const step = 72 * 3_600_000 + 1000;
    t.clock.advance(step);
    try {
      // A fresh sign-in: the other sessions would idle out on the moved clock.
      const shop = await staffSession(t, 'business', { businessId: shopA.biz.id });
      const late = await answer(shop, r.id, { decision: 'accept' });
      expect(late.statusCode).toBe(409);
      expect(late.json().code).toBe('return_answer_overdue');
    } finally {
      t.clock.advance(-step);
    }
  });
});

describe('a refusal passes the order registered at filing to market supervision', () => {
  it('has exactly one dispatched order, visible to that department only, in the tourist’s words', async () => {
    const r = (await fileReturn(t, touristA, shopA.biz.id, { reason: '银镯子戴了一天就发黑，怀疑不是足银' })).json();
    expect(r.workOrderTrackingNo).toMatch(/^ZL\d{14}$/);
    const res = await answer(shopA.account, r.id, { decision: 'refuse', note: '已经佩戴过，不退' });
    expect(res.statusCode).toBe(200);
    const after = res.json();
    expect(after).toMatchObject({ status: 'escalated', shopDecision: 'refused' });
    expect(after.workOrderId).toBe(r.workOrderId);
    expect(after.timeline.map((e: { action: string }) => e.action)).toEqual(['filed', 'refused', 'escalated']);

    const wo = await get(marketStaff, `/api/work-orders/${after.workOrderId}`);
    expect(wo.statusCode).toBe(200);
    const o = wo.json();
    expect(o).toMatchObject({
      kind: 'complaint',
      source: 'return',
      category: 'shopping_quality',
      status: 'dispatched',
      departmentId: market.id,
      businessId: shopA.biz.id,
    });
    expect(o.text).toContain('银镯子戴了一天就发黑');
    expect(o.text).toContain('NO.53070012345');
    expect(o.timeline.map((e: { action: string }) => e.action)).toEqual([
      'submit',
      'dispatch',
      'business_reply',
      'escalate',
    ]);
    expect(o.timeline.find((e: { action: string }) => e.action === 'business_reply').note).toContain(
      '已经佩戴过，不退',
    );
    expect(o.photoIds).toEqual([r.receiptFileId]);
    const queue = (await get(marketStaff, '/api/work-orders?status=dispatched')).json();
    expect(queue.items.filter((x: { id: string }) => x.id === after.workOrderId)).toHaveLength(1);
    // The tourist sees it as their own order; the department sees the request and its receipt.
    expect((await get(touristA, `/api/work-orders/${after.workOrderId}`)).statusCode).toBe(200);
    expect((await get(marketStaff, `/api/returns/${r.id}`)).statusCode).toBe(200);
    expect((await get(marketStaff, `/api/files/${r.receiptFileId}`)).statusCode).toBe(200);
    expect((await get(cultureStaff, `/api/returns/${r.id}`)).statusCode).toBe(404);
    expect((await get(cultureStaff, `/api/files/${r.receiptFileId}`)).statusCode).toBe(404);
    const list = (await get(marketStaff, '/api/returns')).json();
    expect(list.items.some((x: { id: string }) => x.id === r.id)).toBe(true);
    expect((await get(cultureStaff, '/api/returns')).json().items.some((x: { id: string }) => x.id === r.id)).toBe(
      false,
    );
  });
});

describe('advance compensation (先行赔付)', () => {
  async function escalated() {
    const r = (await fileReturn(t, touristA, shopA.biz.id, { amountFen: 20_000 })).json();
    return (await answer(shopA.account, r.id, { decision: 'refuse', note: '不退' })).json();
  }

  it('the market department records it up to the purchase amount; the tourist is told; audit row written', async () => {
    const r = await escalated();
    expect(r.can.compensate).toBe(false); // the shop's view
    const mine = (await get(marketStaff, `/api/returns/${r.id}`)).json();
    expect(mine.can.compensate).toBe(true);
    const over = await compensate(marketStaff, r.id, { amountFen: 20_001, note: '基金先行赔付' });
    expect(over.statusCode).toBe(422);
    expect(over.json()).toMatchObject({ code: 'return_compensation_exceeds', field: 'amountFen' });
    const ok = await compensate(marketStaff, r.id, { amountFen: 20_000, note: '消费维权基金先行赔付' });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ status: 'compensated', compensationFen: 20_000 });
    expect(ok.json().timeline.at(-1).action).toBe('compensated');
    expect((await compensate(marketStaff, r.id, { amountFen: 100, note: '再赔' })).statusCode).toBe(409);
    const seen = (await get(touristA, `/api/returns/${r.id}`)).json();
    expect(seen).toMatchObject({ status: 'compensated', compensationFen: 20_000 });
    expect(await smsTo(r.trackingNo)).toEqual(['return_refused', 'return_compensated']);
    const { auditLog } = await import('../../platform/platform.tables.js');
    const { eq } = await import('drizzle-orm');
    const rows = await t.database.db.select().from(auditLog).where(eq(auditLog.objectId, r.id));
    expect(rows.map((x) => x.action)).toEqual(
      expect.arrayContaining([
        'return_request.file',
        'return_request.refuse',
        'return_request.escalate',
        'return_request.compensate',
      ]),
    );
  });

  it('shows on the work order’s timeline for staff and the tourist, once, with amount, request and note', async () => {
    const r = await escalated();
    const before = (await get(marketStaff, `/api/work-orders/${r.workOrderId}`)).json();
    expect(before.timeline.map((e: { action: string }) => e.action)).not.toContain('compensate');
    expect((await compensate(marketStaff, r.id, { amountFen: 15_000, note: '消费维权基金先行赔付' })).statusCode).toBe(
      200,
    );
    expect((await compensate(marketStaff, r.id, { amountFen: 100, note: '再赔' })).statusCode).toBe(409);
    const order = await get(marketStaff, `/api/work-orders/${r.workOrderId}`);
    expect(order.statusCode).toBe(200);
    const steps = order.json().timeline.filter((e: { action: string }) => e.action === 'compensate');
    expect(steps).toHaveLength(1);
    expect(steps[0]).toMatchObject({
      actorRole: 'department_staff',
      note: `¥150.00 · 退货申请 return request ${r.trackingNo} · 消费维权基金先行赔付`,
    });
    expect(steps[0].departmentName).toBeTruthy();
    expect(order.json().timeline.at(-1).action).toBe('compensate');
    // The tourist the order was filed for sees it in their order's timeline too; the status does not change.
    const mine = (await get(touristA, `/api/work-orders/${r.workOrderId}`)).json();
    expect(mine.timeline.at(-1)).toMatchObject({ action: 'compensate', actorName: null });
    expect(mine.status).toBe(before.status);
  });

  it('rights: another department 404, leader 403, shop and tourist 403, dispatcher may; not before escalation', async () => {
    const r = await escalated();
    const body = { amountFen: 100, note: '先行赔付' };
    expect((await compensate(cultureStaff, r.id, body)).statusCode).toBe(404);
    expect((await compensate(leader, r.id, body)).statusCode).toBe(403);
    expect((await compensate(shopA.account, r.id, body)).statusCode).toBe(403);
    expect((await compensate(touristA, r.id, body)).statusCode).toBe(403);
    expect((await get(leader, `/api/returns/${r.id}`)).statusCode).toBe(200);
    expect((await compensate(dispatcher, r.id, body)).statusCode).toBe(200);
    const timeline = (await get(dispatcher, `/api/work-orders/${r.workOrderId}`)).json().timeline;
    expect(timeline.filter((e: { action: string }) => e.action === 'compensate')).toMatchObject([
      { actorRole: 'dispatcher', departmentName: null },
    ]);
    const fresh = (await fileReturn(t, touristA, shopA.biz.id)).json();
    const early = await compensate(dispatcher, fresh.id, body);
    expect(early.statusCode).toBe(409);
    expect(early.json().code).toBe('return_not_escalated');
  });
});
