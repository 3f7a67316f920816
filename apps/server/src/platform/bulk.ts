import { sql } from 'drizzle-orm';
import type { TExecutor } from '../db/client.js';

/**
 * Inserts many rows in one statement with one parameter: the rows as JSON, unpacked by jsonb_to_recordset.
 * For the sweeper's batches (thousands of rows) this is one round trip and no per-row query building.
 * `columns` maps each column to its SQL type; row keys are the column names. Internal use only: table and
 * column names come from code, never from input.
 */
export async function bulkInsert(
  tx: TExecutor,
  table: string,
  columns: Record<string, string>,
  rows: Record<string, unknown>[],
  returning?: string,
): Promise<Record<string, unknown>[]> {
  if (!rows.length) return [];
  const names = Object.keys(columns);
  if (![table, ...names].every((n) => /^[a-z_]+$/.test(n))) throw new Error('bulkInsert: bad identifier');
  const list = sql.raw(names.join(', '));
  const spec = sql.raw(names.map((n) => `${n} ${columns[n]}`).join(', '));
  if (returning && !/^[a-z_]+$/.test(returning)) throw new Error('bulkInsert: bad identifier');
  const ret = returning ? sql` returning ${sql.raw(returning)}` : sql``;
  const res = (await tx.execute(
    sql`insert into ${sql.raw(table)} (${list}) select ${list} from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as x(${spec})${ret}`,
  )) as unknown as { rows?: Record<string, unknown>[] } | Record<string, unknown>[];
  return Array.isArray(res) ? res : (res.rows ?? []);
}
