import type { TEvaluationInputs } from '@zhilv/contracts';

/**
 * 三方评价, pure: three parts on a 0–100 scale combined by the admin's weights.
 * - government: the year's inspection pass rate (100 without inspections) less 10 per administrative case;
 *   unknown (null) when there was neither an inspection nor a case;
 * - self-assessment: the questionnaire's score; a business that did not answer scores 0 (it is asked to);
 * - tourists: the average rating mapped 1..5 → 0..100 (100 without ratings) less 5 per complaint per thousand
 *   visits (bookings' visitors; ratings when there were no bookings; 10 per complaint when neither);
 *   unknown when there were no ratings, visits or complaints.
 * An unknown part drops out and the others' weights are renormalised; the total is rounded to a whole point.
 */
export type TWeights = {
  government: number;
  selfAssessment: number;
  tourist: number;
  gradeAMin: number;
  gradeBMin: number;
  gradeCMin: number;
};
export type TRawInputs = Omit<TEvaluationInputs, 'complaintsPerThousand' | 'ratingAverage'> & {
  /** sum of the ratings' overall scores (1..5 each) */
  ratingSum: number;
};

const clamp = (x: number) => Math.max(0, Math.min(100, x));
const round1 = (x: number) => Math.round(x * 10) / 10;

/** 0..4 answers → 0..100. */
export const selfAssessmentScore = (answers: readonly number[]) =>
  answers.length ? Math.round((answers.reduce((a, b) => a + b, 0) / (answers.length * 4)) * 100) : 0;

export function governmentScore(i: Pick<TRawInputs, 'inspections' | 'failedInspections' | 'cases'>) {
  if (!i.inspections && !i.cases) return null;
  const passRate = i.inspections ? (i.inspections - i.failedInspections) / i.inspections : 1;
  return Math.round(clamp(passRate * 100 - 10 * i.cases));
}

export function touristScore(i: Pick<TRawInputs, 'ratings' | 'ratingSum' | 'complaints' | 'visits'>) {
  if (!i.ratings && !i.visits && !i.complaints) return { score: null, perThousand: null };
  const base = i.ratings ? ((i.ratingSum / i.ratings - 1) / 4) * 100 : 100;
  const denominator = i.visits || i.ratings;
  const perThousand = denominator ? (i.complaints / denominator) * 1000 : null;
  const penalty = perThousand === null ? 10 * i.complaints : 5 * perThousand;
  return { score: Math.round(clamp(base - penalty)), perThousand: perThousand === null ? null : round1(perThousand) };
}

export function gradeOfTotal(total: number, w: TWeights): 'A' | 'B' | 'C' | 'D' {
  if (total >= w.gradeAMin) return 'A';
  if (total >= w.gradeBMin) return 'B';
  if (total >= w.gradeCMin) return 'C';
  return 'D';
}

export function combineEvaluation(i: TRawInputs, w: TWeights) {
  const government = governmentScore(i);
  const tourist = touristScore(i);
  const selfAssessment = i.selfAssessment ?? 0;
  const parts: [number | null, number][] = [
    [government, w.government],
    [selfAssessment, w.selfAssessment],
    [tourist.score, w.tourist],
  ];
  let sum = 0;
  let weight = 0;
  for (const [score, wt] of parts)
    if (score !== null) {
      sum += score * wt;
      weight += wt;
    }
  const total = weight ? Math.round(sum / weight) : 0;
  const inputs: TEvaluationInputs = {
    inspections: i.inspections,
    failedInspections: i.failedInspections,
    cases: i.cases,
    ratings: i.ratings,
    ratingAverage: i.ratings ? round1(i.ratingSum / i.ratings) : null,
    complaints: i.complaints,
    visits: i.visits,
    complaintsPerThousand: tourist.perThousand,
    selfAssessment: i.selfAssessment,
  };
  return { government, selfAssessment, tourist: tourist.score, total, grade: gradeOfTotal(total, w), inputs };
}

/** Whether anything is known of the business in the year (else it is not evaluated). */
export const hasAnyInput = (i: TRawInputs) =>
  i.inspections + i.cases + i.ratings + i.complaints + i.visits > 0 || i.selfAssessment !== null;

/** The prefecture's year as instants: [Jan 1 00:00 +08:00, next Jan 1 00:00 +08:00). */
export const yearBounds = (year: number) => ({
  from: new Date(Date.UTC(year, 0, 1) - 8 * 3_600_000),
  to: new Date(Date.UTC(year + 1, 0, 1) - 8 * 3_600_000),
});
