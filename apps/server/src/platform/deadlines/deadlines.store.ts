import { and, asc, eq, lte, sql } from 'drizzle-orm';
import { rowsOf, type TExecutor } from '../../db/client.js';
import { deadlines } from '../platform.tables.js';

export type TDeadlineRow = typeof deadlines.$inferSelect;
export type TStoredStage = { name: string; at: string };

/** Kinds are code identifiers; they go into SQL as an array literal. */
const kindsArray = (kinds: readonly string[]) => `{${kinds.join(',')}}`;

/**
 * One deadline per kind and object: scheduling again replaces it (its stages restart from the first). Answers the
 * row as stored.
 */
export async function upsertDeadline(
  tx: TExecutor,
  v: { kind: string; objectType: string; objectId: string; stages: TStoredStage[]; now: Date },
) {
  const dueAt = v.stages.length ? new Date(v.stages[0].at) : null;
  const row = {
    kind: v.kind,
    objectType: v.objectType,
    objectId: v.objectId,
    stages: v.stages,
    stageIndex: 0,
    dueAt,
    state: dueAt ? 'active' : 'done',
    attempts: 0,
    lastError: null,
    createdAt: v.now,
    updatedAt: v.now,
  };
  const { createdAt: _created, ...onChange } = row;
  return (
    await tx
      .insert(deadlines)
      .values(row)
      .onConflictDoUpdate({ target: [deadlines.kind, deadlines.objectId], set: onChange })
      .returning()
  )[0];
}

/** Stops an active deadline; answers whether there was one. */
export async function cancelDeadline(tx: TExecutor, kind: string, objectId: string, now: Date) {
  const rows = await tx
    .update(deadlines)
    .set({ state: 'cancelled', dueAt: null, updatedAt: now })
    .where(and(eq(deadlines.kind, kind), eq(deadlines.objectId, objectId), eq(deadlines.state, 'active')))
    .returning({ id: deadlines.id });
  return rows.length > 0;
}

export async function getDeadline(db: TExecutor, kind: string, objectId: string) {
  return (
    await db
      .select()
      .from(deadlines)
      .where(and(eq(deadlines.kind, kind), eq(deadlines.objectId, objectId)))
  )[0];
}

/**
 * Up to `batch` deadlines of these kinds whose next stage is due, locked for this transaction with SKIP LOCKED:
 * another sweeper (another instance) passes over them and takes the next ones. Uses the partial index on due_at.
 */
export async function lockDue(tx: TExecutor, kinds: readonly string[], now: Date, batch: number) {
  return tx
    .select()
    .from(deadlines)
    .where(and(lte(deadlines.dueAt, now), sql`${deadlines.kind} = any(${kindsArray(kinds)}::text[])`))
    .orderBy(asc(deadlines.dueAt))
    .limit(batch)
    .for('update', { skipLocked: true });
}

/** Moves a deadline past the stage it was at: to its next stage's instant, or done after the last. */
export async function advance(tx: TExecutor, row: TDeadlineRow, now: Date, stop: boolean) {
  const next = row.stageIndex + 1;
  const nextStage = stop ? undefined : row.stages[next];
  await tx
    .update(deadlines)
    .set({
      stageIndex: next,
      dueAt: nextStage ? new Date(nextStage.at) : null,
      state: nextStage ? 'active' : 'done',
      attempts: 0,
      lastError: null,
      updatedAt: now,
    })
    .where(eq(deadlines.id, row.id));
}

/** A failed stage stays where it was and is tried again at `retryAt`. */
export async function recordFailure(tx: TExecutor, row: TDeadlineRow, now: Date, retryAt: Date, message: string) {
  await tx
    .update(deadlines)
    .set({ attempts: row.attempts + 1, lastError: message.slice(0, 500), dueAt: retryAt, updatedAt: now })
    .where(eq(deadlines.id, row.id));
}

/** Milliseconds from `now` to the next due stage of these kinds (negative when one is due), or null when none. */
export async function msToNextDue(db: TExecutor, kinds: readonly string[], now: Date): Promise<number | null> {
  if (!kinds.length) return null;
  const res = await db.execute(
    sql`select extract(epoch from min(due_at) - ${now.toISOString()}::timestamptz) * 1000 as ms
          from deadlines where due_at is not null and kind = any(${kindsArray(kinds)}::text[])`,
  );
  const ms = rowsOf<{ ms: number | string | null }>(res)[0]?.ms;
  return ms == null ? null : Number(ms);
}
