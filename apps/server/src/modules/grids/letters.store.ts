import { and, asc, desc, eq, type SQL, sql } from 'drizzle-orm';
import type { TExecutor } from '../../db/client.js';
import { users } from '../accounts/index.js';
import { businesses } from '../master-data/index.js';
import { letterTemplates, responsibilityLetters } from './grids.tables.js';

export type TTemplateRow = typeof letterTemplates.$inferSelect;
export type TLetterRow = typeof responsibilityLetters.$inferSelect;

export const listTemplates = (db: TExecutor) =>
  db.select().from(letterTemplates).orderBy(asc(letterTemplates.code)).limit(500);
export const getTemplate = async (db: TExecutor, id: string) =>
  (await db.select().from(letterTemplates).where(eq(letterTemplates.id, id)))[0];
export const getTemplateByCode = async (db: TExecutor, code: string) =>
  (await db.select().from(letterTemplates).where(eq(letterTemplates.code, code)))[0];
export async function insertTemplate(db: TExecutor, v: typeof letterTemplates.$inferInsert) {
  return (await db.insert(letterTemplates).values(v).returning())[0];
}
export async function updateTemplate(db: TExecutor, id: string, v: Partial<typeof letterTemplates.$inferInsert>) {
  return (await db.update(letterTemplates).set(v).where(eq(letterTemplates.id, id)).returning())[0];
}

/** The two parties as the letter names them. */
export const businessParty = async (db: TExecutor, id: string) =>
  (
    await db
      .select({ id: businesses.id, name: businesses.name, nameEn: businesses.nameEn, uscc: businesses.uscc })
      .from(businesses)
      .where(eq(businesses.id, id))
  )[0];
export const userParty = async (db: TExecutor, id: string) =>
  (
    await db
      .select({ id: users.id, displayName: users.displayName, role: users.role, disabled: users.disabled })
      .from(users)
      .where(eq(users.id, id))
  )[0];

export async function insertLetter(db: TExecutor, v: typeof responsibilityLetters.$inferInsert) {
  return (await db.insert(responsibilityLetters).values(v).returning())[0];
}
export const lockLetter = async (db: TExecutor, id: string) =>
  (await db.select().from(responsibilityLetters).where(eq(responsibilityLetters.id, id)).for('update'))[0];
export async function updateLetter(db: TExecutor, id: string, v: Partial<typeof responsibilityLetters.$inferInsert>) {
  return (await db.update(responsibilityLetters).set(v).where(eq(responsibilityLetters.id, id)).returning())[0];
}

const letterColumns = {
  letter: responsibilityLetters,
  businessName: businesses.name,
  businessNameEn: businesses.nameEn,
  partyAUserName: users.displayName,
};
export type TLetterView = {
  letter: TLetterRow;
  businessName: string;
  businessNameEn: string | null;
  partyAUserName: string | null;
};

export const getLetter = async (db: TExecutor, id: string): Promise<TLetterView | undefined> =>
  (
    await db
      .select(letterColumns)
      .from(responsibilityLetters)
      .innerJoin(businesses, eq(businesses.id, responsibilityLetters.businessId))
      .leftJoin(users, eq(users.id, responsibilityLetters.partyAUserId))
      .where(eq(responsibilityLetters.id, id))
  )[0];

/** unsigned: issued and still in force; expiring: signed and ending within `days`; expired: its period is over. */
export type TLetterFilter = { status?: 'unsigned' | 'signed' | 'expiring' | 'expired'; businessId?: string };
function letterWhere(visible: SQL, f: TLetterFilter, today: string, soon: string): SQL {
  const c: SQL[] = [visible];
  const l = responsibilityLetters;
  if (f.businessId) c.push(eq(l.businessId, f.businessId));
  if (f.status === 'unsigned') c.push(sql`${l.status} = 'issued' and ${l.periodEnd} >= ${today}`);
  if (f.status === 'signed') c.push(eq(l.status, 'signed'));
  if (f.status === 'expiring') c.push(sql`${l.status} = 'signed' and ${l.periodEnd} between ${today} and ${soon}`);
  if (f.status === 'expired') c.push(sql`${l.periodEnd} < ${today}`);
  return and(...c)!;
}
export async function listLetters(
  db: TExecutor,
  visible: SQL,
  f: TLetterFilter,
  days: { today: string; soon: string },
  page: number,
  pageSize: number,
) {
  const where = letterWhere(visible, f, days.today, days.soon);
  const items: TLetterView[] = await db
    .select(letterColumns)
    .from(responsibilityLetters)
    .innerJoin(businesses, eq(businesses.id, responsibilityLetters.businessId))
    .leftJoin(users, eq(users.id, responsibilityLetters.partyAUserId))
    .where(where)
    .orderBy(asc(responsibilityLetters.periodEnd), desc(responsibilityLetters.issuedAt), asc(responsibilityLetters.id))
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  return { items, total: await db.$count(responsibilityLetters, where) };
}
