import { randomUUID } from 'node:crypto';
import { ROLES } from '@zhilv/contracts';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TActor } from '../../platform/actor.js';
import { buildTestApp, type TTestApp } from '../../test/build-test-app.js';
import { can, departmentQueueOf, visibleWhere } from './work-orders.policy.js';
import { liveOrderEvent } from './work-orders.service.js';
import { listWorkOrders, type TWorkOrderRow } from './work-orders.store.js';
import { workOrders } from './work-orders.tables.js';

/**
 * The one access rule, answered two ways: `can(actor, 'view', order)` in memory and `visibleWhere(actor)` as SQL in
 * the list query. Over random actors and orders on a real database, an order is listed exactly when `can` says the
 * actor may view it — on offset pages and on keyset pages (the department queue's own two-index path).
 */
let t: TTestApp;
beforeAll(async () => {
  t = await buildTestApp({ demo: false });
});
afterAll(() => t.close());

const DEPTS = [randomUUID(), randomUUID(), randomUUID()];
const BUSINESSES = [randomUUID(), randomUUID()];
const PEOPLE = [randomUUID(), randomUUID(), randomUUID()];
const maybe = <T>(xs: T[]) => fc.option(fc.constantFrom(...xs), { nil: null });

const orderArb = fc.record({
  departmentId: maybe(DEPTS),
  coDepartmentIds: fc.subarray(DEPTS),
  reporterUserId: maybe(PEOPLE),
  businessId: maybe(BUSINESSES),
  businessInvolved: fc.boolean(),
  source: fc.constantFrom('portal', 'grid', 'frontline', 'suggestion_box'),
  minutesAgo: fc.integer({ min: 0, max: 10_000 }),
});

const actorArb = fc.record({
  id: maybe(PEOPLE),
  role: fc.constantFrom(...ROLES, 'system' as const, 'anonymous' as const),
  displayName: fc.constant('x'),
  departmentId: maybe(DEPTS),
  businessId: maybe(BUSINESSES),
  ip: fc.constant(null),
}) satisfies fc.Arbitrary<TActor>;

let run = 0;
const AFTER_EVERYTHING = { createdAt: new Date('2100-01-01T00:00:00Z'), id: 'ffffffff-ffff-4fff-bfff-ffffffffffff' };

describe('work-order access: can(view) agrees with visibleWhere', () => {
  it('lists exactly the orders can() lets the actor view (offset and keyset pages)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(orderArb, { minLength: 1, maxLength: 10 }),
        fc.array(actorArb, { minLength: 1, maxLength: 6 }),
        async (orders, actors) => {
          const marker = `policy-run-${++run}-${randomUUID().slice(0, 8)}`;
          const now = Date.now();
          const rows = (await t.database.db
            .insert(workOrders)
            .values(
              orders.map(({ minutesAgo, ...o }, i) => ({
                ...o,
                trackingNo: `${marker}-${i}`,
                kind: 'complaint',
                status: 'pending' as const,
                text: `${marker} 测试工单`,
                createdAt: new Date(now - minutesAgo * 60_000),
              })),
            )
            .returning()) as TWorkOrderRow[];
          for (const actor of actors) {
            const expected = rows
              .filter((o) => can(actor, 'view', o))
              .map((o) => o.id)
              .sort();
            const visible = { where: visibleWhere(actor), departmentQueue: departmentQueueOf(actor) };
            const offset = await listWorkOrders(t.database.db, visible, { q: marker }, { page: 1, pageSize: 50 });
            const keyset = await listWorkOrders(
              t.database.db,
              visible,
              { q: marker },
              { page: 1, pageSize: 50, cursor: AFTER_EVERYTHING },
            );
            expect(offset.items.map((r) => r.order.id).sort(), `${actor.role} offset`).toEqual(expected);
            expect(keyset.items.map((r) => r.order.id).sort(), `${actor.role} keyset`).toEqual(expected);
            if (offset.total >= 0) expect(offset.total).toBe(expected.length);
          }
        },
      ),
      { numRuns: 40 },
    );
  });

  it('live events reach exactly the subscribers can() lets view the order', () => {
    fc.assert(
      fc.property(orderArb, actorArb, (o, actor) => {
        const row = { ...o, id: randomUUID(), status: 'handling', trackingNo: 'ZL1' } as unknown as TWorkOrderRow;
        const sub = {
          userId: actor.id,
          role: actor.role,
          departmentId: actor.departmentId,
          businessId: actor.businessId,
        };
        const event = liveOrderEvent(row);
        expect(event.filter({ ...sub, send: () => {} })).toBe(can(actor, 'view', row));
      }),
      { numRuns: 500 },
    );
  });
});
