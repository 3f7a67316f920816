import type { TCategoryId } from '@zhilv/contracts';

/** One held-out (or evaluation) prediction: the true label, the predicted one and its confidence. */
export type TPrediction = { expected: number; predicted: number; confidence: number; second: number };

export type TReliabilityBin = { from: number; to: number; n: number; meanConfidence: number; accuracy: number };
export type TThresholdRow = { threshold: number; share: number; accuracy: number | null; n: number };

/** The auto-dispatch thresholds the admin may choose from (the console's step is 0.05). */
export const THRESHOLDS = Array.from({ length: 14 }, (_, i) => Math.round((0.3 + i * 0.05) * 100) / 100);

const r3 = (x: number) => Math.round(x * 1000) / 1000;

/** Softmax of scores / temperature. */
export function softmax(scores: number[], temperature = 1): number[] {
  const s = scores.map((x) => x / temperature);
  const max = Math.max(...s);
  const e = s.map((x) => Math.exp(x - max));
  const sum = e.reduce((a, b) => a + b, 0);
  return e.map((x) => x / sum);
}

export function predictionOf(expected: number, probs: number[]): TPrediction {
  const order = probs.map((p, c) => [p, c]).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  return { expected, predicted: order[0][1], confidence: order[0][0], second: order[1][1] };
}

/** Predicted confidence in ten bins against the share that was right: a calibrated model has them equal. */
export function reliability(ps: TPrediction[], bins = 10): { bins: TReliabilityBin[]; ece: number } {
  const out: TReliabilityBin[] = [];
  let ece = 0;
  for (let b = 0; b < bins; b++) {
    const from = b / bins;
    const to = (b + 1) / bins;
    const inBin = ps.filter((p) => p.confidence >= from && (b === bins - 1 ? p.confidence <= to : p.confidence < to));
    const n = inBin.length;
    const meanConfidence = n ? inBin.reduce((a, p) => a + p.confidence, 0) / n : 0;
    const accuracy = n ? inBin.filter((p) => p.predicted === p.expected).length / n : 0;
    ece += ps.length ? (n / ps.length) * Math.abs(meanConfidence - accuracy) : 0;
    out.push({ from, to, n, meanConfidence: r3(meanConfidence), accuracy: r3(accuracy) });
  }
  return { bins: out, ece: r3(ece) };
}

/**
 * For each threshold: the share of the orders that would be auto-dispatched (confidence ≥ threshold) and how
 * many of those were right. `ps` are the orders the gate sees: all of them, or those predicted as one category.
 */
export function thresholdTable(ps: TPrediction[]): TThresholdRow[] {
  return THRESHOLDS.map((threshold) => {
    const above = ps.filter((p) => p.confidence >= threshold);
    const right = above.filter((p) => p.predicted === p.expected).length;
    return {
      threshold,
      n: above.length,
      share: ps.length ? r3(above.length / ps.length) : 0,
      accuracy: above.length ? r3(right / above.length) : null,
    };
  });
}

/** What the admin's threshold screen shows, measured when the model was built (model/gate.json). */
export type TGate = {
  /** How the figures were measured, for the screen's footnote. */
  source: string;
  n: number;
  overall: TThresholdRow[];
  perCategory: Record<TCategoryId, { n: number; rows: TThresholdRow[] }>;
  reliability: TReliabilityBin[];
  ece: number;
};

export function gateOf(categories: TCategoryId[], ps: TPrediction[], source: string): TGate {
  const perCategory = Object.fromEntries(
    categories.map((c, k) => {
      const mine = ps.filter((p) => p.predicted === k);
      return [c, { n: mine.length, rows: thresholdTable(mine) }];
    }),
  ) as TGate['perCategory'];
  const rel = reliability(ps);
  return { source, n: ps.length, overall: thresholdTable(ps), perCategory, reliability: rel.bins, ece: rel.ece };
}
