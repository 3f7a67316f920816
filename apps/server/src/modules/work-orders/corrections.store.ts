import { and, count, desc, eq, type SQL } from 'drizzle-orm';
import type { TExecutor } from '../../db/client.js';
import { users } from '../accounts/index.js';
import { categoryCorrections } from './work-orders.tables.js';

export type TCorrectionStatus = 'pending' | 'accepted' | 'rejected';
export type TCorrectionInsert = typeof categoryCorrections.$inferInsert;

export async function insertCorrection(tx: TExecutor, row: TCorrectionInsert) {
  const [saved] = await tx.insert(categoryCorrections).values(row).returning();
  return saved;
}

const columns = {
  id: categoryCorrections.id,
  workOrderId: categoryCorrections.workOrderId,
  text: categoryCorrections.text,
  originalCategory: categoryCorrections.originalCategory,
  suggestedCategory: categoryCorrections.suggestedCategory,
  correctedCategory: categoryCorrections.correctedCategory,
  correctedAt: categoryCorrections.correctedAt,
  correctedByName: users.displayName,
  status: categoryCorrections.status,
  reviewedAt: categoryCorrections.reviewedAt,
};

export async function listCorrections(
  db: TExecutor,
  q: { status: TCorrectionStatus | 'all'; limit: number; offset: number },
) {
  const where: SQL | undefined = q.status === 'all' ? undefined : eq(categoryCorrections.status, q.status);
  const items = await db
    .select(columns)
    .from(categoryCorrections)
    .leftJoin(users, eq(users.id, categoryCorrections.correctedBy))
    .where(where)
    .orderBy(desc(categoryCorrections.correctedAt), desc(categoryCorrections.id))
    .limit(q.limit)
    .offset(q.offset);
  const [{ n }] = await db.select({ n: count() }).from(categoryCorrections).where(where);
  return { items, total: Number(n) };
}

export async function lockCorrection(tx: TExecutor, id: string) {
  const [row] = await tx.select().from(categoryCorrections).where(eq(categoryCorrections.id, id)).for('update');
  return row;
}

export async function setCorrectionStatus(
  tx: TExecutor,
  id: string,
  status: TCorrectionStatus,
  reviewer: string | null,
  at: Date,
) {
  const [row] = await tx
    .update(categoryCorrections)
    .set({ status, reviewedBy: reviewer, reviewedAt: at })
    .where(and(eq(categoryCorrections.id, id)))
    .returning();
  return row;
}

/** Accepted corrections, oldest first (a rebuilt model then sees the same rows in the same order). */
export const acceptedCorrections = (db: TExecutor) =>
  db
    .select({
      category: categoryCorrections.correctedCategory,
      text: categoryCorrections.text,
      at: categoryCorrections.correctedAt,
    })
    .from(categoryCorrections)
    .where(eq(categoryCorrections.status, 'accepted'))
    .orderBy(categoryCorrections.correctedAt, categoryCorrections.id)
    .limit(50_000);
