import { and, asc, desc, eq, ilike, inArray, isNull, or, type SQL, sql } from 'drizzle-orm';
import type { TExecutor } from '../../db/client.js';
import { files } from '../../platform/platform.tables.js';
import { businesses, departments, practitioners } from '../master-data/index.js';
import {
  creditEvents,
  creditRepairs,
  creditRules,
  creditSettings,
  dishonestEntries,
  pledges,
  pledgeTemplates,
} from './credit.tables.js';

export type TRuleRow = typeof creditRules.$inferSelect;
export type TEventRow = typeof creditEvents.$inferSelect;
export type TEntryRow = typeof dishonestEntries.$inferSelect;
export type TRepairRow = typeof creditRepairs.$inferSelect;
export type TSettingsRow = typeof creditSettings.$inferSelect;

// ---------- settings and rules ----------

/** The settings row; the migration inserts it, so it is always there. */
export async function getSettings(db: TExecutor): Promise<TSettingsRow> {
  const [row] = await db.select().from(creditSettings).where(eq(creditSettings.id, 1));
  if (row) return row;
  return (await db.insert(creditSettings).values({ id: 1 }).onConflictDoNothing().returning())[0]!;
}

export async function updateSettings(tx: TExecutor, v: Partial<typeof creditSettings.$inferInsert>) {
  return (
    await tx
      .update(creditSettings)
      .set({ ...v, updatedAt: sql`now()` })
      .where(eq(creditSettings.id, 1))
      .returning()
  )[0]!;
}

/** The rule's newest version (active or not). */
export async function latestRule(db: TExecutor, code: string) {
  return (
    await db.select().from(creditRules).where(eq(creditRules.code, code)).orderBy(desc(creditRules.version)).limit(1)
  )[0];
}

/** Every rule's every version, newest first within a code. */
export function listRules(db: TExecutor) {
  return db.select().from(creditRules).orderBy(asc(creditRules.code), desc(creditRules.version));
}

export async function insertRule(tx: TExecutor, v: typeof creditRules.$inferInsert) {
  return (await tx.insert(creditRules).values(v).returning())[0]!;
}

export async function rulesByIds(db: TExecutor, ids: string[]) {
  if (!ids.length) return new Map<string, TRuleRow>();
  const rows = await db.select().from(creditRules).where(inArray(creditRules.id, ids));
  return new Map(rows.map((r) => [r.id, r]));
}

// ---------- events and scores ----------

/** Records an event once per cause (subject, rule, evidence): answers undefined when it was already recorded. */
export async function insertEvent(tx: TExecutor, v: typeof creditEvents.$inferInsert) {
  return (await tx.insert(creditEvents).values(v).onConflictDoNothing().returning())[0];
}

/** The SQL twin of credit.score.ts inForce: effective, not expired, not repaired at `at`. */
export const inForceSql = (at: Date) => {
  const t = at.toISOString();
  return sql`(${creditEvents.effectiveAt} <= ${t}::timestamptz
    and (${creditEvents.validUntil} is null or ${creditEvents.validUntil} > ${t}::timestamptz)
    and (${creditEvents.repairedAt} is null or ${creditEvents.repairedAt} > ${t}::timestamptz))`;
};

/** Sum of the points in force and the number of events on file, per subject; subjects without events are absent. */
export async function sumsOf(db: TExecutor, subjectIds: string[], at: Date) {
  const out = new Map<string, { sum: number; events: number }>();
  if (!subjectIds.length) return out;
  const rows = await db
    .select({
      subjectId: creditEvents.subjectId,
      sum: sql<number>`coalesce(sum(${creditEvents.points}) filter (where ${inForceSql(at)}), 0)::int`,
      events: sql<number>`count(*)::int`,
    })
    .from(creditEvents)
    .where(inArray(creditEvents.subjectId, subjectIds))
    .groupBy(creditEvents.subjectId);
  for (const r of rows) out.set(r.subjectId, { sum: Number(r.sum), events: Number(r.events) });
  return out;
}

/** A subject's events with their rule's names and the recording department's name, newest first. */
export function eventsOf(db: TExecutor, subjectType: string, subjectId: string, onlyPublic = false) {
  const c: SQL[] = [eq(creditEvents.subjectType, subjectType), eq(creditEvents.subjectId, subjectId)];
  if (onlyPublic) c.push(eq(creditEvents.public, true), isNull(creditEvents.repairedAt));
  return db
    .select({
      e: creditEvents,
      ruleName: creditRules.name,
      ruleNameEn: creditRules.nameEn,
      departmentName: departments.name,
    })
    .from(creditEvents)
    .innerJoin(creditRules, eq(creditRules.id, creditEvents.ruleId))
    .leftJoin(departments, eq(departments.id, creditEvents.departmentId))
    .where(and(...c))
    .orderBy(desc(creditEvents.effectiveAt), desc(creditEvents.createdAt));
}

