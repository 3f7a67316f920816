import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TTestApp } from '../test/build-test-app.js';
import { transactionWith } from './client.js';

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

describe(`transactionWith (first statements travel with the BEGIN, the last with the COMMIT) on ${process.env.TEST_DATABASE_URL ? 'PostgreSQL' : 'PGlite'}`, () => {
  it('commits the body and the last statement together, and answers the body’s result', async () => {
    await t.database.db.execute(sql`delete from tx_end_probe`);
    const result = await transactionWith(t.database.db, [], async (tx) => {
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
      const err = await transactionWith(t.database.db, [], async (tx) => {
        await tx.execute(sql`insert into tx_end_probe values (${100 + round}, 1)`);
        return { result: null, last: 'update tx_end_probe set n = n - 2 where id = 1' };
      }).catch((e: unknown) => e);
      expect(JSON.stringify(err, Object.getOwnPropertyNames(err)) + String(err)).toMatch(/tx_end_probe_n_check|23514/);
    }
    expect(await probe()).toEqual([[1, 1]]);
  });

  it('hands the body the rows of the first statements, read inside the transaction', async () => {
    await t.database.db.execute(sql`delete from tx_end_probe`);
    await t.database.db.execute(sql`insert into tx_end_probe values (1, 4), (2, 7)`);
    const seen = await transactionWith(
      t.database.db,
      ['select id, n from tx_end_probe order by id for update', 'select count(*)::int as c from tx_end_probe'],
      async (_tx, rows) => ({ result: rows, last: 'update tx_end_probe set n = n + 1' }),
    );
    expect(seen[0].map((r) => [r.id, r.n])).toEqual([
      [1, 4],
      [2, 7],
    ]);
    expect(seen[1]).toEqual([{ c: 2 }]);
    expect(await probe()).toEqual([
      [1, 5],
      [2, 8],
    ]);
  });

  it('a failing first statement rolls back and never runs the body', async () => {
    let ran = false;
    const err = await transactionWith(t.database.db, ['select no_such_column from tx_end_probe'], async () => {
      ran = true;
      return { result: null, last: 'select 1' };
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Error);
    expect(ran).toBe(false);
    // The pooled connection is usable again.
    expect((await probe()).length).toBeGreaterThan(0);
  });

  it('a failing body rolls back and never runs the last statement', async () => {
    await t.database.db.execute(sql`delete from tx_end_probe`);
    await t.database.db.execute(sql`insert into tx_end_probe values (1, 1)`);
    const err = await transactionWith(t.database.db, [], async (tx) => {
      await tx.execute(sql`update tx_end_probe set n = 9 where id = 1`);
      throw new Error('refused');
    }).catch((e: unknown) => e);
    expect((err as Error).message).toBe('refused');
    expect(await probe()).toEqual([[1, 1]]);
  });
});
