import fs from 'node:fs';
import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';
import { stemmer } from 'stemmer';
import { BILINGUAL } from './bilingual.js';
import { classifyFile } from './data-files.js';
import { lexiconHits } from './lexicon.js';
import { normalise } from './normalise.js';
import { quantities } from './quantities.js';

/** Longer texts are cut: the first 2,000 characters say what an appeal is about, and it bounds the time. */
export const MAX_CHARS = 2000;

let segmenter: { jieba: Jieba; stop: Set<string> } | null = null;

/** jieba with its bundled dictionary plus the domain dictionary (黑导, 零团费, 宰客 …): loaded once per process. */
function load() {
  if (!segmenter) {
    const jieba = Jieba.withDict(dict);
    jieba.loadDict(fs.readFileSync(classifyFile('data/user-dict.txt', import.meta.url)));
    const stop = new Set(
      fs
        .readFileSync(classifyFile('data/stopwords.txt', import.meta.url), 'utf8')
        .split('\n')
        .map((s) => s.trim())
        .filter(Boolean),
    );
    segmenter = { jieba, stop };
  }
  return segmenter;
}

const HAN = /\p{Script=Han}/u;
const HAN_RUNS = /\p{Script=Han}+/gu;
const LATIN_WORDS = /[a-z]+(?:'[a-z]+)?/g;

export type TTokens = {
  /** jieba words, English stems (`refus`), English stem pairs (`cabl_car`), quantities (`@amount:1k`). */
  words: string[];
  /** `#` + each character pair of each run of Chinese characters. */
  bigrams: string[];
  /** `#` + each character triple of each run of Chinese characters. */
  trigrams: string[];
  /** `~` + category for each regulation term of the lexicon the text contains. */
  lexicon: string[];
  /** For features that are not the text's own characters (stems, quantities, lexicon): how the text wrote them. */
  surface: Map<string, string>;
};

/**
 * The features of a text, after normalisation (NFKC, Traditional → Simplified, regional words; see normalise.ts).
 * Chinese: jieba words (not stopwords) and character bigrams and trigrams, which keep recall on words the
 * dictionary splits oddly (拉客仔 → 拉客 + 仔, yet #客仔 remains). English: Porter stems of the words that are not
 * stopwords, pairs of neighbouring stems ("cable car" → cabl_car), and the Chinese word for the same thing
 * (bilingual.ts: taxi → 出租车), so English and mixed text use what the Chinese texts taught. Amounts and
 * durations become bucketed features (980元 → @amount:100, 3小时 → @duration:hour).
 */
export function tokenize(text: string): TTokens {
  const { jieba, stop } = load();
  const t = normalise(String(text ?? '').slice(0, MAX_CHARS));
  const words: string[] = [];
  const bigrams: string[] = [];
  const trigrams: string[] = [];
  const surface = new Map<string, string>();
  if (!t.trim()) return { words, bigrams, trigrams, lexicon: [], surface };

  if (HAN.test(t)) {
    for (const raw of jieba.cut(t, true)) {
      const w = raw.trim();
      if (w && HAN.test(w) && !stop.has(w)) words.push(w);
    }
    for (const run of t.match(HAN_RUNS) ?? []) {
      for (let i = 0; i + 1 < run.length; i++) bigrams.push(`#${run.slice(i, i + 2)}`);
      for (let i = 0; i + 2 < run.length; i++) trigrams.push(`#${run.slice(i, i + 3)}`);
    }
  }

  // English: a stopword breaks a pair, so "cable car" pairs but "car of the" does not.
  let previous: string | null = null;
  for (const m of t.matchAll(LATIN_WORDS)) {
    const raw = m[0].replace(/'s$/, '').replace(/'/g, '');
    if (raw.length < 2 || stop.has(raw)) {
      previous = null;
      continue;
    }
    const s = stemmer(raw);
    words.push(s);
    if (!surface.has(s)) surface.set(s, raw);
    const zh = BILINGUAL.get(s);
    if (zh) {
      words.push(zh);
      if (!surface.has(zh)) surface.set(zh, raw);
    }
    if (previous) {
      const pair = `${previous}_${s}`;
      words.push(pair);
      if (!surface.has(pair)) surface.set(pair, `${surface.get(previous) ?? previous} ${raw}`);
      const zhPair = BILINGUAL.get(pair);
      if (zhPair) {
        words.push(zhPair);
        if (!surface.has(zhPair)) surface.set(zhPair, surface.get(pair) ?? pair);
      }
    }
    previous = s;
  }

  for (const q of quantities(t)) {
    words.push(q.feature);
    if (!surface.has(q.feature)) surface.set(q.feature, q.text);
  }
  const lexicon: string[] = [];
  for (const h of lexiconHits(t)) {
    lexicon.push(h.feature);
    if (!surface.has(h.feature)) surface.set(h.feature, h.term);
  }
  return { words, bigrams, trigrams, lexicon, surface };
}

/** Makes jieba, the dictionaries and the converters load now (they otherwise load on the first text). */
export function warmUp(): void {
  load();
  normalise('導遊');
}
