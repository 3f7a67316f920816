import { createHash } from 'node:crypto';
import { and, desc, eq, gte, lte, type SQL, sql } from 'drizzle-orm';
import { rowsOf, type TExecutor } from '../db/client.js';
import type { TActor } from './actor.js';
import { bulkInsertSql } from './bulk.js';
import { auditLog } from './platform.tables.js';

export type TAuditEntry = {
  action: string;
  objectType: string;
  objectId?: string | null;
  before?: unknown;
  after?: unknown;
  result?: 'ok' | 'refused' | 'failed';
  /** Who did it, when a batch holds several people's changes; otherwise the batch's actor. */
  actor?: TActor;
};

/** Fields never written to the audit log in clear: personal data and secrets. */
const REDACT = new Set(['phone', 'contactPhone', 'idNumber', 'passwordHash', 'password', 'totpSecret', 'codeHash']);

function redact(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redact);
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([k, v]) => [
        k,
        REDACT.has(k) ? (v ? '[redacted]' : v) : redact(v),
      ]),
    );
  }
  return value;
}

/**
 * Writes audit rows inside the caller's transaction. Each row stores the hash of the row before it (the
 * newest visible, then each other in order) and its own hash over that and its content: an edited or removed
 * row breaks the chain check. Concurrent writers may both chain from the same newest row; the chain then
 * forks rather than breaks (noted in docs; a sealing job that orders them is not built yet).
 */
export async function writeAuditBatch(tx: TExecutor, actor: TActor, entries: TAuditEntry[]): Promise<void> {
  const insert = await auditBatchInsert(tx, actor, entries);
  if (insert) await tx.execute(insert);
}

/** The newest audit row's hash, the chain's head, read in this transaction (null on an empty log). */
export type TAuditHead = { hash: string | null };

/** The chain's head as a scalar subquery, for a statement that reads it alongside its own work. */
export const auditHeadSql = sql`(select ${auditLog.hash} from ${auditLog} order by ${auditLog.id} desc limit 1)`;

/**
 * The chained audit rows as one insert statement, for a caller that runs it inside a statement of its own
 * (one round trip less). Chains from `head` when the caller read it already, else reads the newest hash. Null
 * when there is nothing to write.
 */
export async function auditBatchInsert(
  tx: TExecutor,
  actor: TActor,
  entries: TAuditEntry[],
  head?: TAuditHead,
): Promise<SQL | null> {
  if (!entries.length) return null;
  let prevHash = head
    ? head.hash
    : (rowsOf<{ head: string | null }>(await tx.execute(sql`select ${auditHeadSql} as head`))[0]?.head ?? null);
  // Straight to the insert's rows: a mass breach writes thousands of these in one go.
  const rows = entries.map((entry) => {
    const who = entry.actor ?? actor;
    const row = {
      actorId: who.id,
      actorRole: who.role,
      action: entry.action,
      objectType: entry.objectType,
      objectId: entry.objectId ?? null,
      before: entry.before === undefined ? null : redact(entry.before),
      after: entry.after === undefined ? null : redact(entry.after),
      result: entry.result ?? 'ok',
      ip: who.ip,
    };
    const hash = createHash('sha256')
      .update(JSON.stringify([prevHash, row]))
      .digest('hex');
    const out = {
      actor_id: row.actorId,
      actor_role: row.actorRole,
      action: row.action,
      object_type: row.objectType,
      object_id: row.objectId,
      before: row.before,
      after: row.after,
      result: row.result,
      ip: row.ip,
      prev_hash: prevHash,
      hash,
    };
    prevHash = hash;
    return out;
  });
  return bulkInsertSql('audit_log', AUDIT_COLUMNS, rows);
}

const AUDIT_COLUMNS = {
  actor_id: 'uuid',
  actor_role: 'text',
  action: 'text',
  object_type: 'text',
  object_id: 'text',
  before: 'jsonb',
  after: 'jsonb',
  result: 'text',
  ip: 'text',
  prev_hash: 'text',
  hash: 'text',
};

export const writeAudit = (tx: TExecutor, actor: TActor, entry: TAuditEntry) => writeAuditBatch(tx, actor, [entry]);

export type TAuditQuery = {
  actorId?: string;
  action?: string;
  objectType?: string;
  objectId?: string;
  from?: Date;
  to?: Date;
  page: number;
  pageSize: number;
};

export async function findAuditLog(db: TExecutor, q: TAuditQuery) {
  const where: SQL[] = [];
  if (q.actorId) where.push(eq(auditLog.actorId, q.actorId));
  if (q.action) where.push(eq(auditLog.action, q.action));
  if (q.objectType) where.push(eq(auditLog.objectType, q.objectType));
  if (q.objectId) where.push(eq(auditLog.objectId, q.objectId));
  if (q.from) where.push(gte(auditLog.at, q.from));
  if (q.to) where.push(lte(auditLog.at, q.to));
  const cond = where.length ? and(...where) : undefined;
  const items = await db
    .select()
    .from(auditLog)
    .where(cond)
    .orderBy(desc(auditLog.id))
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
  const total = await db.$count(auditLog, cond);
  return { items, total, page: q.page, pageSize: q.pageSize };
}
