import { eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reschedule, STAGE, sweepDeadlines } from '../../platform/deadlines/index.js';
import { smsOutbox } from '../../platform/platform.tables.js';
import type { TSession, TTestApp } from '../../test/build-test-app.js';
import { workOrders } from '../work-orders/work-orders.tables.js';
import { SHOP_DEADLINE } from './index.js';
import { returnRequests } from './returns.tables.js';
import { buildReturnsWorld, buildShop, fileReturn, staffSession, tourist } from './test-helpers.js';

let t: TTestApp;
let market: { id: string };
let shop: { biz: { id: string }; account: TSession };
let touristA: TSession;

beforeAll(async () => {
  const w = await buildReturnsWorld();
  t = w.t;
  market = w.market;
  shop = await buildShop(t);
  touristA = await tourist(t);
});
afterAll(() => t.close());

const HOUR = 3_600_000;
/** One pass of the deadline engine over the shop deadlines, as an instance's sweeper runs it. */
const sweepOverdueReturns = (
  db: TTestApp['database']['db'],
  events: TTestApp['app']['events'],
  opts: { now: Date; batch?: number },
) => sweepDeadlines(db, events, { ...opts, kinds: [SHOP_DEADLINE] });
const ordersAbout = (trackingNo: string) =>
  t.database.db
    .select()
    .from(workOrders)
    .where(like(workOrders.text, `%${trackingNo}%`));

describe('the shop-deadline sweep', () => {
  it('escalates only submitted requests past their hours (72 by default), each once, even with two sweeps at once', async () => {
    const filed = [];
    for (let i = 0; i < 6; i++) filed.push((await fileReturn(t, touristA, shop.biz.id, { item: `商品${i}` })).json());
    // One answered in time, one filed later (not yet due at the sweep's moment).
    await shop.account.inject({
      method: 'POST',
      url: `/api/returns/${filed[0].id}/answer`,
      payload: { decision: 'accept' },
    });
    const start = new Date(filed[0].createdAt).getTime();
    const justDue = new Date(start + 72 * HOUR + 60_000);
    const later = (await fileReturn(t, touristA, shop.biz.id, { item: '晚到的' })).json();
    // As if filed two hours later (moving the test clock that far would idle the sessions out).
    await t.database.db.transaction(async (tx) => {
      await tx
        .update(returnRequests)
        .set({ shopDueAt: new Date(start + 74 * HOUR) })
        .where(eq(returnRequests.id, later.id));
      await reschedule(tx, SHOP_DEADLINE, later.id, [{ name: STAGE.escalate, at: new Date(start + 74 * HOUR + 1) }], {
        start: new Date(start + 2 * HOUR),
      });
    });

    const [a, b] = await Promise.all([
      sweepOverdueReturns(t.database.db, t.app.events, { now: justDue }),
      sweepOverdueReturns(t.database.db, t.app.events, { now: justDue }),
    ]);
    expect(a + b).toBe(5);
    expect(await sweepOverdueReturns(t.database.db, t.app.events, { now: justDue })).toBe(0);

    for (const r of filed.slice(1)) {
      const orders = await ordersAbout(r.trackingNo);
      expect(orders).toHaveLength(1);
      expect(orders[0]).toMatchObject({
        kind: 'complaint',
        source: 'return',
        category: 'shopping_quality',
        status: 'dispatched',
        departmentId: market.id,
        businessId: shop.biz.id,
        reporterUserId: touristA.userId,
      });
      expect(orders[0].text).toContain('商家答复期限');
      const [row] = await t.database.db.select().from(returnRequests).where(eq(returnRequests.id, r.id));
      expect(row).toMatchObject({ status: 'escalated', workOrderId: orders[0].id });
      const sms = await t.database.db
        .select()
        .from(smsOutbox)
        .where(like(smsOutbox.text, `%${r.trackingNo}%`));
      expect(sms.map((s) => s.template)).toEqual(['return_silence']);
    }
    // Every request has its one order from filing, answered or not.
    expect(await ordersAbout(filed[0].trackingNo)).toHaveLength(1);
    expect(await ordersAbout(later.trackingNo)).toHaveLength(1);
    const [l] = await t.database.db.select().from(returnRequests).where(eq(returnRequests.id, later.id));
    expect(l.status).toBe('submitted');

    // The tourist sees the silence and the order; the market department finds it in its queue.
    const seen = (await touristA.inject({ method: 'GET', url: `/api/returns/${filed[1].id}` })).json();
    expect(seen.shopDecision).toBe('silence');
    expect(seen.timeline.map((e: { action: string }) => e.action)).toEqual(['filed', 'silence', 'escalated']);
    const staff = await staffSession(t, 'department_staff', { departmentId: market.id });
    const queue = (await staff.inject({ method: 'GET', url: '/api/work-orders?pageSize=100' })).json();
    expect(queue.items.filter((o: { id: string }) => o.id === seen.workOrderId)).toHaveLength(1);
  });

  it('many concurrent sweeps over many due requests: every request escalated exactly once', async () => {
    const filed = [];
    for (let i = 0; i < 12; i++) filed.push((await fileReturn(t, touristA, shop.biz.id, { item: `批量${i}` })).json());
    const now = new Date(new Date(filed.at(-1).createdAt).getTime() + 73 * HOUR);
    const counts = await Promise.all(
      Array.from({ length: 4 }, () => sweepOverdueReturns(t.database.db, t.app.events, { now, batch: 5 })),
    );
    let total = counts.reduce((x, y) => x + y, 0);
    while (true) {
      const n = await sweepOverdueReturns(t.database.db, t.app.events, { now, batch: 5 });
      if (!n) break;
      total += n;
    }
    expect(total).toBe(12);
    for (const r of filed) expect(await ordersAbout(r.trackingNo)).toHaveLength(1);
  });
});