/** Marks the events behind a listing repaired from `at` (kept on the file, no longer counted or published). */
export async function markRepaired(tx: TExecutor, ids: string[], at: Date) {
  if (!ids.length) return [];
  return tx
    .update(creditEvents)
    .set({ repairedAt: at })
    .where(and(inArray(creditEvents.id, ids), isNull(creditEvents.repairedAt)))
    .returning({ id: creditEvents.id });
}

// ---------- subjects ----------

export async function getSubject(db: TExecutor, type: string, id: string) {
  if (type === 'business') {
    const [b] = await db
      .select({ id: businesses.id, name: businesses.name, nameEn: businesses.nameEn, key: businesses.uscc })
      .from(businesses)
      .where(eq(businesses.id, id));
    return b;
  }
  const [p] = await db
    .select({
      id: practitioners.id,
      name: practitioners.name,
      nameEn: sql<string | null>`null`,
      key: practitioners.licenseNo,
      businessId: practitioners.businessId,
    })
    .from(practitioners)
    .where(eq(practitioners.id, id));
  return p;
}

const like = (q: string) => `%${q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;

/**
 * One page of credit files — businesses (by USCC) or practitioners (guides by licence number) — with score and grade
 * computed in SQL from the events in force — the same rule as credit.score.ts — so a grade filter pages correctly.
 */
export async function listSubjectFiles(
  db: TExecutor,
  type: 'business' | 'practitioner',
  q: { q?: string; grade?: string; page: number; pageSize: number },
  s: TSettingsRow,
  at: Date,
) {
  const sums = db
    .select({
      subjectId: creditEvents.subjectId,
      sum: sql<number>`coalesce(sum(${creditEvents.points}) filter (where ${inForceSql(at)}), 0)`.as('sum'),
      n: sql<number>`count(*)`.as('n'),
    })
    .from(creditEvents)
    .where(eq(creditEvents.subjectType, type))
    .groupBy(creditEvents.subjectId)
    .as('sums');
  const score = sql<number>`(${s.baseScore} + coalesce(${sums.sum}, 0))::int`;
  const grade = sql<string>`case when ${sums.n} is null then 'ungraded'
    when ${score} >= ${s.gradeAMin} then 'A' when ${score} >= ${s.gradeBMin} then 'B'
    when ${score} >= ${s.gradeCMin} then 'C' else 'D' end`;
  const t =
    type === 'business'
      ? { table: businesses, id: businesses.id, name: businesses.name, key: businesses.uscc }
      : { table: practitioners, id: practitioners.id, name: practitioners.name, key: practitioners.licenseNo };
  const c: SQL[] = [];
  if (q.q) c.push(or(ilike(t.name, like(q.q)), ilike(t.key, like(q.q.toUpperCase())))!);
  if (q.grade) c.push(sql`${grade} = ${q.grade}`);
  const where = c.length ? and(...c) : undefined;
  const items = await db
    .select({
      subjectId: t.id,
      name: t.name,
      key: t.key,
      score,
      grade,
      events: sql<number>`coalesce(${sums.n}, 0)::int`,
    })
    .from(t.table)
    .leftJoin(sums, eq(sums.subjectId, t.id))
    .where(where)
    .orderBy(asc(score), asc(t.name), asc(t.id))
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
  const [{ total }] = await db
    .select({ total: sql<number>`count(*)::int` })
    .from(t.table)
    .leftJoin(sums, eq(sums.subjectId, t.id))
    .where(where);
  return { items, total: Number(total) };
}

export async function businessAddress(db: TExecutor, id: string) {
  return (await db.select({ address: businesses.address }).from(businesses).where(eq(businesses.id, id)))[0]?.address;
}

export async function businessBadges(tx: TExecutor, id: string) {
  return (await tx.select({ badges: businesses.badges }).from(businesses).where(eq(businesses.id, id)))[0]?.badges;
}

// ---------- dishonest list ----------

export async function insertEntry(tx: TExecutor, v: typeof dishonestEntries.$inferInsert) {
  return (await tx.insert(dishonestEntries).values(v).returning())[0]!;
}
export async function lockEntry(tx: TExecutor, id: string) {
  return (await tx.select().from(dishonestEntries).where(eq(dishonestEntries.id, id)).for('update'))[0];
}
export async function getEntry(db: TExecutor, id: string) {
  return (await db.select().from(dishonestEntries).where(eq(dishonestEntries.id, id)))[0];
}
export async function updateEntry(tx: TExecutor, id: string, v: Partial<typeof dishonestEntries.$inferInsert>) {
  return (
    await tx
      .update(dishonestEntries)
      .set({ ...v, updatedAt: sql`now()` })
      .where(eq(dishonestEntries.id, id))
      .returning()
  )[0]!;
}
/** An open procedure (proposed, noticed or listed) on the business, if any. */
export async function openEntryOf(tx: TExecutor, businessId: string) {
  return (
    await tx
      .select({ id: dishonestEntries.id })
      .from(dishonestEntries)
      .where(
        and(
          eq(dishonestEntries.businessId, businessId),
          inArray(dishonestEntries.status, ['proposed', 'noticed', 'listed']),
        ),
      )
  )[0];
}

/** Entries with the business's and department's names; `where` is the reader's visible set (credit.policy). */
export function listEntries(db: TExecutor, where: SQL | undefined, limit = 200) {
  return db
    .select({
      e: dishonestEntries,
      businessName: businesses.name,
      businessNameEn: businesses.nameEn,
      uscc: businesses.uscc,
      departmentName: departments.name,
    })
    .from(dishonestEntries)
    .innerJoin(businesses, eq(businesses.id, dishonestEntries.businessId))
    .leftJoin(departments, eq(departments.id, dishonestEntries.departmentId))
    .where(where)
    .orderBy(desc(dishonestEntries.createdAt), desc(dishonestEntries.id))
    .limit(limit);
}
export const entriesOfBusiness = (businessId: string) => eq(dishonestEntries.businessId, businessId);
export const entriesOfDepartment = (departmentId: string) => eq(dishonestEntries.departmentId, departmentId);
export const listedEntries = () => eq(dishonestEntries.status, 'listed');
export const entryIdIs = (id: string) => eq(dishonestEntries.id, id);

export async function repairsOf(db: TExecutor, entryIds: string[]) {
  if (!entryIds.length) return [];
  return db
    .select()
    .from(creditRepairs)
    .where(inArray(creditRepairs.entryId, entryIds))
    .orderBy(asc(creditRepairs.createdAt));
}
export async function insertRepair(tx: TExecutor, v: typeof creditRepairs.$inferInsert) {
  return (await tx.insert(creditRepairs).values(v).returning())[0]!;
}
export async function getRepair(db: TExecutor, id: string) {
  return (await db.select().from(creditRepairs).where(eq(creditRepairs.id, id)))[0];
}
/** The proof photos attached to repairs (the files module's records), by repair. */
export async function repairFiles(db: TExecutor, repairIds: string[]) {
  const out = new Map<string, string[]>();
  if (!repairIds.length) return out;
  const rows = await db
    .select({ id: files.id, objectId: files.objectId })
    .from(files)
    .where(and(eq(files.objectType, 'credit_repair'), inArray(files.objectId, repairIds)))
    .orderBy(asc(files.createdAt), asc(files.id));
  for (const r of rows) out.set(r.objectId!, [...(out.get(r.objectId!) ?? []), r.id]);
  return out;
}
export async function lockRepair(tx: TExecutor, id: string) {
  return (await tx.select().from(creditRepairs).where(eq(creditRepairs.id, id)).for('update'))[0];
}
export async function updateRepair(tx: TExecutor, id: string, v: Partial<typeof creditRepairs.$inferInsert>) {
  return (await tx.update(creditRepairs).set(v).where(eq(creditRepairs.id, id)).returning())[0]!;
}
export async function pendingRepairOf(tx: TExecutor, entryId: string) {
  return (
    await tx
      .select({ id: creditRepairs.id })
      .from(creditRepairs)
      .where(and(eq(creditRepairs.entryId, entryId), eq(creditRepairs.status, 'submitted')))
  )[0];
}

// ---------- pledges ----------

export function listTemplates(db: TExecutor) {
  return db.select().from(pledgeTemplates).where(eq(pledgeTemplates.active, true)).orderBy(asc(pledgeTemplates.code));
}
export async function getTemplate(db: TExecutor, id: string) {
  return (await db.select().from(pledgeTemplates).where(eq(pledgeTemplates.id, id)))[0];
}
export function pledgesOf(db: TExecutor, businessId: string) {
  return db
    .select({ p: pledges, title: pledgeTemplates.title, titleEn: pledgeTemplates.titleEn })
    .from(pledges)
    .innerJoin(pledgeTemplates, eq(pledgeTemplates.id, pledges.templateId))
    .where(eq(pledges.businessId, businessId))
    .orderBy(asc(pledges.signedAt));
}
export async function insertPledge(tx: TExecutor, v: typeof pledges.$inferInsert) {
  return (await tx.insert(pledges).values(v).onConflictDoNothing().returning())[0];
}
export async function lockPledge(tx: TExecutor, id: string) {
  return (await tx.select().from(pledges).where(eq(pledges.id, id)).for('update'))[0];
}
export async function updatePledge(tx: TExecutor, id: string, v: Partial<typeof pledges.$inferInsert>) {
  return (await tx.update(pledges).set(v).where(eq(pledges.id, id)).returning())[0]!;
}
