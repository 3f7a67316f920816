import type {
  TEvaluation,
  TEvaluationInputs,
  TEvaluationWeights,
  TEvaluationWeightsInput,
  TSelfAssessment,
} from '@zhilv/contracts';
import { and, asc, desc, eq, ilike, sql } from 'drizzle-orm';
import { rowsOf, type TDb, type TExecutor } from '../../db/client.js';
import type { TActor } from '../../platform/actor.js';
import { writeAudit } from '../../platform/audit.js';
import type { TClock } from '../../platform/clock.js';
import { conflict, forbidden, invalid } from '../../platform/errors.js';
import { claimIdempotencyKey, hashRequest, storeIdempotentAnswer } from '../../platform/idempotency.js';
import { businesses } from '../master-data/index.js';
import {
  combineEvaluation,
  hasAnyInput,
  selfAssessmentScore,
  type TRawInputs,
  yearBounds,
} from './credit.evaluation.rules.js';
import { recordCreditEvent } from './credit.events.js';
import { evaluations, evaluationWeights, selfAssessments } from './credit.tables.js';

type TWeightsRow = typeof evaluationWeights.$inferSelect;
type TEvalRow = typeof evaluations.$inferSelect;

const weightsView = (w: TWeightsRow): TEvaluationWeights => ({
  version: w.version,
  government: w.government,
  selfAssessment: w.selfAssessment,
  tourist: w.tourist,
  gradeAMin: w.gradeAMin,
  gradeBMin: w.gradeBMin,
  gradeCMin: w.gradeCMin,
  createdAt: w.createdAt.toISOString(),
});

const evaluationView = (r: TEvalRow, businessName: string): TEvaluation => ({
  id: r.id,
  businessId: r.businessId,
  businessName,
  year: r.year,
  weightsVersion: r.weightsVersion,
  government: r.government,
  selfAssessment: r.selfAssessment,
  tourist: r.tourist,
  total: r.total,
  grade: r.grade as TEvaluation['grade'],
  inputs: r.inputs as TEvaluationInputs,
  createdAt: r.createdAt.toISOString(),
});

const GRADE_RULE = {
  A: 'evaluation_grade_a',
  B: 'evaluation_grade_b',
  C: 'evaluation_grade_c',
  D: 'evaluation_grade_d',
} as const;

export async function latestWeights(db: TExecutor) {
  const [w] = await db.select().from(evaluationWeights).orderBy(desc(evaluationWeights.version)).limit(1);
  if (!w) throw new Error('credit_evaluation_weights has no row (migration 0027 seeds version 1)');
  return w;
}

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

/**
 * What each business did in the year, read from the modules' tables in one pass each: inspections (and failed
 * ones), administrative cases (penalty-decision events on its credit file), tourists' ratings and complaints,
 * visitors of its bookings, and its self-assessment. Read-only aggregates by table name, inside the run's
 * transaction.
 */
