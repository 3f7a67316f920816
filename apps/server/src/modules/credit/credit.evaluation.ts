import type {
  TEvaluation,
  TEvaluationInputs,
  TEvaluationWeights,
  TEvaluationWeightsInput,
  TSelfAssessment,
} from '@zhilv/contracts';
import type { TDb, TExecutor } from '../../db/client.js';
import type { TActor } from '../../platform/actor.js';
import { writeAudit } from '../../platform/audit.js';
import type { TClock } from '../../platform/clock.js';
import { conflict, forbidden, invalid } from '../../platform/errors.js';
import { claimIdempotencyKey, hashRequest, storeIdempotentAnswer } from '../../platform/idempotency.js';
import { combineEvaluation, hasAnyInput, selfAssessmentScore } from './credit.evaluation.rules.js';
import type { TEvalRow, TWeightsRow } from './credit.evaluation.store.js';
import * as store from './credit.evaluation.store.js';
import { recordCreditEvent } from './credit.events.js';

/** The credit service reads the public record's grade from here. */
export { latestEvaluationGrade, latestWeights } from './credit.evaluation.store.js';

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

/** 三方评价: weights (system admin, versioned), the self-assessment (a business, its own), the yearly run. */
export function createEvaluationService({ db, clock }: { db: TDb; clock: TClock }) {
  const currentYear = () => new Date(clock.now().getTime() + 8 * 3_600_000).getUTCFullYear();

  async function getWeights() {
    return weightsView(await store.latestWeights(db));
  }

  async function updateWeights(actor: TActor, input: TEvaluationWeightsInput) {
    if (actor.role !== 'system_admin') throw forbidden();
    return db.transaction(async (tx) => {
      const now = clock.now();
      const before = await store.latestWeights(tx);
      const row = await store.insertWeights(tx, {
        ...input,
        version: before.version + 1,
        createdBy: actor.id,
        createdAt: now,
      });
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
    const r = await store.selfAssessmentRow(ex, businessId, year);
    if (!r) return null;
    return {
      year: r.year,
      answers: r.answers,
      score: r.score,
      submittedAt: r.submittedAt.toISOString(),
      locked: await store.yearHasRun(ex, year),
    };
  }

  async function getSelfAssessment(actor: TActor, year: number) {
    return { assessment: await selfView(db, ownBusiness(actor), year), locked: await store.yearHasRun(db, year) };
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
      if (await store.yearHasRun(tx, year)) throw conflict('evaluation_already_run', 'year');
      const score = selfAssessmentScore(answers);
      await store.upsertSelfAssessment(tx, { businessId, year, answers, score, submittedBy: actor.id, at: now });
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
      await store.lockEvaluationYear(tx, year);
      if (await store.yearHasRun(tx, year)) throw conflict('evaluation_already_run', 'year');
      const w = await store.latestWeights(tx);
      const inputs = await store.yearInputs(tx, year);
      const grades = { A: 0, B: 0, C: 0, D: 0 };
      let skipped = 0;
      for (const [businessId, raw] of inputs) {
        if (!hasAnyInput(raw)) {
          skipped++;
          continue;
        }
        const c = combineEvaluation(raw, w);
        const id = await store.insertEvaluation(tx, {
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
        });
        const event = await recordCreditEvent(tx, {
          businessId,
          ruleCode: GRADE_RULE[c.grade],
          evidence: { type: 'evaluation', id },
          departmentId: null,
          effectiveAt: now,
          note: `${year}: ${c.total}`,
          actor,
        });
        if (event) await store.setEvaluationEvent(tx, id, event.id);
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
    let businessId: string | undefined;
    if (actor.role === 'business') {
      if (!actor.businessId) return [];
      businessId = actor.businessId;
    }
    const rows = await store.listEvaluations(db, { year, businessId, q });
    return rows.map((x) => evaluationView(x.r, x.name));
  }

  return { getWeights, updateWeights, getSelfAssessment, submitSelfAssessment, run, list };
}
export type TEvaluationService = ReturnType<typeof createEvaluationService>;
