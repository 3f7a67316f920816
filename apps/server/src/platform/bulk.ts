import { type SQL, sql } from 'drizzle-orm';
import type { TExecutor } from '../db/client.js';

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
  const res = (await tx.execute(sql`${withs}${bulkInsertSql(table, columns, rows)}${ret}`)) as unknown as
    | { rows?: Record<string, unknown>[] }
    | Record<string, unknown>[];
  return Array.isArray(res) ? res : (res.rows ?? []);
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
  const arrays = sql.join(
    names.map((n) => sql`${arrayLiteral(rows.map((r) => r[n]))}::${sql.raw(columns[n])}[]`),
    sql`, `,
  );
  return sql`insert into ${sql.raw(table)} (${list}) select * from unnest(${arrays}) as x(${list})`;
}

/** A value as the text its column's type parses, as in an array literal: instants ISO, objects (jsonb) JSON. */
function asText(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  return v instanceof Date ? v.toISOString() : typeof v === 'object' ? JSON.stringify(v) : String(v as string | number);
}

/**
 * A PostgreSQL array literal of one column's values: every element quoted and escaped, null as NULL, dates as
 * ISO instants, objects (jsonb) as their JSON text. Passed as one text parameter and cast to the column's type[].
 */
export function arrayLiteral(values: unknown[]): string {
  const items = values.map((v) => {
    const text = asText(v);
    return text === null ? 'NULL' : `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
  });
  return `{${items.join(',')}}`;
}
