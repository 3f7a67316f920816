import { createHash } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { rowsOf, type TExecutor } from '../db/client.js';
import { auditHeadSql, type TAuditHead } from './audit.js';
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

/**
 * Claims many keys in one statement (group commit of submissions). Answers the scoped keys ("user:key") this
 * call now owns; a key already present is not claimed, and its caller must go through claimIdempotencyKey.
 * Callers pass each scoped key once. The same statement reads the audit chain's head (platform/audit.ts), which
 * every batch that claims keys chains its audit rows from: one round trip less per batch.
 */
export async function claimIdempotencyKeys(
  tx: TExecutor,
  claims: { key: string; userId: string; requestHash: string }[],
  now: Date,
): Promise<{ owned: Set<string>; auditHead: TAuditHead }> {
  const json = JSON.stringify(
    claims.map((c) => ({ key: `${c.userId}:${c.key}`, user_id: c.userId, hash: c.requestHash })),
  );
  const res = await tx.execute(sql`
    with c as (
      insert into ${idempotencyKeys} (key, user_id, request_hash, created_at)
      select x.key, x.user_id, x.hash, ${now.toISOString()}::timestamptz
        from jsonb_to_recordset(${json}::jsonb) as x(key text, user_id uuid, hash text)
      on conflict do nothing
      returning key)
    select coalesce((select array_agg(key) from c), '{}') as owned, ${auditHeadSql} as head`);
  const [row] = rowsOf<{ owned: string[]; head: string | null }>(res);
  return { owned: new Set(row.owned), auditHead: { hash: row.head } };
}

/** Stores many answers in one statement. */
export async function storeIdempotentAnswers(
  tx: TExecutor,
  answers: { key: string; userId: string; response: unknown }[],
) {
  if (!answers.length) return;
  const rows = JSON.stringify(answers.map((a) => ({ key: `${a.userId}:${a.key}`, response: a.response })));
  await tx.execute(sql`
    update ${idempotencyKeys} set done = true, status = 201, response = x.response
    from jsonb_to_recordset(${rows}::jsonb) as x(key text, response jsonb)
    where ${idempotencyKeys.key} = x.key`);
}
