import { randomBytes } from 'node:crypto';
import type { TRatingTargetType } from '@zhilv/contracts';
import { and, desc, eq, type SQL, sql } from 'drizzle-orm';
import { rowsOf, type TExecutor } from '../../db/client.js';
import { users } from '../accounts/index.js';
import { businesses, practitioners } from '../master-data/index.js';
import { stations } from '../stations/index.js';
import { ratingCodes, ratings } from './ratings.tables.js';

/** Crockford base32 without I, L, O, U: no look-alikes when a code is typed from the printed sheet. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** 10 characters from the system's CSPRNG: 50 random bits — not guessable, short enough for a small QR. */
export function newRatingCode(): string {
  let out = '';
  for (const b of randomBytes(10)) out += ALPHABET[b & 31];
  return out;
}

export type TTarget = {
  targetType: TRatingTargetType;
  targetId: string;
  name: string;
  nameEn: string | null;
  kind: string;
  /** the business a complaint concerns: itself, a practitioner's employer, none for a station */
  businessId: string | null;
  businessName: string | null;
  businessNameEn: string | null;
  businessKind: string | null;
  businessAddress: string | null;
  code: string | null;
};

type TRaw = Record<string, unknown>;

const toTarget = (r: TRaw): TTarget => ({
  targetType: r.target_type as TRatingTargetType,
  targetId: String(r.target_id),
  name: String(r.name),
  nameEn: (r.name_en as string | null) ?? null,
  kind: String(r.kind),
  businessId: (r.business_id as string | null) ?? null,
  businessName: (r.business_name as string | null) ?? null,
  businessNameEn: (r.business_name_en as string | null) ?? null,
  businessKind: (r.business_kind as string | null) ?? null,
  businessAddress: (r.business_address as string | null) ?? null,
  code: (r.code as string | null) ?? null,
});

/** Every ratable target (businesses, stations, practitioners) with its active code, as one relation. */
const targetsRelation = sql`(
  select 'business'::text as target_type, b.id as target_id, b.name, b.name_en, b.kind,
         b.id as business_id, b.name as business_name, b.name_en as business_name_en,
         b.kind as business_kind, b.address as business_address
    from ${businesses} b
  union all
  select 'station', s.id, s.name, s.name_en, s.kind, null::uuid, null::text, null::text, null::text, null::text
    from ${stations} s where s.active
  union all
  select 'practitioner', p.id, p.name, null::text, p.kind, e.id, e.name, e.name_en, e.kind, e.address
    from ${practitioners} p left join ${businesses} e on e.id = p.business_id
) t left join ${ratingCodes} rc on rc.target_type = t.target_type and rc.target_id = t.target_id and rc.active`;

/** The targets relation's columns, for a condition written outside the store (the policy's visible set). */
export const TARGET_COLUMNS = { targetType: sql`t.target_type`, targetId: sql`t.target_id` };

