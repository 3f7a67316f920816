import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../db/client.js';
import { spotOccupancy } from '../modules/reservations/reservations.tables.js';
import { buildTestApp, type TTestApp } from '../test/build-test-app.js';
import { buildBusiness } from '../test/factories.js';
import { loadDemoReservations } from './reservations.js';

let t: TTestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

/** The demo's four spots loaded at `now` into a fresh set of businesses; their ids. */
async function load(now: Date) {
  const ids: string[] = [];
  for (let i = 0; i < 4; i++) ids.push((await buildBusiness(t.database.db, { kind: 'scenic_spot' })).id);
  await t.database.db.transaction((tx) => loadDemoReservations(tx, ids, now));
  return ids;
}

describe('demo reservations and turnstiles', () => {
  it('nobody is inside at 01:42, when every spot is closed', async () => {
    const ids = await load(new Date('2026-11-24T17:42:00Z')); // 01:42 on the 25th in the prefecture
    const occ = (await t.database.db.select().from(spotOccupancy)).filter((o) => ids.includes(o.businessId));
    expect(occ).toHaveLength(4);
    for (const o of occ) expect(o.current).toBe(0);
  });

  it('every day: entries are checked-in bookings, never more than were booked; slots never oversold', async () => {
    const ids = await load(new Date('2026-11-24T03:00:00Z'));
    const list = sql.join(
      ids.map((id) => sql`${id}::uuid`),
      sql`, `,
    );
    const days = rowsOf<{ business_id: string; day: string; booked: number; checked_in: number; entered: number }>(
      await t.database.db.execute(sql`
        with b as (
          select business_id, day::text as day, sum(party_size)::int as booked,
            (sum(party_size) filter (where status = 'checked_in'))::int as checked_in
          from bookings where business_id in (${list}) group by 1, 2),
        p as (
          select business_id, to_char(at + interval '8 hours', 'YYYY-MM-DD') as day,
            (sum(count) filter (where direction = 'in'))::int as entered
          from gate_passes where business_id in (${list}) group by 1, 2)
        select coalesce(b.business_id, p.business_id) as business_id, coalesce(b.day, p.day) as day,
          coalesce(b.booked, 0) as booked, coalesce(b.checked_in, 0) as checked_in, coalesce(p.entered, 0) as entered
        from b full join p on p.business_id = b.business_id and p.day = b.day`),
    );
    expect(days.length).toBe(4 * 15); // a fortnight and today
    for (const d of days) {
      expect(d.entered, `${d.day}`).toBeLessThanOrEqual(d.booked);
      expect(d.entered, `${d.day}`).toBe(d.checked_in);
      if (d.day < '2026-11-24') {
        expect(d.entered).toBeGreaterThan(0);
        expect(d.booked).toBeGreaterThan(d.entered); // a few no-shows
      }
    }
    const oversold = rowsOf<{ n: number }>(
      await t.database.db.execute(sql`
        select count(*)::int as n from time_slots s
        where s.business_id in (${list}) and s.remaining < 0
           or s.quota < (select coalesce(sum(party_size), 0) from bookings b where b.slot_id = s.id)`),
    );
    expect(oversold[0].n).toBe(0);
    // at 11:00 each spot holds about its level's share of its instant capacity
    const occ = (await t.database.db.select().from(spotOccupancy)).filter((o) => ids.includes(o.businessId));
    const pct = occ.map((o) => o.current).sort((a, b) => a - b);
    expect(pct.every((n) => n > 0)).toBe(true);
  });
});
