import { hash as digest } from 'node:crypto';
import type { TAuditAction, TAuditChainCheck, TAuditChainFinding, TAuditChainHead } from '@zhilv/contracts';
import { and, desc, eq, gt, gte, lt, lte, or, type SQL, sql } from 'drizzle-orm';
import { rowsOf, type TExecutor } from '../db/client.js';
import type { TActor } from './actor.js';
import { bulkInsertSql } from './bulk.js';
import { systemClock } from './clock.js';
import { auditLog } from './platform.tables.js';

export type TAuditEntry = {
  /** a code from the catalogue in contracts (AUDIT_ACTIONS), which names it in both languages; tests write test.* */
  action: TAuditAction | `test.${string}`;
  objectType: string;
  objectId?: string | null;
  /**
   * The objects a sweep's batch touched, in one row (PERFORMANCE.md "Audit under bulk work": one audit row per
   * sweep batch, each object's timeline keeping its own entry); indexed, so a search by object finds the row.
   */
  objectIds?: string[];
  before?: unknown;
  after?: unknown;
  result?: 'ok' | 'refused' | 'failed';
  /** Who did it, when a batch holds several people's changes; otherwise the batch's actor. */
  actor?: TActor;
};

/** Fields never written to the audit log in clear: personal data and secrets. */
const REDACT = new Set(['phone', 'contactPhone', 'idNumber', 'passwordHash', 'password', 'totpSecret', 'codeHash']);
const NONE = new Set<string>();

const byKey = ([a]: [string, unknown], [b]: [string, unknown]) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * A before/after value as it is stored and hashed: objects' keys in sorted order, the `hide` fields redacted.
 * jsonb keeps keys in an order of its own, so what is hashed must not depend on the order they were written in:
 * the verifier sorts what it reads the same way (with nothing to hide) and gets the same text.
 */
function canonical(value: unknown, hide: ReadonlySet<string>): unknown {
  if (Array.isArray(value)) return value.map((v) => canonical(v, hide));
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .sort(byKey)
        .map(([k, v]) => [k, hide.has(k) ? (v ? '[redacted]' : v) : canonical(v, hide)]),
    );
  }
  return value;
}

/**
 * Writes audit rows inside the caller's transaction. Each row stores the hash of the row before it (the
 * newest visible, then each other in order) and its own hash over that and its content (chainHash), time
 * included: an edited or removed row breaks the chain check (verifyAuditChain). Concurrent writers may both
 * chain from the same newest row; the chain then forks rather than breaks, and the check allows for it.
 * `at` is the change's instant by the caller's clock (platform/clock); without one, the system clock's.
 */
export async function writeAuditBatch(
  tx: TExecutor,
  actor: TActor,
  entries: TAuditEntry[],
  at: Date = systemClock.now(),
): Promise<void> {
  const insert = await auditBatchInsert(tx, actor, entries, undefined, at);
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
  at: Date = systemClock.now(),
): Promise<SQL | null> {
  if (!entries.length) return null;
  let prevHash = head
    ? head.hash
    : (rowsOf<{ head: string | null }>(await tx.execute(sql`select ${auditHeadSql} as head`))[0]?.head ?? null);
  // Straight to the insert's rows: a mass breach writes thousands of these in one go. One instant for the batch,
  // set here rather than by the database: it is part of what is hashed.
  const rows = entries.map((entry) => {
    const who = entry.actor ?? actor;
    const content: TChained = {
      at: at.toISOString(),
      actorId: who.id ?? null,
      actorRole: who.role,
      action: entry.action,
      objectType: entry.objectType,
      objectId: entry.objectId ?? null,
      ...(entry.objectIds ? { objectIds: entry.objectIds } : {}),
      before: entry.before === undefined ? null : canonical(entry.before, REDACT),
      after: entry.after === undefined ? null : canonical(entry.after, REDACT),
      result: entry.result ?? 'ok',
      ip: who.ip ?? null,
    };
    const hash = chainHash(prevHash, content);
    const out = {
      at,
      actor_id: content.actorId,
      actor_role: content.actorRole,
      action: content.action,
      object_type: content.objectType,
      object_id: content.objectId,
      object_ids: content.objectIds ?? null,
      before: content.before,
      after: content.after,
      result: content.result,
      ip: content.ip,
      prev_hash: prevHash,
      hash,
    };
    prevHash = hash;
    return out;
  });
  return bulkInsertSql('audit_log', AUDIT_COLUMNS, rows);
}

