import { and, desc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { TExecutor } from '../../db/client.js';
import { users } from '../accounts/accounts.tables.js';
import { businesses } from '../master-data/master-data.tables.js';
import { returnRequests } from './returns.tables.js';

export type TReturnRow = typeof returnRequests.$inferSelect;
export type TReturnInsert = typeof returnRequests.$inferInsert;

export async function insertReturn(tx: TExecutor, v: TReturnInsert) {
  return (await tx.insert(returnRequests).values(v).returning())[0];
}

export async function getReturn(db: TExecutor, id: string) {
  return (await db.select().from(returnRequests).where(eq(returnRequests.id, id)))[0];
}

/** Reads a request and locks it for the rest of the transaction: a shop's answer and the sweep queue up. */
export async function lockReturn(tx: TExecutor, id: string) {
  return (await tx.select().from(returnRequests).where(eq(returnRequests.id, id)).for('update'))[0];
}

export async function updateReturn(tx: TExecutor, id: string, v: Partial<TReturnInsert>) {
  return (await tx.update(returnRequests).set(v).where(eq(returnRequests.id, id)).returning())[0];
}

/**
 * The submitted requests whose shop deadline has passed, locked with SKIP LOCKED: a second sweeper (another
 * instance) skips the rows this one holds, and once this one commits they are no longer 'submitted'. Uses the
 * partial index on shop_due_at where status = 'submitted'.
 */
export async function lockOverdue(tx: TExecutor, now: Date, batch: number) {
  return tx
    .select()
    .from(returnRequests)
    .where(and(eq(returnRequests.status, 'submitted'), sql`${returnRequests.shopDueAt} < ${now.toISOString()}`))
    .orderBy(returnRequests.shopDueAt)
    .limit(batch)
    .for('update', { skipLocked: true });
}

export type TReturnScope =
  | { all: true }
  | { touristUserId: string }
  | { businessId: string }
  | { workOrderIdIn: SQL }
  | { escalatedOnly: true };

function scopeWhere(scope: TReturnScope): SQL | undefined {
  if ('all' in scope) return undefined;
  if ('touristUserId' in scope) return eq(returnRequests.touristUserId, scope.touristUserId);
  if ('businessId' in scope) return eq(returnRequests.businessId, scope.businessId);
  if ('workOrderIdIn' in scope) return sql`${returnRequests.workOrderId} in ${scope.workOrderIdIn}`;
  return sql`${returnRequests.workOrderId} is not null`;
}

export async function listReturns(
  db: TExecutor,
  scope: TReturnScope,
  q: { status?: string; page: number; pageSize: number },
) {
  const where = and(scopeWhere(scope), q.status ? eq(returnRequests.status, q.status) : undefined);
  const items = await db
    .select()
    .from(returnRequests)
    .where(where)
    .orderBy(desc(returnRequests.createdAt), desc(returnRequests.id))
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
  const total = await db.$count(returnRequests, where);
  return { items, total };
}

export async function businessFacts(db: TExecutor, id: string) {
  const [b] = await db
    .select({ id: businesses.id, kind: businesses.kind, name: businesses.name, nameEn: businesses.nameEn })
    .from(businesses)
    .where(eq(businesses.id, id));
  return b;
}

export async function businessNames(db: TExecutor, ids: string[]) {
  if (!ids.length) return new Map<string, { name: string; nameEn: string | null }>();
  const rows = await db
    .select({ id: businesses.id, name: businesses.name, nameEn: businesses.nameEn })
    .from(businesses)
    .where(inArray(businesses.id, ids));
  return new Map(rows.map(({ id, ...b }) => [id, b]));
}

/** The tourists' names and phones (the phone only to mask it or to send an SMS). */
export async function touristContacts(db: TExecutor, ids: string[]) {
  if (!ids.length) return new Map<string, { displayName: string; phone: string | null }>();
  const rows = await db
    .select({ id: users.id, displayName: users.displayName, phone: users.phone })
    .from(users)
    .where(inArray(users.id, ids));
  return new Map(rows.map(({ id, ...u }) => [id, u]));
}

/** The business's own accounts (to tell them of a new request). */
export async function businessAccountIds(db: TExecutor, businessId: string) {
  const rows = await db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.businessId, businessId), eq(users.role, 'business')));
  return rows.map((r) => r.id);
}

/** Return requests' tracking numbers by id (the audit log names them so). */
export const returnTrackingNosByIds = (db: TExecutor, ids: string[]) =>
  db
    .select({ id: returnRequests.id, trackingNo: returnRequests.trackingNo })
    .from(returnRequests)
    .where(inArray(returnRequests.id, ids));
