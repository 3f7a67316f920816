import { rawScores } from './classifier.js';
import { type TTrainingDoc, type TTrainOptions, train } from './train.js';

export const FOLDS = 5;

/** Stratified folds: the i-th text of each category goes to fold i mod FOLDS. */
export function folds(docs: TTrainingDoc[]): number[] {
  const seen = new Map<number, number>();
  return docs.map((d) => {
    const i = seen.get(d.category) ?? 0;
    seen.set(d.category, i + 1);
    return i % FOLDS;
  });
}

/** Held-out raw scores of every text: each fold scored by a model trained on the other four. */
export type TCvResult = { scores: number[][] };

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
  return { scores };
}

/** The temperature that minimises the log loss of softmax(score / T) on held-out scores. */
export function fitTemperature(docs: TTrainingDoc[], scores: number[][]): number {
  let best = { t: 1, loss: Infinity };
  for (let e = -30; e <= 30; e++) {
    const t = Math.round(10 ** (e / 15) * 1000) / 1000;
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
