import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TTestApp } from '../test/build-test-app.js';
import { arrayLiteral, bulkInsert } from './bulk.js';

let t: TTestApp;
beforeAll(async () => {
  t = await buildTestApp();
  await t.database.db.execute(
    sql`create table if not exists bulk_probe (id serial primary key, label text, n int, doc jsonb, at timestamptz, ok boolean)`,
  );
});
afterAll(() => t.close());

const rowsOf = (r: unknown) => (Array.isArray(r) ? r : (r as { rows: Record<string, unknown>[] }).rows);

describe('bulkInsert (a VALUES list up to 20 rows, one array parameter per column above)', () => {
  it('stores any text exactly — quotes, backslashes, braces, commas, NULL-looking words, Chinese — and nulls', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.option(fc.string({ unit: 'binary' }), { nil: null }), { minLength: 1, maxLength: 50 }),
        async (labels) => {
          const clean = labels.map((l) => (l === null ? null : l.replaceAll('\u0000', '')));
          await t.database.db.execute(sql`delete from bulk_probe`);
          const ids = await bulkInsert(
            t.database.db,
            'bulk_probe',
            { label: 'text' },
            clean.map((label) => ({ label })),
            'id',
          );
          const back = rowsOf(await t.database.db.execute(sql`select id, label from bulk_probe order by id`));
          expect(back.map((r) => r.label)).toEqual(clean);
          expect(ids.map((r) => Number(r.id))).toEqual(back.map((r) => Number(r.id)));
        },
      ),
      { numRuns: 40 },
    );
  });

  it.each([2, 30])('types: numbers, jsonb objects, instants, booleans (%i rows)', async (count) => {
    await t.database.db.execute(sql`delete from bulk_probe`);
    const at = new Date('2026-11-23T08:00:00.123Z');
    const pair = [
      { label: 'NULL', n: 7, doc: { a: '引号"\\', b: [1, null] }, at, ok: true },
      { label: '{x,y}', n: null, doc: null, at: null, ok: false },
    ];
    await bulkInsert(
      t.database.db,
      'bulk_probe',
      { label: 'text', n: 'int', doc: 'jsonb', at: 'timestamptz', ok: 'boolean' },
      Array.from({ length: count }, (_, i) => pair[i % 2]),
    );
    const back = rowsOf(await t.database.db.execute(sql`select label, n, doc, at, ok from bulk_probe order by id`));
    expect(back).toHaveLength(count);
    expect(back[0]).toMatchObject({ label: 'NULL', n: 7, doc: { a: '引号"\\', b: [1, null] }, ok: true });
    expect(new Date(back[0].at as string).toISOString()).toBe(at.toISOString());
    expect(back[count - 1]).toMatchObject({ label: '{x,y}', n: null, doc: null, at: null, ok: false });
  });

  it('columns with one value in every row (sent once), and rows that are all alike', async () => {
    await t.database.db.execute(sql`delete from bulk_probe`);
    const at = new Date('2026-11-24T01:00:00.000Z');
    const cols = { label: 'text', n: 'int', doc: 'jsonb', at: 'timestamptz', ok: 'boolean' };
    await bulkInsert(
      t.database.db,
      'bulk_probe',
      cols,
      Array.from({ length: 25 }, (_, i) => ({ label: '同"一', n: i, doc: { k: [1] }, at, ok: null })),
    );
    await bulkInsert(t.database.db, 'bulk_probe', cols, Array(25).fill({ label: null, n: 5, doc: null, at, ok: true }));
    const back = rowsOf(await t.database.db.execute(sql`select label, n, doc, at, ok from bulk_probe order by id`));
    expect(back).toHaveLength(50);
    expect(back.slice(0, 25).map((r) => r.n)).toEqual(Array.from({ length: 25 }, (_, i) => i));
    expect(back[24]).toMatchObject({ label: '同"一', doc: { k: [1] }, ok: null });
    expect(new Date(back[24].at as string).toISOString()).toBe(at.toISOString());
    expect(back[49]).toMatchObject({ label: null, n: 5, doc: null, ok: true });
  });

  it('refuses identifiers and types that are not plain names', async () => {
    await expect(bulkInsert(t.database.db, 'bulk_probe; drop', { label: 'text' }, [{ label: 'x' }])).rejects.toThrow();
    await expect(bulkInsert(t.database.db, 'bulk_probe', { label: 'text[]' }, [{ label: 'x' }])).rejects.toThrow();
    expect(arrayLiteral([null, 'a"b', 'c\\d'])).toBe('{NULL,"a\\"b","c\\\\d"}');
  });
});
