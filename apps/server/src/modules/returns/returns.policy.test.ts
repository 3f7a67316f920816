import { randomUUID } from 'node:crypto';
import { ROLES } from '@zhilv/contracts';
import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TActor } from '../../platform/actor.js';
import { buildTestApp, type TTestApp } from '../../test/build-test-app.js';
import { can, visibleWhere } from './returns.policy.js';
import { listReturns } from './returns.store.js';
import { returnRequests } from './returns.tables.js';

/**
 * The return requests' one rule, answered two ways: over random actors and requests (some escalated into work
 * orders of random departments) on a real database, the list query with `visibleWhere(actor)` returns exactly the
 * requests `can(actor, 'view', request, order)` accepts.
 */
let t: TTestApp;
beforeAll(async () => {
  t = await buildTestApp({ demo: false });
});
afterAll(() => t.close());

const DEPTS = [randomUUID(), randomUUID(), randomUUID()];
const TOURISTS = [randomUUID(), randomUUID()];
const SHOPS = [randomUUID(), randomUUID()];
const maybe = <T>(xs: T[]) => fc.option(fc.constantFrom(...xs), { nil: null });

const requestArb = fc.record({
  touristUserId: fc.constantFrom(...TOURISTS),
  businessId: fc.constantFrom(...SHOPS),
  order: fc.option(fc.record({ departmentId: maybe(DEPTS), coDepartmentIds: fc.subarray(DEPTS) }), { nil: null }),
});
const actorArb = fc.record({
  id: maybe(TOURISTS),
  role: fc.constantFrom(...ROLES, 'system' as const, 'anonymous' as const),
  displayName: fc.constant('x'),
  departmentId: maybe(DEPTS),
  businessId: maybe(SHOPS),
  ip: fc.constant(null),
}) satisfies fc.Arbitrary<TActor>;

let run = 0;

describe('return access: can(view) agrees with visibleWhere', () => {
  it('lists exactly the requests can() lets the actor view', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(requestArb, { minLength: 1, maxLength: 8 }),
        fc.array(actorArb, { minLength: 1, maxLength: 6 }),
        async (requests, actors) => {
          run++;
          // Each run's requests are newer than every earlier run's: they lead the newest-first page.
          const at = new Date(Date.UTC(2030, 0, 1) + run * 3_600_000);
          const db = t.database.db;
          const rows = [];
          for (const [i, r] of requests.entries()) {
            let workOrderId: string | null = null;
            if (r.order) {
              workOrderId = randomUUID();
              // Written as SQL here: this module reads work orders only through the work-orders module.
              await db.execute(sql`insert into work_orders (id, tracking_no, kind, source, status, text, department_id,
                co_department_ids) values (${workOrderId}, ${`RP${run}-${i}-${workOrderId.slice(0, 8)}`}, 'complaint',
                'system', 'dispatched', 'return escalated', ${r.order.departmentId},
                ${`{${r.order.coDepartmentIds.join(',')}}`}::uuid[])`);
            }
            const [row] = await db
              .insert(returnRequests)
              .values({
                trackingNo: `TH-policy-${run}-${i}-${randomUUID().slice(0, 8)}`,
                touristUserId: r.touristUserId,
                businessId: r.businessId,
                item: '银手镯',
                goodsCategory: 'silver_jewelry',
                amountFen: 100,
                purchasedOn: '2029-12-30',
                shopDueAt: at,
                workOrderId,
                status: workOrderId ? 'escalated' : 'submitted',
                createdAt: at,
              })
              .returning();
            rows.push({ row, order: r.order });
          }
          const ours = new Set(rows.map((r) => r.row.id));
          for (const actor of actors) {
            const expected = rows
              .filter((r) => can(actor, 'view', r.row, r.order))
              .map((r) => r.row.id)
              .sort();
            const { items } = await listReturns(db, visibleWhere(actor), { page: 1, pageSize: 100 });
            const listed = items
              .map((r) => r.id)
              .filter((id) => ours.has(id))
              .sort();
            expect(listed, actor.role).toEqual(expected);
          }
        },
      ),
      { numRuns: 30 },
    );
  });
});
