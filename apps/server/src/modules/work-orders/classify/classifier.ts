import fs from 'node:fs';
import { CATEGORY_IDS, type TCategoryId } from '@zhilv/contracts';
import { classifyFile } from './data-files.js';
import { featureVector, type TFeatureOptions } from './features.js';
import { type TTokens, tokenize, warmUp } from './tokenize.js';

/**
 * The trained model (model/model.json, written by build-model.ts). A text's score for category c is
 * `bias[c] + Σ x[f] · weights[f][c]` over its features f; confidences are `softmax(score / temperature)`.
 * Every weight belongs to one readable feature (a jieba word, an English stem or stem pair, `#` + a character
 * bigram or trigram, `@` + an amount or duration bucket, `~` + a lexicon category), so every decision can be
 * explained by listing the features that pushed it, shown as the text wrote them.
 */
export type TClassifierModel = {
  version: 2;
  algorithm: 'multinomial-naive-bayes' | 'logistic-regression';
  categories: TCategoryId[];
  features: TFeatureOptions;
  /** Log prior (naive Bayes) or intercept (logistic regression) per category. */
  bias: number[];
  /** Softmax temperature, fitted on held-out folds of the training set so confidences are calibrated. */
  temperature: number;
  /** Per feature, one weight per category (naive Bayes: log P(f|c) centred over the categories). */
  weights: Record<string, number[]>;
  /** How the model was built: parameters and cross-validated accuracy on the training set. */
  meta: Record<string, number | string | boolean>;
};

/**
 * model/model.json as stored: the same model with its weights as one flat row-major array (feature j's weight
 * for category c at j·K + c) under a sorted vocabulary. A flat array parses and loads several times faster than
 * an object of 20k+ keys, which is most of the model's share of the load time.
 */
export type TModelFile = Omit<TClassifierModel, 'version' | 'weights'> & {
  version: 3;
  vocabulary: string[];
  weights: number[];
};

export function toModelFile(model: TClassifierModel): TModelFile {
  const { weights, version: _v, ...rest } = model;
  const vocabulary = Object.keys(weights).sort();
  return { ...rest, version: 3, vocabulary, weights: vocabulary.flatMap((f) => weights[f]) };
}

export type TClassification = {
  category: TCategoryId;
  /** Softmax probability of the winning category, 0..1. */
  confidence: number;
  /** Up to five words of the text that pushed most towards the winning category. */
  keywords: string[];
  /** The next three categories with their confidences, most likely first. */
  alternatives: { category: TCategoryId; confidence: number }[];
};

export type Classifier = { classify(text: string): TClassification };

const r3 = (x: number) => Math.round(x * 1000) / 1000;

/** Raw scores (before the softmax) of a tokenised text, one per category; used when training. */
export function rawScores(model: TClassifierModel, tokens: TTokens): number[] {
  const scores = [...model.bias];
  for (const [f, v] of featureVector(tokens, model.features)) {
    const w = model.weights[f];
    if (w) for (let c = 0; c < scores.length; c++) scores[c] += v * w[c];
  }
  return scores;
}

/** Builds a classifier over a loaded model. Never throws on any text: no known word → 'other', low confidence. */
export function createClassifier(model: TClassifierModel | TModelFile): Classifier {
  const K = model.categories.length;
  const other = model.categories.indexOf('other');
  if (K < 2 || other < 0 || model.bias.length !== K) throw new Error('classifier model: bad categories or bias');
  for (const c of model.categories) {
    if (!(CATEGORY_IDS as readonly string[]).includes(c)) throw new Error(`classifier model: unknown category ${c}`);
  }
  // Feature → its row in one flat array of weights (row j, category c at j·K + c).
  const index = new Map<string, number>();
  let W: Float64Array;
  if (model.version === 3) {
    if (model.weights.length !== model.vocabulary.length * K) throw new Error('classifier model: bad weights');
    model.vocabulary.forEach((f, j) => {
      index.set(f, j * K);
    });
    W = Float64Array.from(model.weights);
  } else {
    const entries = Object.entries(model.weights);
    W = new Float64Array(entries.length * K);
    entries.forEach(([f, w], j) => {
      index.set(f, j * K);
      W.set(w, j * K);
    });
  }
  const T = model.temperature > 0 ? model.temperature : 1;
  const unknown: TClassification = { category: 'other', confidence: r3(1 / K), keywords: [], alternatives: [] };

  return {
    classify(text: string): TClassification {
      let x: Map<string, number>;
      let tokens: TTokens;
      try {
        tokens = tokenize(typeof text === 'string' ? text : '');
        x = featureVector(tokens, model.features);
      } catch {
        return { ...unknown, alternatives: [] };
      }
      const scores = Float64Array.from(model.bias);
      const known: [string, number, number][] = [];
      for (const [f, v] of x) {
        const o = index.get(f);
        if (o === undefined) continue;
        known.push([f, v, o]);
        for (let c = 0; c < K; c++) scores[c] += v * W[o + c];
      }
      if (!known.length) return { ...unknown, alternatives: [] };

      let max = -Infinity;
      for (let c = 0; c < K; c++) if (scores[c] > max) max = scores[c];
      const probs = new Float64Array(K);
      let sum = 0;
      for (let c = 0; c < K; c++) {
        probs[c] = Math.exp((scores[c] - max) / T);
        sum += probs[c];
      }
      for (let c = 0; c < K; c++) probs[c] /= sum;
      // Most likely first; ties go to the earlier category so the answer is deterministic.
      const order = Array.from({ length: K }, (_, c) => c).sort((a, b) => probs[b] - probs[a] || a - b);
      const best = order[0];

      // Explanation: what each feature added to the winner over its average for the other categories.
      const pull: [string, number][] = [];
      for (const [f, v, o] of known) {
        let others = 0;
        for (let c = 0; c < K; c++) if (c !== best) others += W[o + c];
        const gain = v * (W[o + best] - others / (K - 1));
        // Shown as the text wrote it: a stem or a lexicon hit by its word, a character n-gram without its '#'.
        if (gain > 0) pull.push([tokens.surface.get(f) ?? (f.startsWith('#') ? f.slice(1) : f), gain]);
      }
      pull.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
      const keywords: string[] = [];
      for (const [k] of pull) {
        if (keywords.length >= 5) break;
        // a single character (比, 收, 价) weighs in the model but explains nothing to a reader
        if ([...k].length < 2) continue;
        if (keywords.some((q) => q.includes(k) || k.includes(q))) continue;
        keywords.push(k);
      }
      return {
        category: model.categories[best],
        confidence: r3(probs[best]),
        keywords,
        alternatives: order.slice(1, 4).map((c) => ({ category: model.categories[c], confidence: r3(probs[c]) })),
      };
    },
  };
}

/**
 * model/model.json of this folder. From src (tsx, vitest) it is beside this module; from the compiled server
 * (apps/server/dist, where tsc copies no JSON) it is read from the src tree.
 */
export function modelFile(): URL {
  return classifyFile('model/model.json', import.meta.url);
}

export function readModel(file: URL = modelFile()): TClassifierModel | TModelFile {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as TClassifierModel | TModelFile;
}

let shared: Promise<Classifier> | null = null;

/** The process-wide classifier: reads the model and loads jieba with its dictionaries once. */
export function loadClassifier(): Promise<Classifier> {
  shared ??= (async () => {
    const c = createClassifier(readModel());
    warmUp();
    return c;
  })().catch((e: unknown) => {
    shared = null;
    throw e;
  });
  return shared;
}
