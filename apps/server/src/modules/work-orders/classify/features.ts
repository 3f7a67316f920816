import type { TTokens } from './tokenize.js';

/** How tokens become a feature vector; stored in the model so training and classifying agree. */
export type TFeatureOptions = {
  /** Value of one character bigram relative to one word (0 = words only). */
  bigramWeight: number;
  /** Count each feature once per text (true) or as often as it occurs. */
  binary: boolean;
  /** Scale the vector to unit length (logistic regression) or leave the counts (naive Bayes). */
  unitLength: boolean;
};

/** Sparse feature vector of a text: feature → value. Bigram features keep their `#` prefix. */
export function featureVector(tokens: TTokens, o: TFeatureOptions): Map<string, number> {
  const x = new Map<string, number>();
  for (const w of tokens.words) x.set(w, o.binary ? 1 : (x.get(w) ?? 0) + 1);
  if (o.bigramWeight > 0) {
    for (const b of tokens.bigrams) x.set(b, o.binary ? o.bigramWeight : (x.get(b) ?? 0) + o.bigramWeight);
  }
  if (o.unitLength && x.size) {
    let sq = 0;
    for (const v of x.values()) sq += v * v;
    const n = Math.sqrt(sq);
    for (const [k, v] of x) x.set(k, v / n);
  }
  return x;
}
