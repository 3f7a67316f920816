import { createHash } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { TExecutor } from '../db/client.js';
import { AppError } from './errors.js';
import { idempotencyKeys } from './platform.tables.js';

export const hashRequest = (body: unknown) => createHash('sha256').update(JSON.stringify(body)).digest('hex');

/**
 * Claims an Idempotency-Key inside the caller's transaction. A concurrent replay blocks on the unique key
 * until the first commits, then finds the stored answer — so K replays make one record. Same key with another
 * body → 422. Keys are scoped to the account. Returns the stored answer, or null when this call owns the key.
 */
export async function claimIdempotencyKey<T>(
  tx: TExecutor,
  key: string,
  userId: string,
  requestHash: string,
  now: Date,
): Promise<T | null> {
  const scoped = `${userId}:${key}`;
  const inserted = await tx
    .insert(idempotencyKeys)
    .values({ key: scoped, userId, requestHash, createdAt: now })
    .onConflictDoNothing()
    .returning({ key: idempotencyKeys.key });
  if (inserted.length === 1) return null;
  const [row] = await tx.select().from(idempotencyKeys).where(eq(idempotencyKeys.key, scoped));
  if (!row) throw new AppError('idempotency_in_flight', 409);
  if (row.requestHash !== requestHash) throw new AppError('idempotency_mismatch', 422, 'Idempotency-Key');
  // A key older than 24 h is not honoured: the caller gets a conflict rather than a stale answer.
  if (now.getTime() - row.createdAt.getTime() > 24 * 3_600_000) throw new AppError('idempotency_mismatch', 422);
  if (!row.done) throw new AppError('idempotency_in_flight', 409);
  return row.response as T;
}

export async function storeIdempotentAnswer(tx: TExecutor, key: string, userId: string, response: unknown) {
  await tx
    .update(idempotencyKeys)
    .set({ done: true, status: 201, response })
    .where(eq(idempotencyKeys.key, `${userId}:${key}`));
}
