import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TTestApp } from '../../test/build-test-app.js';
import { buildBusiness } from '../../test/factories.js';
import { gradesOf, scoresOf } from './credit.events.js';
import { gradeOf, inForce, scoreAt, scoreHistory, type TScoredEvent } from './credit.score.js';
import { latestRule } from './credit.store.js';
import { creditEvents } from './credit.tables.js';

const T0 = Date.parse('2026-01-01T00:00:00Z');
const H = 3_600_000;
const thresholds = { baseScore: 100, gradeAMin: 95, gradeBMin: 85, gradeCMin: 70 };

/** A random event stream: start, optional expiry after it, optional repair after it, points ±. */
const event = fc
  .record({
    start: fc.integer({ min: 0, max: 1000 }),
    life: fc.option(fc.integer({ min: 1, max: 500 }), { nil: null }),
    repairAfter: fc.option(fc.integer({ min: 0, max: 600 }), { nil: null }),
    points: fc.integer({ min: -40, max: 10 }),
  })
  .map(
    (r): TScoredEvent => ({
      points: r.points,
      effectiveAt: new Date(T0 + r.start * H),
      validUntil: r.life === null ? null : new Date(T0 + (r.start + r.life) * H),
      repairedAt: r.repairAfter === null ? null : new Date(T0 + (r.start + r.repairAfter) * H),
    }),
  );

describe('score = base + the events in force, nothing else', () => {
  it('at any instant, over random streams with expiry and repair', () => {
    fc.assert(
      fc.property(fc.array(event, { maxLength: 30 }), fc.integer({ min: -10, max: 1700 }), (events, h) => {
        const at = new Date(T0 + h * H);
        // The oracle, written out longhand: each event counts while started, not expired, not repaired.
        const expected =
          100 +
          events
            .filter(
              (e) =>
                e.effectiveAt <= at && (!e.validUntil || at < e.validUntil) && (!e.repairedAt || at < e.repairedAt),
            )
            .reduce((s, e) => s + e.points, 0);
        expect(scoreAt(100, events, at)).toBe(expected);
      }),
      { numRuns: 500 },
    );
  });

  it('the history steps at every start, expiry and repair, and ends at the score now', () => {
    fc.assert(
      fc.property(fc.array(event, { maxLength: 15 }), (events) => {
        const until = new Date(T0 + 2000 * H);
        const h = scoreHistory(thresholds, events, until);
        for (const p of h) expect(p.score).toBe(scoreAt(100, events, new Date(p.at)));
        expect(h[h.length - 1].score).toBe(scoreAt(100, events, until));
      }),
    );
  });

  it('grades by the thresholds; no file is ungraded', () => {
    expect(gradeOf(95, thresholds)).toBe('A');
    expect(gradeOf(94, thresholds)).toBe('B');
    expect(gradeOf(85, thresholds)).toBe('B');
    expect(gradeOf(84, thresholds)).toBe('C');
    expect(gradeOf(70, thresholds)).toBe('C');
    expect(gradeOf(69, thresholds)).toBe('D');
    expect(gradeOf(100, thresholds, false)).toBe('ungraded');
  });

  it('an event is not in force before its instant, at its expiry or at its repair', () => {
    const e = { points: -5, effectiveAt: new Date(T0), validUntil: new Date(T0 + H), repairedAt: null };
    expect(inForce(e, new Date(T0 - 1))).toBe(false);
    expect(inForce(e, new Date(T0))).toBe(true);
    expect(inForce(e, new Date(T0 + H))).toBe(false);
  });
});

describe('the SQL score agrees with the pure one', () => {
  let t: TTestApp;
  beforeAll(async () => {
    t = await buildTestApp({ demo: false });
  });
  afterAll(() => t.close());

  it('over random streams stored and read back at random instants', async () => {
    const db = t.database.db;
    const rule = (await latestRule(db, 'complaint_founded'))!;
    await fc.assert(
      fc.asyncProperty(fc.array(event, { maxLength: 12 }), fc.integer({ min: 0, max: 1700 }), async (events, h) => {
        const b = await buildBusiness(db);
        if (events.length)
          await db.insert(creditEvents).values(
            events.map((e, i) => ({
              subjectType: 'business',
              subjectId: b.id,
              ruleId: rule.id,
              ruleCode: rule.code,
              ruleVersion: rule.version,
              category: rule.category,
              points: e.points,
              evidenceType: 'document',
              evidenceId: String(i),
              effectiveAt: e.effectiveAt,
              validUntil: e.validUntil,
              repairedAt: e.repairedAt,
              public: true,
            })),
          );
        const at = new Date(T0 + h * H);
        const s = (await scoresOf(db, [b.id], at)).get(b.id)!;
        expect(s.score).toBe(scoreAt(100, events, at));
        expect((await gradesOf(db, [b.id], at)).get(b.id)).toBe(gradeOf(s.score, thresholds, events.length > 0));
      }),
      { numRuns: 40 },
    );
  });
});
