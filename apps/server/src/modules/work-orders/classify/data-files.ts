import fs from 'node:fs';
import { CATEGORY_IDS, type TCategoryId } from '@zhilv/contracts';

/**
 * A file of this folder (data/…, model/…). Running from src (tsx, vitest) it sits beside this module; running
 * from the compiled tree (apps/server/dist/…) it does not, since tsc copies no data files, so the src copy is
 * used: dist/modules/work-orders/classify → ../../../../src/modules/work-orders/classify.
 */
export function classifyFile(relative: string, base: string = import.meta.url): URL {
  const here = new URL(relative, base);
  if (fs.existsSync(here)) return here;
  return new URL(`../../../../src/modules/work-orders/classify/${relative}`, base);
}

export type TLang = 'zh-Hans' | 'zh-Hant' | 'en';

export type TLabelledText = {
  category: TCategoryId;
  text: string;
  /** Evaluation rows may name their language and second labels a reader would also accept. */
  lang?: TLang;
  accepted?: TCategoryId[];
  /** Where a training row came from: the first set, the fresh corpus, or dispatchers' corrections. */
  source?: 'training' | 'corpus' | 'correction';
};

const isCategory = (c: unknown): c is TCategoryId => (CATEGORY_IDS as readonly unknown[]).includes(c);

/** JSONL, one labelled text per line: `{"category":"transport","text":"…"}` (+ lang, accepted). Blank lines skipped. */
export function parseLabelled(raw: string, name: string): TLabelledText[] {
  const out: TLabelledText[] = [];
  raw.split('\n').forEach((line, i) => {
    if (!line.trim()) return;
    const row = JSON.parse(line) as { category?: unknown; text?: unknown; lang?: unknown; accepted?: unknown };
    if (typeof row.text !== 'string' || !isCategory(row.category)) {
      throw new Error(`${name}:${i + 1}: expected {"category": one of CATEGORY_IDS, "text": string}`);
    }
    const r: TLabelledText = { category: row.category, text: row.text };
    if (row.lang === 'zh-Hans' || row.lang === 'zh-Hant' || row.lang === 'en') r.lang = row.lang;
    if (Array.isArray(row.accepted)) r.accepted = row.accepted.filter(isCategory);
    out.push(r);
  });
  return out;
}

export function dataFileExists(name: string): boolean {
  return fs.existsSync(classifyFile(`data/${name}`));
}

/** A JSONL file of data/ (training.jsonl, evaluation.jsonl, evaluation-real.jsonl). */
export function readLabelled(name: string): TLabelledText[] {
  return parseLabelled(fs.readFileSync(classifyFile(`data/${name}`), 'utf8'), name);
}

/**
 * The fresh corpus: data/corpus/<category>.txt, one text per line, `#` lines are comments. One file per category
 * keeps the label out of every line and lets a reader see a category's texts together.
 */
export function readCorpus(): TLabelledText[] {
  const dir = classifyFile('data/corpus/');
  const out: TLabelledText[] = [];
  for (const f of fs.readdirSync(dir).sort()) {
    if (!f.endsWith('.txt')) continue;
    const category = f.slice(0, -4);
    if (!isCategory(category)) throw new Error(`data/corpus/${f}: not a category id`);
    for (const line of fs.readFileSync(new URL(f, dir), 'utf8').split('\n')) {
      const text = line.trim();
      if (text && !text.startsWith('#')) out.push({ category, text, source: 'corpus' });
    }
  }
  return out;
}

/** Every training text: the first training set (relabelled) and the fresh corpus. */
export function readTraining(): TLabelledText[] {
  return [...readLabelled('training.jsonl').map((r) => ({ ...r, source: 'training' as const })), ...readCorpus()];
}
