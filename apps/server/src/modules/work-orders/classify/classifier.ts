import fs from 'node:fs';
import { CATEGORY_IDS, type TCategoryId } from '@zhilv/contracts';
import { classifyFile } from './data-files.js';
import { featureVector, type TFeatureOptions } from './features.js';
import { type TTokens, tokenize, warmUp } from './tokenize.js';

/**
 * The trained model (model/model.json, written by build-model.ts). A text's score for category c is
 * `bias[c] + Σ x[f] · weights[f][c]` over its features f; confidences are `softmax(score / temperature)`.
 * Every weight belongs to one readable feature (a jieba word, or `#` + a character bigram), so every decision
 * can be explained by listing the features that pushed it.
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
export function createClassifier(model: TClassifierModel): Classifier {
  const K = model.categories.length;
  const other = model.categories.indexOf('other');
  if (K < 2 || other < 0 || model.bias.length !== K) throw new Error('classifier model: bad categories or bias');
  for (const c of model.categories) {
    if (!(CATEGORY_IDS as readonly string[]).includes(c)) throw new Error(`classifier model: unknown category ${c}`);
  }
  const weights = new Map<string, Float64Array>();
  for (const [f, w] of Object.entries(model.weights)) weights.set(f, Float64Array.from(w));
  const T = model.temperature > 0 ? model.temperature : 1;
  const unknown: TClassification = { category: 'other', confidence: r3(1 / K), keywords: [], alternatives: [] };

  return {
    classify(text: string): TClassification {
      let x: Map<string, number>;
      try {
        x = featureVector(tokenize(typeof text === 'string' ? text : ''), model.features);
      } catch {
        return { ...unknown, alternatives: [] };
      }
      const scores = Float64Array.from(model.bias);
      const known: [string, number, Float64Array][] = [];
      for (const [f, v] of x) {
        const w = weights.get(f);
        if (!w) continue;
        known.push([f, v, w]);
        for (let c = 0; c < K; c++) scores[c] += v * w[c];
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
      for (const [f, v, w] of known) {
        let others = 0;
        for (let c = 0; c < K; c++) if (c !== best) others += w[c];
        const gain = v * (w[best] - others / (K - 1));
        if (gain > 0) pull.push([f.startsWith('#') ? f.slice(1) : f, gain]);
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

export function readModel(file: URL = modelFile()): TClassifierModel {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as TClassifierModel;
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
