import { and, desc, eq, inArray, type SQL } from 'drizzle-orm';
import type { TExecutor } from '../../db/client.js';
import { users } from '../accounts/index.js';
import { businesses } from '../master-data/index.js';
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

export async function listReturns(
  db: TExecutor,
  /** the requests the reader may view (returns.policy.ts visibleWhere) */
  visible: SQL,
  q: { status?: string; page: number; pageSize: number },
) {
  const where = and(visible, q.status ? eq(returnRequests.status, q.status) : undefined);
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
