import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, loginTourist, type TSession, type TTestApp } from '../../test/build-test-app.js';
import { buildBusiness } from '../../test/factories.js';

let t: TTestApp;
let bizId: string;
const tourists: TSession[] = [];
const rows = <T>(r: unknown) => (Array.isArray(r) ? r : (r as { rows: T[] }).rows) as T[];

beforeAll(async () => {
  t = await buildTestApp();
  bizId = (await buildBusiness(t.database.db)).id;
  for (let i = 0; i < 3; i++) tourists.push(await loginTourist(t.app, `1370000000${i}`));
}, 60_000);
afterAll(() => t.close());

type TPlan = { who: number; key: string; body: { kind: string; text: string; businessId?: string }; expect: string };

describe('intake group commit', () => {
  it('a burst of appeals: each caller gets its own answer, orders are written together, nothing is lost', async () => {
    const run = randomUUID().slice(0, 8);
    const plans: TPlan[] = [];
    for (let i = 0; i < 48; i++) {
      plans.push({
        who: i % 3,
        key: randomUUID(),
        body: { kind: 'complaint', text: `${run} 第${i}条：导游强迫购物，不买不让走。`, businessId: bizId },
        expect: 'created',
      });
    }
    // Mixed in: unknown businesses (422 each), replays of earlier keys (the same order), one key reused with
    // another body (422), and the same new key twice in the burst (one order).
    for (let i = 0; i < 4; i++)
      plans.push({
        who: i % 3,
        key: randomUUID(),
        body: { kind: 'complaint', text: `${run} 无此商户 ${i}`, businessId: randomUUID() },
        expect: 'unknown_business',
      });
    for (const i of [1, 5, 9]) plans.push({ ...plans[i], expect: `replay:${i}` });
    plans.push({ ...plans[2], body: { kind: 'complaint', text: `${run} 另一段文字` }, expect: 'mismatch' });
    const twin = { who: 0, key: randomUUID(), body: { kind: 'suggestion', text: `${run} 双胞胎建议，增加座椅。` } };
    plans.push({ ...twin, expect: 'twin' }, { ...twin, expect: 'twin' });

    const answers = await Promise.all(
      plans.map((p) =>
        tourists[p.who].inject({
          method: 'POST',
          url: '/api/work-orders',
          payload: p.body,
          headers: { 'idempotency-key': p.key },
        }),
      ),
    );

    const ids = new Map<number, string>();
    answers.forEach((a, i) => {
      const p = plans[i];
      if (p.expect === 'created') {
        expect(a.statusCode).toBe(201);
        ids.set(i, a.json().id);
        expect(a.json().trackingNo).toMatch(/^ZL\d{14}$/);
      } else if (p.expect === 'unknown_business') {
        expect(a.statusCode).toBe(422);
        expect(a.json()).toMatchObject({ code: 'business_not_found', field: 'businessId' });
      } else if (p.expect === 'mismatch') {
        expect(a.statusCode).toBe(422);
      } else {
        expect([201, 409]).toContain(a.statusCode);
      }
    });
    answers.forEach((a, i) => {
      const m = plans[i].expect.match(/^replay:(\d+)$/);
      if (m && a.statusCode === 201) expect(a.json().id).toBe(ids.get(Number(m[1])));
    });
    const twins = answers.filter((a, i) => plans[i].expect === 'twin' && a.statusCode === 201);
    expect(new Set(twins.map((a) => a.json().id)).size).toBe(1);

    // From the database: exactly the 48 orders plus the twin, each with its clocks, timeline and audit entry by
    // its own tourist — and, on the PostgreSQL server, fewer transactions than orders: committed in groups.
    const db = t.database.db;
    const orders = rows<{ id: string; reporter_user_id: string; tracking_no: string; xid: string }>(
      await db.execute(sql`select id, reporter_user_id, tracking_no, xmin::text as xid from work_orders
        where text like ${`${run}%`}`),
    );
    expect(orders.length).toBe(49);
    expect(new Set(orders.map((o) => o.tracking_no)).size).toBe(49);
    // On PGlite every request queues for its one connection before it reaches intake, so appeals arrive one by
    // one and each is its own transaction; on the server they overlap and are grouped.
    if (t.database.kind === 'postgres') expect(new Set(orders.map((o) => o.xid)).size).toBeLessThan(49);
    const orderIds = orders.map((o) => o.id);
    const idList = sql.join(
      orderIds.map((id) => sql`${id}::uuid`),
      sql`, `,
    );
    const [timers] = rows<{ n: number }>(
      await db.execute(sql`select count(*)::int as n from sla_timers where work_order_id in (${idList})`),
    );
    expect(timers.n).toBe(98);
    const events = rows<{ work_order_id: string; actor_id: string | null; action: string }>(
      await db.execute(
        sql`select work_order_id, actor_id, action from work_order_events where work_order_id in (${idList})`,
      ),
    );
    const audits = rows<{ object_id: string; actor_id: string }>(
      await db.execute(sql`select object_id, actor_id from audit_log
        where action = 'work_order.submit' and object_id in (${sql.join(
          orderIds.map((id) => sql`${id}`),
          sql`, `,
        )})`),
    );
    for (const o of orders) {
      const submit = events.filter((e) => e.work_order_id === o.id && e.action === 'submit');
      expect(submit.map((e) => e.actor_id)).toEqual([o.reporter_user_id]);
      expect(events.filter((e) => e.work_order_id === o.id && e.action === 'classify')).toHaveLength(1);
      expect(audits.filter((a) => a.object_id === o.id).map((a) => a.actor_id)).toEqual([o.reporter_user_id]);
    }
    // Each tourist sees exactly their own.
    const mine = await tourists[1].inject({ method: 'GET', url: `/api/work-orders/mine?q=${encodeURIComponent(run)}` });
    expect(mine.json().total).toBe(orders.filter((o) => o.reporter_user_id === tourists[1].userId).length);
  });
});
