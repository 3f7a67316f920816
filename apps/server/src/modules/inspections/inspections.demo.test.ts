import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../../db/client.js';
import { loadDemoDataIfEmpty } from '../../demo/index.js';
import { buildTestApp, loginStaff, type TTestApp } from '../../test/build-test-app.js';

let t: TTestApp;
beforeAll(async () => {
  t = await buildTestApp({ demo: false });
  await loadDemoDataIfEmpty(t.database, t.clock.now());
}, 120_000);
afterAll(() => t.close());

const q = async <T>(s: ReturnType<typeof sql>) => rowsOf<T>(await t.database.db.execute(s));

describe('the demo inspections', () => {
  it('six months of every kind, hazards in every state, a revised checklist, open ones on the engine', async () => {
    const kinds = await q<{ kind: string }>(sql`select distinct kind from inspections order by 1`);
    expect(kinds.map((k) => k.kind)).toEqual(['campaign', 'mystery', 'patrol', 'random_draw', 'reinspection']);
    const span = await q<{ days: number }>(
      sql`select extract(day from max(submitted_at) - min(submitted_at))::int as days from inspections`,
    );
    expect(span[0].days).toBeGreaterThan(150);
    const states = await q<{ s: string }>(sql`
      select distinct case when round > 1 and status = 'open' then 'round2' when status = 'open' and due_at < now() then 'overdue'
        when status = 'closed' and not closed_on_time then 'closed_late' else status end as s from hazards`);
    expect(new Set(states.map((s) => s.s))).toEqual(
      new Set(['open', 'overdue', 'answered', 'closed', 'closed_late', 'round2']),
    );
    expect((await q<{ n: number }>(sql`select count(*)::int as n from checklists where code = 'licences'`))[0].n).toBe(
      2,
    );
    expect(
      (
        await q<{ n: number }>(
          sql`select count(*)::int as n from deadlines where kind = 'hazard.rectification' and state = 'active'`,
        )
      )[0].n,
    ).toBeGreaterThan(0);
    expect((await q<{ n: number }>(sql`select count(*)::int as n from interviews`))[0].n).toBe(2);
    expect(
      (await q<{ n: number }>(sql`select count(*)::int as n from deadlines where kind = 'interview.follow_up'`))[0].n,
    ).toBe(1);
    const night = await q<{ n: number }>(sql`select count(*)::int as n from inspections where night or weekend`);
    expect(night[0].n).toBeGreaterThan(0);
  });

  it("grid 1's worker sees their grid's hazards, and its business answers on its own account", async () => {
    const worker = await loginStaff(t.app, 'grid1', 'demo1234');
    const biz = await loginStaff(t.app, 'grid1biz', 'demo1234');
    const mine = (await worker.inject({ method: 'GET', url: '/api/inspections/my-businesses' })).json();
    expect(mine.length).toBeGreaterThan(0);
    const own = (await biz.inject({ method: 'GET', url: '/api/hazards?pageSize=200' })).json();
    for (const h of own.items) expect(mine.map((b: { id: string }) => b.id)).toContain(h.business.id);
  });
});
