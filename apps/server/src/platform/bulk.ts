import { type SQL, sql } from 'drizzle-orm';
import { rowsOf, type TExecutor } from '../db/client.js';

/**
 * Inserts many rows in one statement: one array parameter per column, unpacked by unnest (a handful of rows go
 * as a VALUES list instead, see VALUES_UP_TO). For the sweeper's and
 * intake's batches (thousands of rows) this is one round trip and no per-row query building, and PostgreSQL
 * parses a typed array far faster than the same rows as JSON. `columns` maps each column to its SQL type; row
 * keys are the column names. Internal use only: table and column names come from code, never from input.
 */
export async function bulkInsert(
  tx: TExecutor,
  table: string,
  columns: Record<string, string>,
  rows: Record<string, unknown>[],
  returning?: string,
  /** other data-modifying statements to run in the same statement (as WITH parts): one round trip for all */
  alongside: SQL[] = [],
): Promise<Record<string, unknown>[]> {
  if (!rows.length) {
    for (const other of alongside) await tx.execute(other);
    return [];
  }
  if (returning && !/^[a-z_]+$/.test(returning)) throw new Error('bulkInsert: bad identifier');
  const ret = returning ? sql` returning ${sql.raw(returning)}` : sql``;
  const withs = alongside.length
    ? sql`with ${sql.join(
        alongside.map((other, i) => sql`${sql.raw(`alongside_${i}`)} as (${other})`),
        sql`, `,
      )} `
    : sql``;
  return rowsOf(await tx.execute(sql`${withs}${bulkInsertSql(table, columns, rows)}${ret}`));
}

/**
 * Up to this many rows go as a VALUES list, one parameter per cell: for a row or two (an audit entry, a new
 * order's two timers) unpacking arrays costs PostgreSQL more than the rows themselves — it made a new order's
 * clock cost 25% of its insert instead of 7% (bench B6).
 */
const VALUES_UP_TO = 20;

/** The statement bulkInsert runs, for use inside another (a data-modifying WITH). */
export function bulkInsertSql(table: string, columns: Record<string, string>, rows: Record<string, unknown>[]): SQL {
  const names = Object.keys(columns);
  if (![table, ...names].every((n) => /^[a-z_]+$/.test(n))) throw new Error('bulkInsert: bad identifier');
  if (!names.every((n) => /^[a-z0-9_]+$/.test(columns[n]))) throw new Error('bulkInsert: bad type');
  const list = sql.raw(names.join(', '));
  if (rows.length > 0 && rows.length <= VALUES_UP_TO) {
    const tuples = rows.map(
      (r) =>
        sql`(${sql.join(
          names.map((n) => sql`${asText(r[n])}::${sql.raw(columns[n])}`),
          sql`, `,
        )})`,
    );
    return sql`insert into ${sql.raw(table)} (${list}) values ${sql.join(tuples, sql`, `)}`;
  }
  // A column with the same value in every row goes once, as a scalar (a batch's actor, action, nulls): less to
  // build here and less for PostgreSQL to parse. At least one column stays an array, for the row count.
  const texts = names.map((n) => rows.map((r) => asText(r[n])));
  const same = texts.map((col) => col.every((t) => t === col[0]));
  if (same.every(Boolean)) same[0] = false;
  const arrays = names.flatMap((n, i) => (same[i] ? [] : [sql`${quoteArray(texts[i])}::${sql.raw(columns[n])}[]`]));
  const picked = names.map((n, i) => (same[i] ? sql`${texts[i][0]}::${sql.raw(columns[n])}` : sql.raw(`x.${n}`)));
  const unpacked = sql.raw(names.filter((_, i) => !same[i]).join(', '));
  return sql`insert into ${sql.raw(table)} (${list}) select ${sql.join(picked, sql`, `)} from unnest(${sql.join(arrays, sql`, `)}) as x(${unpacked})`;
}

/** A value as the text its column's type parses, as in an array literal: instants ISO, objects (jsonb) JSON. */
function asText(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  return v instanceof Date ? v.toISOString() : typeof v === 'object' ? JSON.stringify(v) : String(v as string | number);
}

/** Only these two characters need a backslash inside a quoted array element. */
const NEEDS_ESCAPE = /["\\]/;

/**
 * A PostgreSQL array literal of one column's values: every element quoted and escaped, null as NULL, dates as
 * ISO instants, objects (jsonb) as their JSON text. Passed as one text parameter and cast to the column's type[].
 */
export function arrayLiteral(values: unknown[]): string {
  return quoteArray(values.map(asText));
}

function quoteArray(texts: (string | null)[]): string {
  const items = texts.map((text) => {
    if (text === null) return 'NULL';
    return NEEDS_ESCAPE.test(text) ? `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"` : `"${text}"`;
  });
  return `{${items.join(',')}}`;
}
