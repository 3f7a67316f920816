import fs from 'node:fs';
import { pathToFileURL } from 'node:url';
import { CATEGORY_IDS } from '@zhilv/contracts';
import { rawScores, type TClassifierModel } from './classifier.js';
import { readLabelled } from './data-files.js';
import { tokenize } from './tokenize.js';
import { type TTrainingDoc, type TTrainOptions, train } from './train.js';

/**
 * Trains the work-order classifier from data/training.jsonl only (the evaluation set never enters) and writes
 * model/model.json. The algorithm and its parameters are chosen by 5-fold cross-validation on the training
 * set; the softmax temperature is fitted on the same held-out folds so that confidences are calibrated.
 * Deterministic: same data → byte-identical file. Run with `npm run classify:build`.
 */

const FOLDS = 5;

export const CANDIDATES: TTrainOptions[] = [
  ...[0.1, 0.3].flatMap((alpha) =>
    [0.5, 1].map(
      (bigramWeight): TTrainOptions => ({
        algorithm: 'multinomial-naive-bayes',
        alpha,
        bigramWeight,
        binary: true,
        minCount: 2,
      }),
    ),
  ),
  ...[1e-5, 3e-5, 1e-4].flatMap((lambda) =>
    [150, 300].map(
      (iterations): TTrainOptions => ({
        algorithm: 'logistic-regression',
        lambda,
        bigramWeight: 0.5,
        binary: true,
        iterations,
        minCount: 2,
      }),
    ),
  ),
];

/** Stratified folds: the i-th text of each category goes to fold i mod FOLDS. */
function folds(docs: TTrainingDoc[]): number[] {
  const seen = new Map<number, number>();
  return docs.map((d) => {
    const i = seen.get(d.category) ?? 0;
    seen.set(d.category, i + 1);
    return i % FOLDS;
  });
}

type TCvResult = { top1: number; top2: number; scores: number[][] };

export function crossValidate(docs: TTrainingDoc[], o: TTrainOptions): TCvResult {
  const fold = folds(docs);
  const scores: number[][] = new Array(docs.length);
  for (let k = 0; k < FOLDS; k++) {
    const model = train(
      docs.filter((_, i) => fold[i] !== k),
      o,
    );
    docs.forEach((d, i) => {
      if (fold[i] === k) scores[i] = rawScores(model, d.tokens);
    });
  }
  let top1 = 0;
  let top2 = 0;
  docs.forEach((d, i) => {
    const order = scores[i].map((s, c) => [s, c]).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
    if (order[0][1] === d.category) top1++;
    if (order[0][1] === d.category || order[1][1] === d.category) top2++;
  });
  return { top1: top1 / docs.length, top2: top2 / docs.length, scores };
}

/** The temperature that minimises the log loss of softmax(score / T) on held-out scores. */
export function fitTemperature(docs: TTrainingDoc[], scores: number[][]): number {
  let best = { t: 1, loss: Infinity };
  for (let e = -30; e <= 30; e++) {
    const t = 10 ** (e / 15);
    let loss = 0;
    docs.forEach((d, i) => {
      const s = scores[i].map((x) => x / t);
      const max = Math.max(...s);
      const lse = max + Math.log(s.reduce((a, x) => a + Math.exp(x - max), 0));
      loss += lse - s[d.category];
    });
    if (loss < best.loss) best = { t, loss };
  }
  return best.t;
}

/** JSON with object keys sorted at every level: the same model always gives the same bytes. */
export function stableJson(value: unknown): string {
  const sort = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(sort);
    if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      return Object.fromEntries(
        Object.keys(o)
          .sort()
          .map((k) => [k, sort(o[k])]),
      );
    }
    return v;
  };
  return `${JSON.stringify(sort(value))}\n`;
}

export function trainingDocs(): TTrainingDoc[] {
  return readLabelled('training.jsonl').map((r) => ({
    category: CATEGORY_IDS.indexOf(r.category),
    tokens: tokenize(r.text),
  }));
}

const label = (o: TTrainOptions) =>
  o.algorithm === 'multinomial-naive-bayes'
    ? `NB alpha=${o.alpha} bigram=${o.bigramWeight}`
    : `LR lambda=${o.lambda} iterations=${o.iterations} bigram=${o.bigramWeight}`;

/** The training options a model was built with (kept in its meta), to rebuild it. */
export function optionsOf(model: TClassifierModel): TTrainOptions {
  const m = model.meta;
  const common = {
    bigramWeight: model.features.bigramWeight,
    binary: model.features.binary,
    minCount: Number(m.minCount),
  };
  return model.algorithm === 'multinomial-naive-bayes'
    ? { algorithm: model.algorithm, alpha: Number(m.alpha), ...common }
    : { algorithm: model.algorithm, lambda: Number(m.lambda), iterations: Number(m.iterations), ...common };
}

export function buildModel(log: (line: string) => void = () => {}): TClassifierModel {
  const docs = trainingDocs();
  log(`training texts: ${docs.length}; ${FOLDS}-fold cross-validation of ${CANDIDATES.length} settings`);
  let best: { o: TTrainOptions; cv: TCvResult } | null = null;
  for (const o of CANDIDATES) {
    const cv = crossValidate(docs, o);
    log(`  ${label(o).padEnd(48)} top-1 ${(cv.top1 * 100).toFixed(1)}%  top-2 ${(cv.top2 * 100).toFixed(1)}%`);
    // Strictly better only: on a tie the earlier (simpler) setting stays.
    if (!best || cv.top1 > best.cv.top1 + 1e-9 || (cv.top1 > best.cv.top1 - 1e-9 && cv.top2 > best.cv.top2 + 1e-9))
      best = { o, cv };
  }
  if (!best) throw new Error('no candidate settings');
  const temperature = fitTemperature(docs, best.cv.scores);
  const model = train(docs, best.o, temperature);
  model.meta.cvTop1 = Math.round(best.cv.top1 * 1000) / 1000;
  model.meta.cvTop2 = Math.round(best.cv.top2 * 1000) / 1000;
  log(`chosen: ${label(best.o)}, temperature ${model.temperature}`);
  return model;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const model = buildModel(console.log);
  const dir = new URL('./model/', import.meta.url);
  fs.mkdirSync(dir, { recursive: true });
  const out = new URL('model.json', dir);
  fs.writeFileSync(out, stableJson(model));
  console.log(
    `model: ${Object.keys(model.weights).length} features × ${model.categories.length} categories → ${out.pathname}`,
  );
}
