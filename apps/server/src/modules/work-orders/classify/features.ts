import type { TTokens } from './tokenize.js';

/** How tokens become a feature vector; stored in the model so training and classifying agree. */
export type TFeatureOptions = {
  /** Value of one character bigram relative to one word (0 = words only). */
  bigramWeight: number;
  /** Value of one character trigram (0 = none). Absent in older models. */
  trigramWeight?: number;
  /** Value of one lexicon hit `~category` (0 = no lexicon). Absent in older models. */
  lexiconWeight?: number;
  /** Count each feature once per text (true) or as often as it occurs. */
  binary: boolean;
  /** Scale the vector to unit length (logistic regression) or leave the counts (naive Bayes). */
  unitLength: boolean;
};

function add(x: Map<string, number>, fs: string[], v: number, binary: boolean) {
  for (const f of fs) x.set(f, binary ? v : (x.get(f) ?? 0) + v);
}

/** Sparse feature vector of a text: feature → value. Character n-grams keep their `#` prefix, lexicon hits `~`. */
export function featureVector(tokens: TTokens, o: TFeatureOptions): Map<string, number> {
  const x = new Map<string, number>();
  add(x, tokens.words, 1, o.binary);
  if (o.bigramWeight > 0) add(x, tokens.bigrams, o.bigramWeight, o.binary);
  if ((o.trigramWeight ?? 0) > 0) add(x, tokens.trigrams, o.trigramWeight ?? 0, o.binary);
  if ((o.lexiconWeight ?? 0) > 0) add(x, tokens.lexicon, o.lexiconWeight ?? 0, o.binary);
  if (o.unitLength && x.size) {
    let sq = 0;
    for (const v of x.values()) sq += v * v;
    const n = Math.sqrt(sq);
    for (const [k, v] of x) x.set(k, v / n);
  }
  return x;
}
