import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgres, rowsOf, type TDatabase, type TDb } from '../../db/client.js';
import { buildTestApp, loginStaff, type TSession, type TTestApp } from '../../test/build-test-app.js';
import { buildUser, TEST_PASSWORD } from '../../test/factories.js';
import { loadSlaContext, routingFor } from './clocks.js';

/**
 * The SLA policies, the holiday calendar and the category routing are cached 30 s per instance. A change made
 * anywhere else — another instance, or SQL by hand — must reach this instance's cache at once, through the tables'
 * zl_sla notices. The change is made through another connection (on PostgreSQL a second pool, as another process
 * would have; PGlite has one connection), never through this instance's code, which would clear the cache itself.
 */
let t: TTestApp;
let other: { db: TDb; database: TDatabase | null };
let admin: TSession;

beforeAll(async () => {
  t = await buildTestApp();
  let database: TDatabase | null = null;
  if (t.database.kind === 'postgres') {
    const [{ name }] = rowsOf<{ name: string }>(await t.database.db.execute(sql`select current_database() as name`));
    const u = new URL(process.env.TEST_DATABASE_URL!);
    u.pathname = `/${name}`;
    database = await openPostgres(u.toString(), 2);
  }
  other = { db: database?.db ?? t.database.db, database };
  const u = await buildUser(t.database.db, { role: 'system_admin' });
  admin = await loginStaff(t.app, u.username!, TEST_PASSWORD);
});
afterAll(async () => {
  await other.database?.close();
  await t.close();
});

/** Polls until `seen` holds; answers how long it took (fails after 2 s, far below the cache's 30 s). */
async function within(seen: () => Promise<boolean>) {
  const t0 = performance.now();
  while (performance.now() - t0 < 2000) {
    if (await seen()) return performance.now() - t0;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error('the cached copy outlived a change made elsewhere');
}

const policies = async () =>
  (await admin.inject({ method: 'GET', url: '/api/admin/sla-policies' })).json().items as {
    kind: string;
    response: { amount: number };
  }[];

describe('the SLA cache across instances', () => {
  it('a policy changed elsewhere is seen here at once', async () => {
    const before = (await policies()).find((p) => p.kind === 'complaint')?.response.amount;
    expect(before).toBeDefined();
    await other.db.execute(
      sql`insert into sla_policies (kind, category, response_amount, response_unit, resolution_amount, resolution_unit, pause_on_material)
          values ('complaint', null, 7, 'minutes', 1440, 'minutes', true)
          on conflict (kind, coalesce(category, '')) do update set response_amount = 7`,
    );
    await within(async () => (await policies()).find((p) => p.kind === 'complaint')?.response.amount === 7);
  });

  it('a holiday and a routing change elsewhere are seen here at once', async () => {
    await loadSlaContext(t.database.db);
    await routingFor(t.database.db);
    await other.db.execute(sql`insert into holidays (date, kind, name) values ('2027-02-17', 'holiday', '春节')`);
    await within(async () => (await loadSlaContext(t.database.db)).calendar.holidays.has('2027-02-17'));
    const cached = await routingFor(t.database.db);
    expect(cached.find((r) => r.category === 'transport')).toBeUndefined();
    await other.db.execute(
      sql`insert into category_routing (category, auto_dispatch, threshold) values ('transport', false, 0.6)`,
    );
    await within(async () => (await routingFor(t.database.db)).some((r) => r.category === 'transport'));
  });
});
