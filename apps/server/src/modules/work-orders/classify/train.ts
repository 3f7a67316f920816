import { CATEGORY_IDS, type TCategoryId } from '@zhilv/contracts';
import type { TClassifierModel } from './classifier.js';
import { featureVector, type TFeatureOptions } from './features.js';
import type { TTokens } from './tokenize.js';

export type TTrainingDoc = { category: number; tokens: TTokens };

type TCommonOptions = {
  bigramWeight: number;
  trigramWeight?: number;
  lexiconWeight?: number;
  binary: boolean;
  minCount: number;
};
export type TTrainOptions =
  | ({ algorithm: 'multinomial-naive-bayes'; alpha: number } & TCommonOptions)
  | ({ algorithm: 'logistic-regression'; lambda: number; iterations: number } & TCommonOptions);

const round = (x: number, digits = 4) => {
  const f = 10 ** digits;
  const r = Math.round(x * f) / f;
  return Object.is(r, -0) ? 0 : r;
};

/** Features seen in at least `minCount` training texts (rare bigrams are mostly noise). */
function vocabulary(xs: Map<string, number>[], minCount: number): string[] {
  const df = new Map<string, number>();
  for (const x of xs) for (const f of x.keys()) df.set(f, (df.get(f) ?? 0) + 1);
  // Words are always kept; bigrams need minCount texts.
  return [...df.entries()]
    .filter(([f, n]) => !f.startsWith('#') || n >= minCount)
    .map(([f]) => f)
    .sort();
}

/**
 * Multinomial naive Bayes with additive smoothing. Weights are log P(f|c) centred over the categories (the
 * centring changes no decision, but makes a weight read as "how much this word favours c").
 */
function naiveBayes(docs: TTrainingDoc[], xs: Map<string, number>[], K: number, alpha: number, minCount: number) {
  const vocab = vocabulary(xs, minCount);
  const index = new Map(vocab.map((f, i) => [f, i]));
  const counts = vocab.map(() => new Float64Array(K));
  const totals = new Float64Array(K);
  const ndocs = new Float64Array(K);
  docs.forEach((d, i) => {
    ndocs[d.category]++;
    for (const [f, v] of xs[i]) {
      const j = index.get(f);
      if (j === undefined) continue;
      counts[j][d.category] += v;
      totals[d.category] += v;
    }
  });
  const V = vocab.length;
  const weights: number[][] = counts.map((row) => {
    const w = Array.from(row, (n, c) => Math.log((n + alpha) / (totals[c] + alpha * V)));
    const mean = w.reduce((a, b) => a + b, 0) / K;
    return w.map((x) => x - mean);
  });
  // Priors nearly uniform: the training set's proportions are ours, not the hotline's.
  const n = docs.length;
  const bias = Array.from(ndocs, (d) => Math.log((d + 10) / (n + 10 * K)));
  return { vocab, weights, bias };
}

/**
 * Multinomial logistic regression (softmax), L2-regularised, fitted by full-batch gradient descent with Adam.
 * Deterministic: no random start, no sampling.
 */
function logistic(
  docs: TTrainingDoc[],
  xs: Map<string, number>[],
  K: number,
  lambda: number,
  iterations: number,
  minCount: number,
) {
  const vocab = vocabulary(xs, minCount);
  const index = new Map(vocab.map((f, i) => [f, i]));
  const V = vocab.length;
  const rows = xs.map((x) => {
    const idx: number[] = [];
    const val: number[] = [];
    for (const [f, v] of x) {
      const j = index.get(f);
      if (j !== undefined) {
        idx.push(j);
        val.push(v);
      }
    }
    return { idx, val };
  });
  const W = new Float64Array(V * K);
  const b = new Float64Array(K);
  const gW = new Float64Array(V * K);
  const gb = new Float64Array(K);
  const mW = new Float64Array(V * K);
  const vW = new Float64Array(V * K);
  const mb = new Float64Array(K);
  const vb = new Float64Array(K);
  const lr = 0.05;
  const [b1, b2, eps] = [0.9, 0.999, 1e-8];
  const n = docs.length;
  const p = new Float64Array(K);
  for (let it = 1; it <= iterations; it++) {
    gW.fill(0);
    gb.fill(0);
    for (let i = 0; i < n; i++) {
      const { idx, val } = rows[i];
      for (let c = 0; c < K; c++) p[c] = b[c];
      for (let t = 0; t < idx.length; t++) {
        const base = idx[t] * K;
        for (let c = 0; c < K; c++) p[c] += val[t] * W[base + c];
      }
      let max = -Infinity;
      for (let c = 0; c < K; c++) if (p[c] > max) max = p[c];
      let s = 0;
      for (let c = 0; c < K; c++) {
        p[c] = Math.exp(p[c] - max);
        s += p[c];
      }
      for (let c = 0; c < K; c++) {
        const g = (p[c] / s - (c === docs[i].category ? 1 : 0)) / n;
        gb[c] += g;
        for (let t = 0; t < idx.length; t++) gW[idx[t] * K + c] += g * val[t];
      }
    }
    const c1 = 1 - b1 ** it;
    const c2 = 1 - b2 ** it;
    for (let j = 0; j < W.length; j++) {
      const g = gW[j] + lambda * W[j];
      mW[j] = b1 * mW[j] + (1 - b1) * g;
      vW[j] = b2 * vW[j] + (1 - b2) * g * g;
      W[j] -= (lr * (mW[j] / c1)) / (Math.sqrt(vW[j] / c2) + eps);
    }
    for (let c = 0; c < K; c++) {
      mb[c] = b1 * mb[c] + (1 - b1) * gb[c];
      vb[c] = b2 * vb[c] + (1 - b2) * gb[c] * gb[c];
      b[c] -= (lr * (mb[c] / c1)) / (Math.sqrt(vb[c] / c2) + eps);
    }
  }
  const weights = vocab.map((_, j) => Array.from(W.subarray(j * K, j * K + K)));
  return { vocab, weights, bias: Array.from(b) };
}

export function featureOptions(o: TTrainOptions): TFeatureOptions {
  return {
    bigramWeight: o.bigramWeight,
    ...(o.trigramWeight ? { trigramWeight: o.trigramWeight } : {}),
    ...(o.lexiconWeight ? { lexiconWeight: o.lexiconWeight } : {}),
    binary: o.binary,
    unitLength: o.algorithm === 'logistic-regression',
  };
}

/**
 * Trains one model on the given texts. Weights are rounded to 3 decimals and features whose weights all round
 * to nothing are dropped, so the file is stable and small.
 */
export function train(docs: TTrainingDoc[], o: TTrainOptions, temperature = 1): TClassifierModel {
  const categories: TCategoryId[] = [...CATEGORY_IDS];
  const K = categories.length;
  const features = featureOptions(o);
  const xs = docs.map((d) => featureVector(d.tokens, features));
  const fit =
    o.algorithm === 'multinomial-naive-bayes'
      ? naiveBayes(docs, xs, K, o.alpha, o.minCount)
      : logistic(docs, xs, K, o.lambda, o.iterations, o.minCount);
  const weights: Record<string, number[]> = {};
  fit.vocab.forEach((f, j) => {
    const w = fit.weights[j].map((x) => round(x, 3));
    if (w.some((x) => Math.abs(x) >= 0.002)) weights[f] = w;
  });
  const { algorithm, ...params } = o;
  return {
    version: 2,
    algorithm,
    categories,
    features,
    bias: fit.bias.map((x) => round(x)),
    temperature: round(temperature, 3),
    weights,
    meta: { ...params, trainingTexts: docs.length, features: Object.keys(weights).length },
  };
}
