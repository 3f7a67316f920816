import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TTestApp } from '../../test/build-test-app.js';
import { newOrderTimers } from './clocks.js';
import { insertWorkOrders, trackingNumberSql } from './work-orders.store.js';
import { slaTimers, workOrders } from './work-orders.tables.js';

let t: TTestApp;
beforeAll(async () => {
  t = await buildTestApp({ demo: false });
});
afterAll(() => t.close());

describe('insertWorkOrders (one statement written by hand, decoded as drizzle decodes)', () => {
  it('answers each row exactly as drizzle reads it back: jsonb, arrays, doubles, instants, nulls, defaults', async () => {
    const now = new Date('2026-11-24T03:04:05.678Z');
    const photo = randomUUID();
    const values = [
      {
        id: randomUUID(),
        trackingNo: trackingNumberSql(now),
        kind: 'complaint',
        source: 'portal',
        status: 'pending' as const,
        category: 'price_fraud',
        text: '结账时乱收费，"引号" \\ 反斜杠 and English',
        lng: 100.2345678,
        lat: 26.8765432,
        occurredAt: new Date('2026-11-23T12:00:00.001Z'),
        photoIds: [photo],
        classification: { category: 'price_fraud', confidence: 0.8, keywords: ['乱收费'], nested: { a: [1, null] } },
        createdAt: now,
        updatedAt: now,
        responseDueAt: new Date(now.getTime() + 5 * 60_000),
        resolutionDueAt: new Date(now.getTime() + 24 * 3_600_000),
      },
      {
        id: randomUUID(),
        trackingNo: trackingNumberSql(now),
        kind: 'suggestion',
        source: 'suggestion_box',
        status: 'pending' as const,
        category: null,
        text: 'plain',
        lng: null,
        lat: null,
        occurredAt: null,
        photoIds: [],
        classification: null,
        createdAt: now,
        updatedAt: now,
        responseDueAt: null,
        resolutionDueAt: null,
      },
    ];
    const timers = newOrderTimers({ id: values[0].id, departmentId: null }, now, {
      response: values[0].responseDueAt!,
      resolution: values[0].resolutionDueAt!,
    });
    const saved = await t.database.db.transaction((tx) => insertWorkOrders(tx, values, timers));
    for (const v of values) {
      const [back] = await t.database.db.select().from(workOrders).where(eq(workOrders.id, v.id));
      expect(saved.get(v.id)).toEqual(back);
      expect(back.trackingNo).toMatch(/^ZL20261124\d{6}$/);
      expect(back.photoIds).toEqual(v.photoIds);
      expect(back.classification).toEqual(v.classification);
      expect(back.text).toBe(v.text);
      expect(back.lng).toBe(v.lng);
      expect(back.occurredAt?.toISOString() ?? null).toBe(v.occurredAt?.toISOString() ?? null);
      expect(back.coDepartmentIds).toEqual([]);
      expect(back.reopenCount).toBe(0);
    }
    expect(saved.get(values[0].id)!.trackingNo).not.toBe(saved.get(values[1].id)!.trackingNo);
    const clocks = await t.database.db.select().from(slaTimers).where(eq(slaTimers.workOrderId, values[0].id));
    expect(clocks.map((c) => c.clock).sort()).toEqual(['resolution', 'response']);
    const res = (await t.database.db.execute(
      sql`select count(*)::int as n from sla_timers where work_order_id = ${values[1].id}`,
    )) as unknown as { rows?: { n: number }[] } | { n: number }[];
    expect((Array.isArray(res) ? res : (res.rows ?? []))[0].n).toBe(0);
  });

  it('is a prepared statement on the PostgreSQL server: the same text, parsed once per connection, answers again', async () => {
    const make = () => {
      const now = new Date();
      const id = randomUUID();
      const due = { response: new Date(now.getTime() + 5 * 60_000), resolution: new Date(now.getTime() + 86_400_000) };
      const order = {
        id,
        trackingNo: trackingNumberSql(now),
        kind: 'complaint',
        source: 'portal',
        status: 'pending' as const,
        text: `第二次 ${id}`,
        createdAt: now,
        updatedAt: now,
        responseDueAt: due.response,
        resolutionDueAt: due.resolution,
      };
      return { order, timers: newOrderTimers({ id, departmentId: null }, now, due) };
    };
    // Twice on one connection (one transaction): the second run binds the statement the first one prepared.
    const prepared = await t.database.db.transaction(async (tx) => {
      for (const { order, timers } of [make(), make()]) {
        const saved = await insertWorkOrders(tx, [order], timers);
        expect(saved.get(order.id)?.text).toBe(order.text);
      }
      if (t.database.kind !== 'postgres') return null;
      const res = (await tx.execute(
        sql`select count(*)::int as n from pg_prepared_statements where name like 'zl\_%' and statement like '%insert into "work_orders"%'`,
      )) as unknown as { rows: { n: number }[] };
      return res.rows[0].n;
    });
    // Unnamed statements are not kept; this connection keeps the insert (the first test's column set may be there
    // too). PGlite runs in process and has no statements to keep.
    if (t.database.kind === 'postgres') expect(prepared).toBeGreaterThanOrEqual(1);
  });

  it('keeps answering when another instance adds a column (a rolling deploy): the insert names what it returns', async () => {
    let second: string | undefined;
    await t.database.db
      .transaction(async (tx) => {
        const now = new Date();
        const order = () => ({
          id: randomUUID(),
          trackingNo: trackingNumberSql(now),
          kind: 'complaint',
          source: 'portal',
          status: 'pending' as const,
          text: '滚动升级',
          createdAt: now,
          updatedAt: now,
        });
        await insertWorkOrders(tx, [order()], []);
        // What a newer instance's migration might do, on this connection, with the statement prepared already.
        await tx.execute(sql`alter table work_orders add column zl_rolling_deploy_probe int`);
        const o = order();
        second = (await insertWorkOrders(tx, [o], [])).get(o.id)?.text;
        tx.rollback();
      })
      .catch((e: Error) => {
        if (!/rollback/i.test(e.message)) throw e;
      });
    expect(second).toBe('滚动升级');
  });
});
