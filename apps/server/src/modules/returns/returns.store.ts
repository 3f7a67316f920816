import { DEFAULT_RETURN_RULES, type TReturnRules } from '@zhilv/contracts';
import { and, asc, desc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { TExecutor } from '../../db/client.js';
import { users } from '../accounts/index.js';
import { businesses } from '../master-data/index.js';
import {
  compensationFundLedger,
  returnGoodsCatalogue,
  returnPledges,
  returnRequests,
  returnRules,
} from './returns.tables.js';

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

/** The local rules (本地规则); the defaults when the admin never saved them. */
export async function getReturnRules(db: TExecutor): Promise<TReturnRules> {
  const [row] = await db.select().from(returnRules).where(eq(returnRules.id, 'default'));
  return row ? { shopAnswerHours: row.shopAnswerHours, refundHours: row.refundHours } : { ...DEFAULT_RETURN_RULES };
}

export async function setReturnRules(tx: TExecutor, rules: TReturnRules, at: Date) {
  await tx
    .insert(returnRules)
    .values({ id: 'default', ...rules, updatedAt: at })
    .onConflictDoUpdate({ target: returnRules.id, set: { ...rules, updatedAt: at } });
}

export async function pledgeOf(db: TExecutor, businessId: string) {
  return (await db.select().from(returnPledges).where(eq(returnPledges.businessId, businessId)))[0] ?? null;
}

export async function signPledge(tx: TExecutor, businessId: string, userId: string, at: Date) {
  return (
    await tx
      .insert(returnPledges)
      .values({ businessId, signedBy: userId, signedAt: at })
      .onConflictDoNothing()
      .returning()
  )[0];
}

export async function withdrawPledge(tx: TExecutor, businessId: string) {
  return (await tx.delete(returnPledges).where(eq(returnPledges.businessId, businessId)).returning())[0];
}

/** Every shop with whether (and when) it signed: the admin's list of who signed. */
export async function pledgeList(db: TExecutor) {
  return db
    .select({
      businessId: businesses.id,
      businessName: businesses.name,
      businessNameEn: businesses.nameEn,
      signedAt: returnPledges.signedAt,
    })
    .from(businesses)
    .leftJoin(returnPledges, eq(returnPledges.businessId, businesses.id))
    .where(eq(businesses.kind, 'shop'))
    .orderBy(sql`${returnPledges.signedAt} is null`, asc(businesses.name));
}

export const catalogue = (db: TExecutor) =>
  db.select().from(returnGoodsCatalogue).orderBy(asc(returnGoodsCatalogue.sort), asc(returnGoodsCatalogue.code));

export async function catalogueEntry(db: TExecutor, code: string) {
  return (await db.select().from(returnGoodsCatalogue).where(eq(returnGoodsCatalogue.code, code)))[0] ?? null;
}

export async function catalogueByCodes(db: TExecutor, codes: string[]) {
  if (!codes.length) return new Map<string, { nameZh: string; nameEn: string }>();
  const rows = await db
    .select({
      code: returnGoodsCatalogue.code,
      nameZh: returnGoodsCatalogue.nameZh,
      nameEn: returnGoodsCatalogue.nameEn,
    })
    .from(returnGoodsCatalogue)
    .where(inArray(returnGoodsCatalogue.code, codes));
  return new Map(rows.map(({ code, ...n }) => [code, n]));
}

export async function upsertCatalogueEntry(
  tx: TExecutor,
  v: { code: string; nameZh: string; nameEn: string; inScope: boolean; sort: number },
  at: Date,
) {
  const set = { nameZh: v.nameZh, nameEn: v.nameEn, inScope: v.inScope, sort: v.sort, updatedAt: at };
  return (
    await tx
      .insert(returnGoodsCatalogue)
      .values({ ...v, updatedAt: at })
      .onConflictDoUpdate({ target: returnGoodsCatalogue.code, set })
      .returning()
  )[0];
}

export type TLedgerInsert = typeof compensationFundLedger.$inferInsert;

/** A payout into the fund's ledger; null when the order already had one (the unique index decides). */
export async function insertPayout(tx: TExecutor, v: TLedgerInsert) {
  return (await tx.insert(compensationFundLedger).values(v).onConflictDoNothing().returning())[0] ?? null;
}

export async function payoutOfOrder(db: TExecutor, workOrderId: string) {
  return (await db.select().from(compensationFundLedger).where(eq(compensationFundLedger.workOrderId, workOrderId)))[0];
}

export async function ledger(db: TExecutor, limit: number) {
  const items = await db
    .select()
    .from(compensationFundLedger)
    .orderBy(desc(compensationFundLedger.at), desc(compensationFundLedger.id))
    .limit(limit);
  const [{ total }] = await db
    .select({ total: sql<string>`coalesce(sum(${compensationFundLedger.amountFen}), 0)` })
    .from(compensationFundLedger);
  return { items, totalFen: Number(total) };
}

export async function returnOfWorkOrder(db: TExecutor, workOrderId: string) {
  return (await db.select().from(returnRequests).where(eq(returnRequests.workOrderId, workOrderId)))[0];
}