/** What a row's hash covers, besides the hash before it: every column but the id and the two hashes. */
type TChained = {
  at: string;
  actorId: string | null;
  actorRole: string | null;
  action: string;
  objectType: string;
  objectId: string | null;
  /** only on a sweep's batch row; absent (not null) elsewhere, so the rows written before it hash as they did */
  objectIds?: string[];
  before: unknown;
  after: unknown;
  result: string;
  ip: string | null;
};

/**
 * sha256 over [the previous hash, the content] as JSON. Every key is present (null, never undefined, which JSON
 * leaves out) and in this order, and before/after are canonical, so the stored columns alone give the same
 * text again. One-shot hashing: a mass breach hashes thousands of rows, and a Hash object per row cost a fifth
 * more.
 */
function chainHash(prevHash: string | null, c: TChained): string {
  const content: TChained = {
    at: c.at,
    actorId: c.actorId,
    actorRole: c.actorRole,
    action: c.action,
    objectType: c.objectType,
    objectId: c.objectId,
    before: c.before,
    after: c.after,
    result: c.result,
    ip: c.ip,
    ...(c.objectIds ? { objectIds: c.objectIds } : {}),
  };
  return digest('sha256', JSON.stringify([prevHash, content]), 'hex');
}

const AUDIT_COLUMNS = {
  at: 'timestamptz',
  actor_id: 'uuid',
  actor_role: 'text',
  action: 'text',
  object_type: 'text',
  object_id: 'text',
  object_ids: 'jsonb',
  before: 'jsonb',
  after: 'jsonb',
  result: 'text',
  ip: 'text',
  prev_hash: 'text',
  hash: 'text',
};

export const writeAudit = (tx: TExecutor, actor: TActor, entry: TAuditEntry, at?: Date) =>
  writeAuditBatch(tx, actor, [entry], at);

/**
 * A sweep's audit: one row per action for the batch, listing the objects it touched (PERFORMANCE.md "Audit under
 * bulk work"), instead of a row per object — a mass breach of 100k orders writes a few rows, not 100k. Each
 * object's own timeline keeps its per-object entry; the audit search by object finds the batch row.
 */
export async function writeSweepAudit(
  tx: TExecutor,
  actor: TActor,
  touched: { action: TAuditEntry['action']; objectType: string; objectId: string }[],
  at?: Date,
): Promise<void> {
  const groups = new Map<string, { action: TAuditEntry['action']; objectType: string; ids: string[] }>();
  for (const t of touched) {
    const key = `${t.action}|${t.objectType}`;
    const g = groups.get(key) ?? { action: t.action, objectType: t.objectType, ids: [] };
    g.ids.push(t.objectId);
    groups.set(key, g);
  }
  await writeAuditBatch(
    tx,
    actor,
    [...groups.values()].map((g) => ({
      action: g.action,
      objectType: g.objectType,
      objectIds: g.ids,
      after: { count: g.ids.length },
    })),
    at,
  );
}

/**
 * How far back a row's link may reach: concurrent writers chain from the newest row they saw, so a row links to
 * one a few thousand rows before it at most. A link reaching further is looked up in the whole log (slowly).
 */
const LINK_WINDOW = 100_000;
/** The check stops reporting after this many findings: a broken chain is a case for an investigator. */
const MAX_FINDINGS = 100;

