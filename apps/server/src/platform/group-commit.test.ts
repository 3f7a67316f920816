import { PGlite } from '@electric-sql/pglite';
import { describe, expect, it } from 'vitest';
import { createGroupCommit } from './group-commit.js';

describe('group commit queue', () => {
  it('everything pushed in one turn is one batch, even when a writer is free', async () => {
    const batches: number[][] = [];
    const group = createGroupCommit<number>({
      writers: 2,
      maxBatch: 100,
      run: async (b) => {
        batches.push(b);
      },
    });
    for (let i = 0; i < 10; i++) group.push(i);
    expect(batches).toEqual([]);
    await new Promise((r) => setImmediate(r));
    expect(batches).toEqual([[0, 1, 2, 3, 4, 5, 6, 7, 8, 9]]);
  });

  it('items that arrive while the writers are busy wait, then go together, at most maxBatch at a time', async () => {
    const batches: number[][] = [];
    const gates: (() => void)[] = [];
    const group = createGroupCommit<number>({
      writers: 1,
      maxBatch: 3,
      run: (b) =>
        new Promise<void>((resolve) => {
          batches.push(b);
          gates.push(resolve);
        }),
    });
    group.push(0);
    await new Promise((r) => setImmediate(r));
    for (let i = 1; i <= 5; i++) group.push(i);
    await new Promise((r) => setImmediate(r));
    expect(batches).toEqual([[0]]);
    gates.shift()?.();
    await new Promise((r) => setImmediate(r));
    expect(batches).toEqual([[0], [1, 2, 3]]);
    gates.shift()?.();
    await new Promise((r) => setImmediate(r));
    expect(batches).toEqual([[0], [1, 2, 3], [4, 5]]);
    gates.shift()?.();
  });

  it('on PGlite, requests read in one turn share a transaction (a transaction there runs without I/O)', async () => {
    const pg = await PGlite.create();
    await pg.exec('create table t (n int)');
    const sizes: number[] = [];
    const group = createGroupCommit<number>({
      writers: 1,
      maxBatch: 100,
      run: (b) =>
        pg.transaction(async (tx) => {
          sizes.push(b.length);
          for (const n of b) await tx.query('insert into t values ($1)', [n]);
        }),
    });
    // Requests arrive as I/O callbacks: each setImmediate stands for one request read in a poll phase.
    await Promise.all(
      Array.from({ length: 50 }, (_, i) => new Promise<void>((r) => setImmediate(() => r(group.push(i))))),
    );
    while (sizes.reduce((a, b) => a + b, 0) < 50) await new Promise((r) => setTimeout(r, 5));
    expect(sizes.length).toBeLessThan(5);
    await pg.close();
  });
});
