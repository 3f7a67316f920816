import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { monotonicMs } from '../../platform/clock.js';
import { buildTestApp, loginStaff, type TSession, type TTestApp } from '../../test/build-test-app.js';
import { buildRegion, buildUser, TEST_PASSWORD } from '../../test/factories.js';

/**
 * A measurement, not a check of the suite (run it with GRIDS_SCALE=1): the coverage page and a grid worker's grid
 * list over a seed-004-sized prefecture (12,647 grids, 20,072 workers, 25,000 businesses), each beside a
 * primary-key read through the same stack (GET /api/grids/:id), alternating, 5 runs, medians.
 */
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
let t: TTestApp;
let admin: TSession;
let worker: TSession;
let oneGrid: string;

describe.skipIf(!process.env.GRIDS_SCALE)('grids at seed-004 scale', () => {
  beforeAll(async () => {
    t = await buildTestApp();
    const db = t.database.db;
    await buildRegion(db, { code: '530702' });
    await db.execute(sql`insert into users (role, username, display_name)
      select 'grid_worker', 'sw' || i, '网格员' || i from generate_series(1, 20072) i`);
    await db.execute(sql`insert into grids (code, name, region_code)
      select 'S' || i, '网格' || i, '530702' from generate_series(1, 12647) i`);
    await db.execute(sql`insert into grid_members (grid_id, user_id, role)
      select g.id, u.id, 'grid_worker' from (select id, row_number() over (order by username) - 1 as n from users
        where username like 'sw%') u join (select id, row_number() over (order by code) - 1 as n from grids) g
        on g.n = u.n % 12647`);
    await db.execute(sql`insert into businesses (name, kind, uscc, region_code, grid_id)
      select '商户' || i, 'shop', 'U' || lpad(i::text, 17, '0'), '530702',
        (select id from grids where code = 'S' || (1 + i % 12647)) from generate_series(1, 25000) i`);
    const a = await buildUser(db, { role: 'system_admin' });
    admin = await loginStaff(t.app, a.username!, TEST_PASSWORD);
    const wid = (await db.execute(sql`select id from users where username = 'sw1'`)) as unknown as {
      rows: { id: string }[];
    };
    await db.execute(sql`update users set password_hash = (select password_hash from users where id = ${a.id}),
      must_change_password = false where username = 'sw1'`);
    expect(wid.rows.length).toBe(1);
    worker = await loginStaff(t.app, 'sw1', TEST_PASSWORD);
    oneGrid = (await admin.inject({ method: 'GET', url: '/api/grids?pageSize=1' })).json().items[0].id;
  }, 600_000);
  afterAll(() => t?.close());

  it('coverage and the worker list beside a primary-key read', async () => {
    const time = async (s: TSession, url: string) => {
      const t0 = monotonicMs();
      const r = await s.inject({ method: 'GET', url });
      expect(r.statusCode).toBe(200);
      return monotonicMs() - t0;
    };
    const runs = { coverage: [] as number[], worker: [] as number[], pk: [] as number[] };
    for (let i = 0; i < 6; i++) {
      const c = await time(admin, '/api/grids/coverage');
      const w = await time(worker, '/api/grids');
      const p = await time(admin, `/api/grids/${oneGrid}`);
      if (i === 0) continue; // warm-up
      runs.coverage.push(c);
      runs.worker.push(w);
      runs.pk.push(p);
    }
    const pk = median(runs.pk);
    console.log(
      `grids at seed-004 scale | coverage ${median(runs.coverage).toFixed(0)} ms (${(median(runs.coverage) / pk).toFixed(1)}× pk) | worker list ${median(runs.worker).toFixed(1)} ms (${(median(runs.worker) / pk).toFixed(1)}× pk) | pk read ${pk.toFixed(1)} ms`,
    );
  }, 600_000);
});
