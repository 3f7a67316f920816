import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  combineEvaluation,
  governmentScore,
  gradeOfTotal,
  hasAnyInput,
  selfAssessmentScore,
  type TRawInputs,
  touristScore,
  yearBounds,
} from './credit.evaluation.rules.js';

const W = { government: 50, selfAssessment: 20, tourist: 30, gradeAMin: 85, gradeBMin: 70, gradeCMin: 60 };
const none: TRawInputs = {
  inspections: 0,
  failedInspections: 0,
  cases: 0,
  ratings: 0,
  ratingSum: 0,
  complaints: 0,
  visits: 0,
  selfAssessment: null,
};

describe('三方评价: the parts', () => {
  it('self-assessment: 0..4 answers to 0..100', () => {
    expect(selfAssessmentScore([4, 4, 4, 4])).toBe(100);
    expect(selfAssessmentScore([0, 0, 0, 0])).toBe(0);
    expect(selfAssessmentScore([2, 2, 3, 1])).toBe(50);
  });

  it('government: pass rate less 10 a case; unknown without inspections or cases', () => {
    expect(governmentScore({ inspections: 0, failedInspections: 0, cases: 0 })).toBeNull();
    expect(governmentScore({ inspections: 4, failedInspections: 1, cases: 0 })).toBe(75);
    expect(governmentScore({ inspections: 4, failedInspections: 1, cases: 2 })).toBe(55);
    expect(governmentScore({ inspections: 0, failedInspections: 0, cases: 1 })).toBe(90);
    expect(governmentScore({ inspections: 1, failedInspections: 1, cases: 3 })).toBe(0);
  });

  it('tourists: rating mapped to 0..100 less 5 per complaint per thousand visits', () => {
    expect(touristScore({ ratings: 0, ratingSum: 0, complaints: 0, visits: 0 }).score).toBeNull();
    // average 4.6 → 90; 2 complaints in 2000 visits = 1 per thousand → −5
    expect(touristScore({ ratings: 10, ratingSum: 46, complaints: 2, visits: 2000 })).toEqual({
      score: 85,
      perThousand: 1,
    });
    // no bookings: ratings are the denominator (1 complaint in 10 ratings = 100 per thousand → floor 0)
    expect(touristScore({ ratings: 10, ratingSum: 50, complaints: 1, visits: 0 })).toEqual({
      score: 0,
      perThousand: 100,
    });
    // complaints with neither ratings nor visits: 10 points each
    expect(touristScore({ ratings: 0, ratingSum: 0, complaints: 2, visits: 0 })).toEqual({
      score: 80,
      perThousand: null,
    });
  });
});

describe('三方评价: the combination', () => {
  it('weights the three parts; a missing self-assessment scores 0', () => {
    const c = combineEvaluation(
      { ...none, inspections: 2, ratings: 4, ratingSum: 20, visits: 1000, selfAssessment: 50 },
      W,
    );
    // 100·50 + 50·20 + 100·30 = 9000 / 100
    expect(c).toMatchObject({ government: 100, selfAssessment: 50, tourist: 100, total: 90, grade: 'A' });
    const lazy = combineEvaluation({ ...none, inspections: 2, ratings: 4, ratingSum: 20, visits: 1000 }, W);
    expect(lazy).toMatchObject({ selfAssessment: 0, total: 80, grade: 'B' });
    expect(lazy.inputs).toMatchObject({ ratingAverage: 5, complaintsPerThousand: 0, selfAssessment: null });
  });

  it('an unknown part drops out and the others are renormalised', () => {
    // only the self-assessment is known: its score is the total
    expect(combineEvaluation({ ...none, selfAssessment: 75 }, W)).toMatchObject({
      government: null,
      tourist: null,
      total: 75,
      grade: 'B',
    });
    // government 75 (w 50) and self 100 (w 20): (3750 + 2000) / 70 = 82
    expect(combineEvaluation({ ...none, inspections: 4, failedInspections: 1, selfAssessment: 100 }, W).total).toBe(82);
  });

  it('weights editable: all on tourists makes the total the tourists part', () => {
    const w = { ...W, government: 0, selfAssessment: 0, tourist: 100 };
    expect(combineEvaluation({ ...none, inspections: 3, ratings: 2, ratingSum: 6, selfAssessment: 0 }, w).total).toBe(
      50,
    );
  });

  it('grades by the thresholds', () => {
    expect([85, 84, 70, 69, 60, 59, 0].map((x) => gradeOfTotal(x, W))).toEqual(['A', 'B', 'B', 'C', 'C', 'D', 'D']);
  });

  it('property: the total is within 0..100, between the lowest and highest known part', () => {
    const n = fc.nat({ max: 500 });
    fc.assert(
      fc.property(
        fc.record({
          inspections: n,
          failed: n,
          cases: fc.nat({ max: 5 }),
          ratings: n,
          avg: fc.integer({ min: 1, max: 5 }),
          complaints: fc.nat({ max: 50 }),
          visits: fc.nat({ max: 100_000 }),
          self: fc.option(fc.integer({ min: 0, max: 100 })),
          g: fc.nat({ max: 100 }),
          s: fc.nat({ max: 100 }),
        }),
        (x) => {
          fc.pre(x.g + x.s <= 100);
          const w = { ...W, government: x.g, selfAssessment: x.s, tourist: 100 - x.g - x.s };
          const raw: TRawInputs = {
            inspections: x.inspections,
            failedInspections: Math.min(x.failed, x.inspections),
            cases: x.cases,
            ratings: x.ratings,
            ratingSum: x.ratings * x.avg,
            complaints: x.complaints,
            visits: x.visits,
            selfAssessment: x.self,
          };
          const c = combineEvaluation(raw, w);
          expect(c.total).toBeGreaterThanOrEqual(0);
          expect(c.total).toBeLessThanOrEqual(100);
          const known: [number | null, number][] = [
            [c.government, w.government],
            [c.selfAssessment, w.selfAssessment],
            [c.tourist, w.tourist],
          ];
          const weighted = known.filter(([v, wt]) => v !== null && wt > 0).map(([v]) => v as number);
          if (weighted.length) {
            expect(c.total).toBeGreaterThanOrEqual(Math.min(...weighted));
            expect(c.total).toBeLessThanOrEqual(Math.max(...weighted));
          }
          expect(c.grade).toBe(gradeOfTotal(c.total, w));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('evaluates only a business something is known of; the year is the prefecture year', () => {
    expect(hasAnyInput(none)).toBe(false);
    expect(hasAnyInput({ ...none, selfAssessment: 0 })).toBe(true);
    expect(hasAnyInput({ ...none, complaints: 1 })).toBe(true);
    expect(yearBounds(2026).from.toISOString()).toBe('2025-12-31T16:00:00.000Z');
    expect(yearBounds(2026).to.toISOString()).toBe('2026-12-31T16:00:00.000Z');
  });
});
