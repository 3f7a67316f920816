import type { TCreditGrade } from '@zhilv/contracts';

/**
 * The score, pure: base + the points of the events in force at an instant — nothing else, so every point on a
 * screen is an event with its rule. An event is in force from its effective instant until its validity ends or
 * it is repaired, whichever comes first. The store's SQL (credit.store.ts scoresOf) says the same in a WHERE clause;
 * credit.score.test.ts checks both against each other over random streams.
 */
export type TScoredEvent = {
  points: number;
  effectiveAt: Date;
  validUntil: Date | null;
  repairedAt: Date | null;
};

export type TThresholds = { baseScore: number; gradeAMin: number; gradeBMin: number; gradeCMin: number };

export function inForce(e: TScoredEvent, at: Date): boolean {
  const t = at.getTime();
  if (e.effectiveAt.getTime() > t) return false;
  if (e.validUntil && e.validUntil.getTime() <= t) return false;
  if (e.repairedAt && e.repairedAt.getTime() <= t) return false;
  return true;
}

export function scoreAt(base: number, events: readonly TScoredEvent[], at: Date): number {
  let s = base;
  for (const e of events) if (inForce(e, at)) s += e.points;
  return s;
}

/** A file with no events at all is not graded (nothing is known); otherwise the thresholds decide. */
export function gradeOf(score: number, t: TThresholds, hasFile = true): TCreditGrade {
  if (!hasFile) return 'ungraded';
  if (score >= t.gradeAMin) return 'A';
  if (score >= t.gradeBMin) return 'B';
  if (score >= t.gradeCMin) return 'C';
  return 'D';
}

/**
 * The score and grade after every change up to `until`: a point at each instant an event starts, ends or is
 * repaired — the history chart, drawn as steps.
 */
export function scoreHistory(t: TThresholds, events: readonly TScoredEvent[], until: Date) {
  const instants = new Set<number>();
  for (const e of events) {
    instants.add(e.effectiveAt.getTime());
    if (e.validUntil) instants.add(e.validUntil.getTime());
    if (e.repairedAt) instants.add(e.repairedAt.getTime());
  }
  const end = until.getTime();
  const sorted = [...instants].filter((x) => x <= end).sort((a, b) => a - b);
  const points = sorted.map((x) => {
    const score = scoreAt(t.baseScore, events, new Date(x));
    return { at: new Date(x).toISOString(), score, grade: gradeOf(score, t) };
  });
  const now = scoreAt(t.baseScore, events, until);
  points.push({ at: until.toISOString(), score: now, grade: gradeOf(now, t, events.length > 0) });
  return points;
}
