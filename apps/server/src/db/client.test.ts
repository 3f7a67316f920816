import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TTestApp } from '../test/build-test-app.js';
import { transactionEndingWith } from './client.js';

let t: TTestApp;
beforeAll(async () => {
  t = await buildTestApp();
  await t.database.db.execute(
    sql`create table if not exists tx_end_probe (id int primary key, n int not null check (n >= 0))`,
  );
});
afterAll(() => t.close());

const rowsOf = (r: unknown) => (Array.isArray(r) ? r : (r as { rows: Record<string, unknown>[] }).rows);
const probe = async () =>
  rowsOf(await t.database.db.execute(sql`select id, n from tx_end_probe order by id`)).map((r) => [r.id, r.n]);

describe(`transactionEndingWith (the last statement travels with the COMMIT) on ${process.env.TEST_DATABASE_URL ? 'PostgreSQL' : 'PGlite'}`, () => {
  it('commits the body and the last statement together, and answers the body’s result', async () => {
    await t.database.db.execute(sql`delete from tx_end_probe`);
    const result = await transactionEndingWith(t.database.db, async (tx) => {
      await tx.execute(sql`insert into tx_end_probe values (1, 5)`);
      return { result: 'done', last: 'update tx_end_probe set n = n - 2 where id = 1' };
    });
    expect(result).toBe('done');
    expect(await probe()).toEqual([[1, 3]]);
  });

  it('a failing last statement rolls the whole transaction back, and the connection stays usable', async () => {
    await t.database.db.execute(sql`delete from tx_end_probe`);
    await t.database.db.execute(sql`insert into tx_end_probe values (1, 1)`);
    // More than the pool holds: a connection left inside a broken transaction would fail a later round.
    for (let round = 0; round < 25; round++) {
      const err = await transactionEndingWith(t.database.db, async (tx) => {
        await tx.execute(sql`insert into tx_end_probe values (${100 + round}, 1)`);
        return { result: null, last: 'update tx_end_probe set n = n - 2 where id = 1' };
      }).catch((e: unknown) => e);
      expect(JSON.stringify(err, Object.getOwnPropertyNames(err)) + String(err)).toMatch(/tx_end_probe_n_check|23514/);
    }
    expect(await probe()).toEqual([[1, 1]]);
  });

  it('a failing body rolls back and never runs the last statement', async () => {
    await t.database.db.execute(sql`delete from tx_end_probe`);
    await t.database.db.execute(sql`insert into tx_end_probe values (1, 1)`);
    const err = await transactionEndingWith(t.database.db, async (tx) => {
      await tx.execute(sql`update tx_end_probe set n = 9 where id = 1`);
      throw new Error('refused');
    }).catch((e: unknown) => e);
    expect((err as Error).message).toBe('refused');
    expect(await probe()).toEqual([[1, 1]]);
  });
});