/**
 * Checks the hash chain for `limit` rows after `afterId`, in id order. A row whose hash is not its content and
 * prev_hash hashed again (chainHash, before/after made canonical as they were when written) has been changed; a
 * row whose prev_hash is no earlier row's hash follows a removed one (only the very first row chains from
 * nothing). The newest rows could still be removed, or the whole chain rebuilt after a change, without a trace in
 * the chain itself: a head saved at an earlier check (`savedHead`) shows that. Answers the findings, the id to
 * go on from (null when the log is checked to its end) and, at the end, the head to save for the next check.
 */
export async function verifyAuditChain(
  db: TExecutor,
  afterId: number,
  limit: number,
  savedHead?: TAuditChainHead,
): Promise<TAuditChainCheck> {
  const findings: TAuditChainFinding[] = [];
  if (savedHead) {
    const [row] = await db
      .select({ hash: auditLog.hash, at: auditLog.at, action: auditLog.action })
      .from(auditLog)
      .where(eq(auditLog.id, savedHead.id));
    if (row?.hash !== savedHead.hash)
      findings.push({
        id: savedHead.id,
        at: row?.at.toISOString() ?? null,
        action: row?.action ?? null,
        problem: 'head_missing',
      });
  }
  const earlier = await db
    .select({ id: auditLog.id, hash: auditLog.hash })
    .from(auditLog)
    .where(lte(auditLog.id, afterId))
    .orderBy(desc(auditLog.id))
    .limit(LINK_WINDOW);
  // The hashes a row may link to, oldest first; `oldest` moves on instead of shifting a long array.
  const window = earlier.map((r) => r.hash).reverse();
  const known = new Set(window);
  let oldest = 0;
  let lastId = afterId;
  let checked = 0;
  const rows = await db.select().from(auditLog).where(gt(auditLog.id, afterId)).orderBy(auditLog.id).limit(limit);
  for (const r of rows) {
    if (findings.length >= MAX_FINDINGS) break;
    const content: TChained = {
      at: r.at.toISOString(),
      actorId: r.actorId,
      actorRole: r.actorRole,
      action: r.action,
      objectType: r.objectType,
      objectId: r.objectId,
      ...(r.objectIds ? { objectIds: r.objectIds as string[] } : {}),
      before: canonical(r.before, NONE),
      after: canonical(r.after, NONE),
      result: r.result,
      ip: r.ip,
    };
    const finding = (problem: TAuditChainFinding['problem']) =>
      findings.push({ id: r.id, at: content.at, action: r.action, problem });
    if (chainHash(r.prevHash, content) !== r.hash) finding('content_changed');
    else if (r.prevHash === null ? known.size > 0 : !known.has(r.prevHash)) {
      const further =
        r.prevHash !== null &&
        (
          await db
            .select({ id: auditLog.id })
            .from(auditLog)
            .where(and(eq(auditLog.hash, r.prevHash), lt(auditLog.id, r.id)))
            .limit(1)
        ).length > 0;
      if (!further) finding('link_missing');
    }
    known.add(r.hash);
    window.push(r.hash);
    if (window.length - oldest > LINK_WINDOW) known.delete(window[oldest++]);
    if (oldest > LINK_WINDOW) {
      window.splice(0, oldest);
      oldest = 0;
    }
    lastId = r.id;
    checked++;
  }
  // Where to go on: after the last row checked, unless the log ended or the findings are too many to go on.
  const stopped = findings.length >= MAX_FINDINGS;
  const end = rows.length < limit && !stopped;
  // The newest row: this page's last, or, when the page before ended the log exactly, that page's.
  const last = rows.at(-1) ?? earlier[0];
  return {
    checked,
    findings,
    stopped,
    nextAfterId: end || stopped ? null : lastId,
    head: end && last ? { id: last.id, hash: last.hash } : null,
  };
}

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
  // an object's own rows, and the sweep batches that list it
  if (q.objectId)
    where.push(
      or(
        eq(auditLog.objectId, q.objectId),
        sql`${auditLog.objectIds} @> ${JSON.stringify([q.objectId])}::jsonb`,
      ) as SQL,
    );
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