export async function findTargets(
  db: TExecutor,
  /** visible: the targets the reader may read (ratings.policy.ts targetsVisibleWhere over TARGET_COLUMNS) */
  q: { targetType?: TRatingTargetType; q?: string; visible: SQL | undefined; limit: number; offset: number },
): Promise<{ items: TTarget[]; total: number }> {
  const where = [sql`true`];
  if (q.targetType) where.push(sql`t.target_type = ${q.targetType}`);
  if (q.visible) where.push(q.visible);
  if (q.q) {
    const like = `%${q.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    where.push(sql`(t.name ilike ${like} or t.name_en ilike ${like} or rc.code = ${q.q.toUpperCase()})`);
  }
  const cond = sql.join(where, sql` and `);
  const items = rowsOf<TRaw>(
    await db.execute(sql`select t.*, rc.code from ${targetsRelation} where ${cond}
      order by case t.target_type when 'business' then 0 when 'station' then 1 else 2 end, t.name, t.target_id
      limit ${q.limit} offset ${q.offset}`),
  ).map(toTarget);
  const [count] = rowsOf<TRaw>(await db.execute(sql`select count(*)::int as n from ${targetsRelation} where ${cond}`));
  return { items, total: Number(count?.n ?? 0) };
}

export async function getTargetByCode(db: TExecutor, code: string): Promise<TTarget | null> {
  const [row] = rowsOf<TRaw>(
    await db.execute(sql`select t.*, rc.code from ${targetsRelation} where rc.code = ${code}`),
  );
  return row ? toTarget(row) : null;
}

export async function getTargetsByCodes(db: TExecutor, codes: string[]): Promise<TTarget[]> {
  if (!codes.length) return [];
  const list = sql.join(
    codes.map((c) => sql`${c}`),
    sql`, `,
  );
  return rowsOf<TRaw>(
    await db.execute(sql`select t.*, rc.code from ${targetsRelation} where rc.code in (${list})`),
  ).map(toTarget);
}

/**
 * Gives every listed target without an active code a new one. Concurrent issuers race on the unique index of
 * active codes per (type, id): the loser's insert does nothing and both read the winner's code. Answers how many
 * were created.
 */
export async function issueCodes(tx: TExecutor, targets: { targetType: TRatingTargetType; targetId: string }[]) {
  if (!targets.length) return 0;
  const rows = await tx
    .insert(ratingCodes)
    .values(targets.map((t) => ({ code: newRatingCode(), targetType: t.targetType, targetId: t.targetId })))
    .onConflictDoNothing()
    .returning({ code: ratingCodes.code });
  return rows.length;
}

/**
 * Replaces an active code: its row stays, inactive, and the target gets a new active row. Two statements, in this
 * order, since the unique index allows one active row per target. A concurrent replacement of the same code waits
 * on the row lock, then finds it inactive and answers null.
 */
export async function replaceCode(tx: TExecutor, oldCode: string, newCode: string, now: Date) {
  const [old] = await tx
    .update(ratingCodes)
    .set({ active: false })
    .where(and(eq(ratingCodes.code, oldCode), eq(ratingCodes.active, true)))
    .returning({ targetType: ratingCodes.targetType, targetId: ratingCodes.targetId });
  if (!old) return null;
  const [row] = await tx
    .insert(ratingCodes)
    .values({ code: newCode, targetType: old.targetType, targetId: old.targetId, createdAt: now })
    .returning();
  return row;
}

/** Whether a code was ever issued, and whether it still works (null: never issued). */
export async function codeState(db: TExecutor, code: string) {
  const [row] = await db.select({ active: ratingCodes.active }).from(ratingCodes).where(eq(ratingCodes.code, code));
  return row ?? null;
}

/** Targets of a type that have no code yet (for issuing all at once). */
export async function targetsWithoutCode(db: TExecutor, targetType?: TRatingTargetType) {
  const rows = rowsOf<TRaw>(
    await db.execute(sql`select t.target_type, t.target_id from ${targetsRelation}
      where rc.code is null ${targetType ? sql`and t.target_type = ${targetType}` : sql``}`),
  );
  return rows.map((r) => ({ targetType: r.target_type as TRatingTargetType, targetId: String(r.target_id) }));
}

export async function insertRating(tx: TExecutor, values: typeof ratings.$inferInsert) {
  const [row] = await tx.insert(ratings).values(values).returning();
  return row;
}

export async function findRatingOfDay(
  db: TExecutor,
  touristUserId: string,
  targetType: string,
  targetId: string,
  day: string,
) {
  const [row] = await db
    .select({ id: ratings.id })
    .from(ratings)
    .where(
      and(
        eq(ratings.touristUserId, touristUserId),
        eq(ratings.targetType, targetType),
        eq(ratings.targetId, targetId),
        eq(ratings.day, day),
      ),
    );
  return row ?? null;
}

export async function getRating(db: TExecutor, id: string) {
  const [row] = await db.select().from(ratings).where(eq(ratings.id, id));
  return row ?? null;
}

export async function lockRating(tx: TExecutor, id: string) {
  const [row] = await tx.select().from(ratings).where(eq(ratings.id, id)).for('update');
  return row ?? null;
}

export async function setRatingWorkOrder(tx: TExecutor, id: string, workOrderId: string) {
  await tx.update(ratings).set({ workOrderId }).where(eq(ratings.id, id));
}

/** The newest ratings among those the reader may view (ratings.policy.ts ratingsVisibleWhere). */
export async function listRatings(db: TExecutor, visible: SQL, limit: number) {
  return db.select().from(ratings).where(visible).orderBy(desc(ratings.createdAt)).limit(limit);
}

/** A target's ratings, newest first, with the tourist's phone for masking. */
export async function listRatingsOfTarget(
  db: TExecutor,
  targetType: string,
  targetId: string,
  limit: number,
  offset: number,
) {
  const cond = and(eq(ratings.targetType, targetType), eq(ratings.targetId, targetId));
  const items = await db
    .select({ rating: ratings, phone: users.phone })
    .from(ratings)
    .leftJoin(users, eq(users.id, ratings.touristUserId))
    .where(cond)
    .orderBy(desc(ratings.createdAt))
    .limit(limit)
    .offset(offset);
  return { items, total: await db.$count(ratings, cond) };
}

/** Several targets with their codes, by (type, id): for "my ratings". */
export async function getTargetsByKeys(db: TExecutor, keys: { targetType: string; targetId: string }[]) {
  const out = new Map<string, TTarget>();
  if (!keys.length) return out;
  const list = sql.join(
    keys.map((k) => sql`(${k.targetType}::text, ${k.targetId}::uuid)`),
    sql`, `,
  );
  const rows = rowsOf<TRaw>(
    await db.execute(sql`select t.*, rc.code from ${targetsRelation} where (t.target_type, t.target_id) in (${list})`),
  );
  for (const r of rows.map(toTarget)) out.set(`${r.targetType}:${r.targetId}`, r);
  return out;
}

export function pgErrorCode(err: unknown): string | undefined {
  for (let e = err as { code?: unknown; cause?: unknown } | undefined; e; e = e.cause as never) {
    if (typeof e.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code)) return e.code;
  }
  return undefined;
}
