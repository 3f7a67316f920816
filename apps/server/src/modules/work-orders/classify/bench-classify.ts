import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { readLabelled, readTraining } from './data-files.js';

const RUNS = 5;
/**
 * The intake budget an appeal's classification shares: the intake bench's target of 1,000 appeals/s over HTTP
 * (bench/intake.ts) is 1 ms of server time per appeal, classification included.
 */
export const INTAKE_MS_PER_APPEAL = 1;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** In a fresh process: ms from importing the classifier module until it is ready (model read, jieba loaded). */
async function measureLoadHere(): Promise<number> {
  const t0 = performance.now();
  const { loadClassifier } = await import('./classifier.js');
  const c = await loadClassifier();
  c.classify('导游强迫购物');
  return performance.now() - t0;
}

/** Load time in a child process, so that every run starts cold (jieba and the model are loaded once per process). */
function measureLoadInChild(): number {
  const self = fileURLToPath(import.meta.url);
  // From src the child needs tsx to read TypeScript; from dist it runs as plain JavaScript.
  const loader = self.endsWith('.ts')
    ? ['--import', pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href]
    : [];
  const out = execFileSync(process.execPath, [...loader, self, '--measure-load'], { encoding: 'utf8' });
  const ms = Number(out.trim().split('\n').at(-1));
  if (!Number.isFinite(ms)) throw new Error(`load measurement failed: ${out}`);
  return ms;
}

/**
 * Throughput in-process (texts/s over the training, corpus and evaluation texts, about one second per run), its
 * share of an appeal's intake budget, and load
 * time (a cold child process each run); both the median of 5 runs.
 */
export async function benchClassifier(): Promise<{
  textsPerSecond: number;
  loadMs: number;
  msPerText: number;
  shareOfIntake: number;
}> {
  const loads: number[] = [];
  for (let i = 0; i < RUNS; i++) loads.push(measureLoadInChild());

  const { loadClassifier } = await import('./classifier.js');
  const c = await loadClassifier();
  const texts = [...readLabelled('evaluation.jsonl'), ...readTraining()].map((r) => r.text);
  for (const t of texts) c.classify(t); // warm the JIT
  const rates: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const start = performance.now();
    let n = 0;
    while (performance.now() - start < 1000) {
      for (const t of texts) c.classify(t);
      n += texts.length;
    }
    rates.push(n / ((performance.now() - start) / 1000));
  }
  const textsPerSecond = Math.round(median(rates));
  const msPerText = 1000 / textsPerSecond;
  return {
    textsPerSecond,
    loadMs: Math.round(median(loads)),
    msPerText: Math.round(msPerText * 1000) / 1000,
    shareOfIntake: Math.round((msPerText / INTAKE_MS_PER_APPEAL) * 1000) / 1000,
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  if (process.argv[2] === '--measure-load') {
    console.log(await measureLoadHere());
  } else {
    const r = await benchClassifier();
    console.log(`classification: ${r.textsPerSecond} texts/s (median of ${RUNS} runs, one process)`);
    console.log(
      `per appeal: ${r.msPerText} ms = ${(r.shareOfIntake * 100).toFixed(1)}% of the intake budget (${INTAKE_MS_PER_APPEAL} ms at 1,000 appeals/s)`,
    );
    console.log(`load: ${r.loadMs} ms (median of ${RUNS} cold processes, import → ready)`);
  }
}
