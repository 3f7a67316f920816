import fs from 'node:fs';
import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';
import { classifyFile } from './data-files.js';

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
const LATIN_WORD = /^[a-z][a-z']*$/;
const HAN_RUNS = /\p{Script=Han}+/gu;

/** Light English normalisation: "refunds" → "refund", "charged" stays (too little English to stem further). */
function english(w: string): string {
  const t = w.replace(/'s$/, '').replace(/'/g, '');
  if (t.length > 3 && t.endsWith('s') && !t.endsWith('ss')) return t.slice(0, -1);
  return t;
}

export type TTokens = { words: string[]; bigrams: string[] };

/**
 * The features of a text. Words: jieba words with Chinese characters (not stopwords) and English words of two
 * letters or more. Bigrams: the character pairs of each run of Chinese characters, which keep recall on words
 * the dictionary splits oddly (e.g. 拉客仔 → 拉客 + 仔, yet #客仔 remains). Numbers and punctuation are dropped.
 */
export function tokenize(text: string): TTokens {
  const { jieba, stop } = load();
  const lower = String(text ?? '')
    .slice(0, MAX_CHARS)
    .toLowerCase();
  const words: string[] = [];
  const bigrams: string[] = [];
  if (!lower.trim()) return { words, bigrams };
  for (const raw of jieba.cut(lower, true)) {
    const w = raw.trim();
    if (!w || stop.has(w)) continue;
    if (HAN.test(w)) words.push(w);
    else if (LATIN_WORD.test(w) && w.length >= 2) {
      const e = english(w);
      if (!stop.has(e)) words.push(e);
    }
  }
  for (const run of lower.match(HAN_RUNS) ?? []) {
    for (let i = 0; i + 1 < run.length; i++) bigrams.push(`#${run.slice(i, i + 2)}`);
  }
  return { words, bigrams };
}

/** Makes jieba and the dictionaries load now (they otherwise load on the first text). */
export function warmUp(): void {
  load();
}