async function yearInputs(tx: TExecutor, year: number): Promise<Map<string, TRawInputs>> {
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

async function yearHasRun(db: TExecutor, year: number) {
  const [r] = await db.select({ id: evaluations.id }).from(evaluations).where(eq(evaluations.year, year)).limit(1);
  return !!r;
}

/** 三方评价: weights (system admin, versioned), the self-assessment (a business, its own), the yearly run. */
export function createEvaluationService({ db, clock }: { db: TDb; clock: TClock }) {
  const currentYear = () => new Date(clock.now().getTime() + 8 * 3_600_000).getUTCFullYear();

  async function getWeights() {
    return weightsView(await latestWeights(db));
  }

  async function updateWeights(actor: TActor, input: TEvaluationWeightsInput) {
    if (actor.role !== 'system_admin') throw forbidden();
    return db.transaction(async (tx) => {
      const now = clock.now();
      const before = await latestWeights(tx);
      const [row] = await tx
        .insert(evaluationWeights)
        .values({ ...input, version: before.version + 1, createdBy: actor.id, createdAt: now })
        .returning();
      await writeAudit(
        tx,
        actor,
        {
          action: 'credit_evaluation_weights.update',
          objectType: 'credit_evaluation_weights',
          objectId: String(row.version),
          before: weightsView(before),
          after: weightsView(row),
        },
        now,
      );
      return weightsView(row);
    });
  }

  const ownBusiness = (actor: TActor) => {
    if (actor.role !== 'business' || !actor.businessId) throw forbidden();
    return actor.businessId;
  };

  async function selfView(ex: TExecutor, businessId: string, year: number): Promise<TSelfAssessment | null> {
    const [r] = await ex
      .select()
      .from(selfAssessments)
      .where(and(eq(selfAssessments.businessId, businessId), eq(selfAssessments.year, year)));
    if (!r) return null;
    return {
      year: r.year,
      answers: r.answers,
      score: r.score,
      submittedAt: r.submittedAt.toISOString(),
      locked: await yearHasRun(ex, year),
    };
  }

  async function getSelfAssessment(actor: TActor, year: number) {
    return { assessment: await selfView(db, ownBusiness(actor), year), locked: await yearHasRun(db, year) };
  }

  /** The business answers (or answers again) for a year that has begun and not yet been evaluated. */
  async function submitSelfAssessment(actor: TActor, year: number, answers: number[], key?: string) {
    const businessId = ownBusiness(actor);
    return db.transaction(async (tx) => {
      const now = clock.now();
      if (key) {
        const prior = await claimIdempotencyKey<TSelfAssessment>(
          tx,
          key,
          actor.id!,
          hashRequest({ year, answers }),
          now,
        );
        if (prior) return prior;
      }
      if (year > currentYear()) throw invalid('evaluation_year_invalid', 'year');
      if (await yearHasRun(tx, year)) throw conflict('evaluation_already_run', 'year');
      const score = selfAssessmentScore(answers);
      await tx
        .insert(selfAssessments)
        .values({ businessId, year, answers, score, submittedBy: actor.id, submittedAt: now })
        .onConflictDoUpdate({
          target: [selfAssessments.businessId, selfAssessments.year],
          set: { answers, score, submittedBy: actor.id, submittedAt: now },
        });
      await writeAudit(
        tx,
        actor,
        {
          action: 'credit_self_assessment.submit',
          objectType: 'credit_self_assessment',
          objectId: `${businessId}:${year}`,
          after: { year, answers, score },
        },
        now,
      );
      const answer = (await selfView(tx, businessId, year))!;
      if (key) await storeIdempotentAnswer(tx, key, actor.id!, answer);
      return answer;
    });
  }

  /**
   * Runs a year once: every business something is known of gets its three parts, the weighted total and a
   * grade under the newest weights; each result is a credit event (rule evaluation_grade_x, evidence the
   * evaluation) and the latest grade is public. One transaction with one audit entry for the run.
   */
  async function run(actor: TActor, year: number) {
    if (actor.role !== 'system_admin') throw forbidden();
    if (year > currentYear()) throw invalid('evaluation_year_invalid', 'year');
    return db.transaction(async (tx) => {
      const now = clock.now();
      // one run per year, even when two admins press at once: the lock serialises them, the check refuses the second
      await tx.execute(sql`select pg_advisory_xact_lock(hashtext('credit_evaluation'), ${year})`);
      if (await yearHasRun(tx, year)) throw conflict('evaluation_already_run', 'year');
      const w = await latestWeights(tx);
      const inputs = await yearInputs(tx, year);
      const grades = { A: 0, B: 0, C: 0, D: 0 };
      let skipped = 0;
      for (const [businessId, raw] of inputs) {
        if (!hasAnyInput(raw)) {
          skipped++;
          continue;
        }
        const c = combineEvaluation(raw, w);
        const [row] = await tx
          .insert(evaluations)
          .values({
            businessId,
            year,
            weightsVersion: w.version,
            government: c.government,
            selfAssessment: c.selfAssessment,
            tourist: c.tourist,
            total: c.total,
            grade: c.grade,
            inputs: c.inputs,
            createdBy: actor.id,
            createdAt: now,
          })
          .returning({ id: evaluations.id });
        const event = await recordCreditEvent(tx, {
          businessId,
          ruleCode: GRADE_RULE[c.grade],
          evidence: { type: 'evaluation', id: row.id },
          departmentId: null,
          effectiveAt: now,
          note: `${year}: ${c.total}`,
          actor,
        });
        if (event) await tx.update(evaluations).set({ eventId: event.id }).where(eq(evaluations.id, row.id));
        grades[c.grade]++;
      }
      const evaluated = grades.A + grades.B + grades.C + grades.D;
      await writeAudit(
        tx,
        actor,
        {
          action: 'credit_evaluation.run',
          objectType: 'credit_evaluation',
          objectId: String(year),
          after: { year, weightsVersion: w.version, evaluated, skipped, grades },
        },
        now,
      );
      return { year, weightsVersion: w.version, evaluated, skipped, grades };
    });
  }

  /** The year's results: staff see all (searchable by name), a business its own. */
  async function list(actor: TActor, year: number, q?: string) {
    const c = [eq(evaluations.year, year)];
    if (actor.role === 'business') {
      if (!actor.businessId) return [];
      c.push(eq(evaluations.businessId, actor.businessId));
    }
    if (q) c.push(ilike(businesses.name, `%${q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`));
    const rows = await db
      .select({ r: evaluations, name: businesses.name })
      .from(evaluations)
      .innerJoin(businesses, eq(businesses.id, evaluations.businessId))
      .where(and(...c))
      .orderBy(asc(evaluations.total), asc(businesses.name))
      .limit(500);
    return rows.map((x) => evaluationView(x.r, x.name));
  }

  return { getWeights, updateWeights, getSelfAssessment, submitSelfAssessment, run, list };
}
export type TEvaluationService = ReturnType<typeof createEvaluationService>;
