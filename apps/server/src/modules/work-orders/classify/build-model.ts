import fs from 'node:fs';
import { pathToFileURL } from 'node:url';
import { CATEGORY_IDS } from '@zhilv/contracts';
import { gateOf, predictionOf, softmax, type TGate, type TPrediction } from './calibration.js';
import { type TClassifierModel, toModelFile } from './classifier.js';
import { crossValidate, fitTemperature, type TCvResult } from './cv.js';
import { parseLabelled, readTraining, type TLabelledText } from './data-files.js';
import { languageOf } from './language.js';
import { tokenize } from './tokenize.js';
import { type TTrainingDoc, type TTrainOptions, train } from './train.js';

/**
 * Trains the work-order classifier from the training texts only (data/training.jsonl relabelled, the fresh corpus
 * data/corpus/*.txt, and with `--corrections file.jsonl` the dispatchers' accepted corrections); no evaluation
 * set ever enters. The approach is chosen by stratified 5-fold cross-validation (held-out top-1 on the fresh
 * corpus); the softmax temperature is fitted on the same held-out scores, so confidences are calibrated, and the
 * held-out predictions give the auto-dispatch table stored beside the model (model/gate.json).
 * Deterministic: same data → byte-identical files. Run with `npm run classify:build`.
 */

const lr = (name: string, o: Partial<TTrainOptions>): [string, TTrainOptions] => [
  name,
  {
    algorithm: 'logistic-regression',
    lambda: 1e-5,
    iterations: 250,
    bigramWeight: 0.5,
    binary: true,
    minCount: 2,
    ...o,
  } as TTrainOptions,
];

/** The approaches compared (see docs/adr/0005-classifier-real-complaints.md). */
export const CANDIDATES: [string, TTrainOptions][] = [
  [
    'NB words+bigrams',
    { algorithm: 'multinomial-naive-bayes', alpha: 0.1, bigramWeight: 0.5, binary: true, minCount: 2 },
  ],
  lr('LR words+bigrams', {}),
  lr('LR words+bi+trigrams', { trigramWeight: 0.35 }),
  lr('LR words+bi+trigrams+lexicon', { trigramWeight: 0.35, lexiconWeight: 1 }),
  lr('LR words+bi+trigrams+lexicon λ=3e-6', { trigramWeight: 0.35, lexiconWeight: 1, lambda: 3e-6 }),
];

export type TDoc = TTrainingDoc & { source: TLabelledText['source']; lang: string; chars: number };

export function docsOf(rows: TLabelledText[]): TDoc[] {
  return rows.map((r) => ({
    category: CATEGORY_IDS.indexOf(r.category),
    tokens: tokenize(r.text),
    source: r.source,
    lang: languageOf(r.text),
    chars: [...r.text].length,
  }));
}

/** Accepted dispatcher corrections exported from the console (JSONL, the training line format). */
export function readCorrections(file: string): TLabelledText[] {
  return parseLabelled(fs.readFileSync(file, 'utf8'), file).map((r) => ({ ...r, source: 'correction' as const }));
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

function heldOut(docs: TDoc[], cv: TCvResult, t: number, pick: (d: TDoc) => boolean) {
  const ps: TPrediction[] = [];
  let logLoss = 0;
  docs.forEach((d, i) => {
    if (!pick(d)) return;
    const probs = softmax(cv.scores[i], t);
    ps.push(predictionOf(d.category, probs));
    logLoss -= Math.log(Math.max(probs[d.category], 1e-12));
  });
  const n = ps.length || 1;
  return {
    n: ps.length,
    top1: ps.filter((p) => p.predicted === p.expected).length / n,
    top2: ps.filter((p) => p.predicted === p.expected || p.second === p.expected).length / n,
    logLoss: logLoss / n,
    ps,
  };
}

export function buildModel(
  opts: { corrections?: string; only?: string } = {},
  log: (line: string) => void = () => {},
): { model: TClassifierModel; gate: TGate } {
  const rows = [...readTraining(), ...(opts.corrections ? readCorrections(opts.corrections) : [])];
  const docs = docsOf(rows);
  const candidates = opts.only ? CANDIDATES.filter(([n]) => n === opts.only) : CANDIDATES;
  if (!candidates.length) throw new Error(`no candidate named ${opts.only}`);
  const corpus = (d: TDoc) => d.source === 'corpus';
  log(
    `training texts: ${docs.length} (${docs.filter(corpus).length} fresh corpus, ${docs.filter((d) => d.source === 'correction').length} corrections); 5-fold stratified cross-validation of ${candidates.length} approaches`,
  );
  let best: { name: string; o: TTrainOptions; cv: TCvResult; t: number; top1: number; logLoss: number } | null = null;
  for (const [name, o] of candidates) {
    const cv = crossValidate(docs, o);
    const t = fitTemperature(docs, cv.scores);
    const all = heldOut(docs, cv, t, () => true);
    const fresh = heldOut(docs, cv, t, corpus);
    const byLang = ['zh-Hans', 'zh-Hant', 'en']
      .map((l) => `${l} ${pct(heldOut(docs, cv, t, (d) => corpus(d) && d.lang === l).top1)}`)
      .join(' ');
    log(
      `  ${name.padEnd(38)} corpus top-1 ${pct(fresh.top1)} top-2 ${pct(fresh.top2)} log-loss ${fresh.logLoss.toFixed(3)} | all top-1 ${pct(all.top1)} | ${byLang} | T=${t}`,
    );
    // Strictly better only: on a tie the earlier (simpler) approach stays.
    if (!best || fresh.top1 > best.top1 + 1e-9 || (fresh.top1 > best.top1 - 1e-9 && fresh.logLoss < best.logLoss))
      best = { name, o, cv, t, top1: fresh.top1, logLoss: fresh.logLoss };
  }
  if (!best) throw new Error('no candidate settings');
  const model = train(docs, best.o, best.t);
  const all = heldOut(docs, best.cv, best.t, () => true);
  const fresh = heldOut(docs, best.cv, best.t, corpus);
  model.meta.approach = best.name;
  model.meta.cvTop1 = Math.round(fresh.top1 * 1000) / 1000;
  model.meta.cvTop2 = Math.round(fresh.top2 * 1000) / 1000;
  model.meta.cvTop1All = Math.round(all.top1 * 1000) / 1000;
  const gate = gateOf(
    [...CATEGORY_IDS],
    all.ps,
    `5-fold held-out predictions on the ${docs.length} training texts (${best.name}, temperature ${best.t})`,
  );
  log(`chosen: ${best.name}, temperature ${model.temperature}, held-out ECE ${gate.ece}`);
  return { model, gate };
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

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { model, gate } = buildModel({ corrections: arg('--corrections'), only: arg('--only') }, console.log);
  const dir = new URL('./model/', import.meta.url);
  fs.mkdirSync(dir, { recursive: true });
  const out = new URL('model.json', dir);
  fs.writeFileSync(out, stableJson(toModelFile(model)));
  fs.writeFileSync(new URL('gate.json', dir), stableJson(gate));
  console.log(
    `model: ${Object.keys(model.weights).length} features × ${model.categories.length} categories → ${out.pathname} (${Math.round(fs.statSync(out).size / 1024)} KB); gate.json beside it`,
  );
}
