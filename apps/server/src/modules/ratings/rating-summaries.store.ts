import { and, eq, inArray, sql } from 'drizzle-orm';
import type { TExecutor } from '../../db/client.js';
import { ratings } from './ratings.tables.js';

export type TRatingTargetType = 'business' | 'station' | 'practitioner';

export type TRatingSummary = {
  targetId: string;
  /** mean of the overall stars, one decimal; null when nobody rated yet */
  average: number | null;
  count: number;
  /** mean per dimension code, one decimal (only dimensions that were scored) */
  dimensions: Record<string, number>;
};

const round1 = (n: number) => Math.round(n * 10) / 10;

/**
 * Average overall stars, number of ratings and per-dimension averages for many targets at once (for the
 * directory's business ratings, the console's code list). Every id asked for is in the answer, unrated ones
 * with count 0 and average null.
 */
export async function getRatingSummaries(
  db: TExecutor,
  targetType: TRatingTargetType,
  ids: string[],
): Promise<Map<string, TRatingSummary>> {
  const out = new Map<string, TRatingSummary>();
  const unique = [...new Set(ids)];
  for (const id of unique) out.set(id, { targetId: id, average: null, count: 0, dimensions: {} });
  if (!unique.length) return out;
  const where = and(eq(ratings.targetType, targetType), inArray(ratings.targetId, unique));
  const totals = await db
    .select({
      targetId: ratings.targetId,
      average: sql<string>`avg(${ratings.overall})`,
      count: sql<number>`count(*)::int`,
    })
    .from(ratings)
    .where(where)
    .groupBy(ratings.targetId);
  for (const t of totals) {
    const s = out.get(t.targetId);
    if (s) {
      s.average = round1(Number(t.average));
      s.count = Number(t.count);
    }
  }
  const perDimension = await db
    .select({
      targetId: ratings.targetId,
      dimension: sql<string>`d.key`,
      average: sql<string>`avg((d.value)::numeric)`,
    })
    .from(ratings)
    .innerJoin(sql`jsonb_each_text(${ratings.scores}) as d(key, value)`, sql`true`)
    .where(where)
    .groupBy(ratings.targetId, sql`d.key`);
  for (const d of perDimension) {
    const s = out.get(d.targetId);
    if (s) s.dimensions[d.dimension] = round1(Number(d.average));
  }
  return out;
}

/**
 * Average overall stars and count per target of one type for ratings made in [from, to): the credit module's
 * quarter job (a quarter's rating average and count is a credit event).
 */
export async function getQuarterRatingTotals(db: TExecutor, targetType: TRatingTargetType, from: Date, to: Date) {
  const rows = await db
    .select({
      targetId: ratings.targetId,
      average: sql<string>`avg(${ratings.overall})`,
      count: sql<number>`count(*)::int`,
    })
    .from(ratings)
    .where(
      and(
        eq(ratings.targetType, targetType),
        sql`${ratings.createdAt} >= ${from.toISOString()}::timestamptz`,
        sql`${ratings.createdAt} < ${to.toISOString()}::timestamptz`,
      ),
    )
    .groupBy(ratings.targetId);
  return rows.map((r) => ({ targetId: r.targetId, average: round1(Number(r.average)), count: Number(r.count) }));
}
