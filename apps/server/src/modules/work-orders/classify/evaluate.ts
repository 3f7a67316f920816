import { pathToFileURL } from 'node:url';
import { CATEGORY_IDS, type TCategoryId } from '@zhilv/contracts';
import { type Classifier, loadClassifier } from './classifier.js';
import { readLabelled } from './data-files.js';

export type TEvaluation = {
  n: number;
  top1: number;
  top2: number;
  /** Per category: texts, correct at top 1, recall. */
  perCategory: Record<TCategoryId, { n: number; correct: number; recall: number }>;
  /** "expected → predicted" with counts, most frequent first. */
  confusions: { expected: TCategoryId; predicted: TCategoryId; count: number }[];
};

/** Top-1 and top-2 accuracy on data/evaluation.jsonl, which is kept apart from training. */
export async function evaluate(classifier?: Classifier): Promise<TEvaluation> {
  const c = classifier ?? (await loadClassifier());
  const rows = readLabelled('evaluation.jsonl');
  let top1 = 0;
  let top2 = 0;
  const perCategory = Object.fromEntries(CATEGORY_IDS.map((id) => [id, { n: 0, correct: 0, recall: 0 }])) as Record<
    TCategoryId,
    { n: number; correct: number; recall: number }
  >;
  const confusions = new Map<string, { expected: TCategoryId; predicted: TCategoryId; count: number }>();
  for (const r of rows) {
    const out = c.classify(r.text);
    const p = perCategory[r.category];
    p.n++;
    if (out.category === r.category) {
      top1++;
      p.correct++;
    } else {
      const key = `${r.category}>${out.category}`;
      const e = confusions.get(key) ?? { expected: r.category, predicted: out.category, count: 0 };
      e.count++;
      confusions.set(key, e);
    }
    if (out.category === r.category || out.alternatives[0]?.category === r.category) top2++;
  }
  for (const p of Object.values(perCategory)) p.recall = p.n ? p.correct / p.n : 0;
  return {
    n: rows.length,
    top1: top1 / rows.length,
    top2: top2 / rows.length,
    perCategory,
    confusions: [...confusions.values()].sort(
      (a, b) => b.count - a.count || a.expected.localeCompare(b.expected) || a.predicted.localeCompare(b.predicted),
    ),
  };
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const r = await evaluate();
  console.log(`evaluation set: ${r.n} texts (data/evaluation.jsonl)`);
  console.log(`top-1 accuracy: ${pct(r.top1)}   top-2 accuracy: ${pct(r.top2)}`);
  console.log('per-category recall:');
  for (const id of CATEGORY_IDS) {
    const p = r.perCategory[id];
    console.log(`  ${id.padEnd(18)} ${pct(p.recall).padStart(6)}  (${p.correct}/${p.n})`);
  }
  console.log('confusions (expected → predicted):');
  for (const e of r.confusions.slice(0, 12)) console.log(`  ${e.expected} → ${e.predicted} ×${e.count}`);
  const ok = r.top1 >= 0.75;
  if (!ok) console.error(`top-1 accuracy ${pct(r.top1)} is below the 75% floor`);
  process.exit(ok ? 0 : 1);
}
