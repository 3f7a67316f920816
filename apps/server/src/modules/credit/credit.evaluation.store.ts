import { and, asc, desc, eq, ilike, sql } from 'drizzle-orm';
import { rowsOf, type TExecutor } from '../../db/client.js';
import { businesses } from '../master-data/index.js';
import { type TRawInputs, yearBounds } from './credit.evaluation.rules.js';
import { evaluations, evaluationWeights, selfAssessments } from './credit.tables.js';

export type TWeightsRow = typeof evaluationWeights.$inferSelect;
export type TWeightsInsert = typeof evaluationWeights.$inferInsert;
export type TEvalRow = typeof evaluations.$inferSelect;
export type TEvalInsert = typeof evaluations.$inferInsert;
export type TSelfAssessmentRow = typeof selfAssessments.$inferSelect;
type TSelfAssessmentInsert = typeof selfAssessments.$inferInsert;

// ---------- weights ----------

export async function latestWeights(db: TExecutor) {
  const [w] = await db.select().from(evaluationWeights).orderBy(desc(evaluationWeights.version)).limit(1);
  if (!w) throw new Error('credit_evaluation_weights has no row (migration 0027 seeds version 1)');
  return w;
}

export async function insertWeights(tx: TExecutor, values: TWeightsInsert) {
  const [row] = await tx.insert(evaluationWeights).values(values).returning();
  return row;
}

// ---------- self-assessments ----------

export async function selfAssessmentRow(db: TExecutor, businessId: string, year: number) {
  const [r] = await db
    .select()
    .from(selfAssessments)
    .where(and(eq(selfAssessments.businessId, businessId), eq(selfAssessments.year, year)));
  return r ?? null;
}

/** A business's answers for a year, replacing the ones it gave before. */
export async function upsertSelfAssessment(
  tx: TExecutor,
  v: {
    businessId: string;
    year: number;
    answers: number[];
    score: number;
    submittedBy: TSelfAssessmentInsert['submittedBy'];
    at: Date;
  },
) {
  await tx
    .insert(selfAssessments)
    .values({
      businessId: v.businessId,
      year: v.year,
      answers: v.answers,
      score: v.score,
      submittedBy: v.submittedBy,
      submittedAt: v.at,
    })
    .onConflictDoUpdate({
      target: [selfAssessments.businessId, selfAssessments.year],
      set: { answers: v.answers, score: v.score, submittedBy: v.submittedBy, submittedAt: v.at },
    });
}

// ---------- evaluations ----------

/** The latest evaluation's public grade for a business (the public record shows it). */
export async function latestEvaluationGrade(db: TExecutor, businessId: string) {
  const [r] = await db
    .select({ year: evaluations.year, grade: evaluations.grade })
    .from(evaluations)
    .where(eq(evaluations.businessId, businessId))
    .orderBy(desc(evaluations.year))
    .limit(1);
  return r ? { year: r.year, grade: r.grade as 'A' | 'B' | 'C' | 'D' } : null;
}

export async function yearHasRun(db: TExecutor, year: number) {
  const [r] = await db.select({ id: evaluations.id }).from(evaluations).where(eq(evaluations.year, year)).limit(1);
  return !!r;
}

/** Serialises the runs of a year until the transaction ends (an advisory lock on the year). */
export async function lockEvaluationYear(tx: TExecutor, year: number) {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext('credit_evaluation'), ${year})`);
}

/**
 * What each business did in the year, read from the modules' tables in one pass each: inspections (and failed
 * ones), administrative cases (penalty-decision events on its credit file), tourists' ratings and complaints,
 * visitors of its bookings, and its self-assessment. Read-only aggregates by table name, inside the run's
 * transaction.
 */
export async function yearInputs(tx: TExecutor, year: number): Promise<Map<string, TRawInputs>> {
  const { from, to } = yearBounds(year);
  const f = from.toISOString();
  const t = to.toISOString();
  const fromDay = `${year}-01-01`;
  const toDay = `${year + 1}-01-01`;
  const res = await tx.execute(sql`
    with
      i as (select business_id id, count(*)::int n, (count(*) filter (where result = 'fail'))::int failed
              from inspections where submitted_at >= ${f}::timestamptz and submitted_at < ${t}::timestamptz
             group by business_id),
      c as (select subject_id id, count(*)::int n from credit_events
             where subject_type = 'business' and evidence_type = 'penalty_decision'
               and effective_at >= ${f}::timestamptz and effective_at < ${t}::timestamptz
             group by subject_id),
      r as (select target_id id, count(*)::int n, coalesce(sum(overall), 0)::int total from ratings
             where target_type = 'business' and day >= ${fromDay}::date and day < ${toDay}::date
             group by target_id),
      w as (select business_id id, count(*)::int n from work_orders
             where kind = 'complaint' and business_id is not null and merged_into_id is null
               and created_at >= ${f}::timestamptz and created_at < ${t}::timestamptz
             group by business_id),
      v as (select business_id id, coalesce(sum(party_size), 0)::int n from bookings
             where status in ('booked', 'checked_in') and day >= ${fromDay}::date and day < ${toDay}::date
             group by business_id),
      s as (select business_id id, score from credit_self_assessments where year = ${year})
    select b.id, coalesce(i.n, 0) inspections, coalesce(i.failed, 0) failed, coalesce(c.n, 0) cases,
           coalesce(r.n, 0) ratings, coalesce(r.total, 0) rating_sum, coalesce(w.n, 0) complaints,
           coalesce(v.n, 0) visits, s.score self
      from businesses b
      left join i on i.id = b.id left join c on c.id = b.id left join r on r.id = b.id
      left join w on w.id = b.id left join v on v.id = b.id left join s on s.id = b.id
     order by b.id`);
  const out = new Map<string, TRawInputs>();
  for (const x of rowsOf<Record<string, number | string | null>>(res))
    out.set(String(x.id), {
      inspections: Number(x.inspections),
      failedInspections: Number(x.failed),
      cases: Number(x.cases),
      ratings: Number(x.ratings),
      ratingSum: Number(x.rating_sum),
      complaints: Number(x.complaints),
      visits: Number(x.visits),
      selfAssessment: x.self === null ? null : Number(x.self),
    });
  return out;
}

/** One business's result of a run; answers its id. */
export async function insertEvaluation(tx: TExecutor, values: TEvalInsert) {
  const [row] = await tx.insert(evaluations).values(values).returning({ id: evaluations.id });
  return row.id;
}

/** Links an evaluation to the credit event it produced. */
export async function setEvaluationEvent(tx: TExecutor, id: string, eventId: string) {
  await tx.update(evaluations).set({ eventId }).where(eq(evaluations.id, id));
}

/** A year's results with each business's name, lowest total first; one business's only, or names matching q. */
export async function listEvaluations(db: TExecutor, opts: { year: number; businessId?: string; q?: string }) {
  const c = [eq(evaluations.year, opts.year)];
  if (opts.businessId) c.push(eq(evaluations.businessId, opts.businessId));
  if (opts.q) c.push(ilike(businesses.name, `%${opts.q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`));
  return db
    .select({ r: evaluations, name: businesses.name })
    .from(evaluations)
    .innerJoin(businesses, eq(businesses.id, evaluations.businessId))
    .where(and(...c))
    .orderBy(asc(evaluations.total), asc(businesses.name))
    .limit(500);
}
