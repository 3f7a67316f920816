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

export type TLabelledText = { category: TCategoryId; text: string };

/** One labelled text per line: `{"category":"transport","text":"…"}`. Blank lines are skipped. */
export function readLabelled(name: 'training.jsonl' | 'evaluation.jsonl'): TLabelledText[] {
  const raw = fs.readFileSync(classifyFile(`data/${name}`), 'utf8');
  const out: TLabelledText[] = [];
  raw.split('\n').forEach((line, i) => {
    if (!line.trim()) return;
    const row = JSON.parse(line) as { category?: unknown; text?: unknown };
    if (typeof row.text !== 'string' || !(CATEGORY_IDS as readonly unknown[]).includes(row.category)) {
      throw new Error(`${name}:${i + 1}: expected {"category": one of CATEGORY_IDS, "text": string}`);
    }
    out.push({ category: row.category as TCategoryId, text: row.text });
  });
  return out;
}
