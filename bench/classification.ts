import { benchClassifier } from '../apps/server/src/modules/work-orders/classify/bench-classify.js';

/**
 * The classifier's speed, printed for reading: PERFORMANCE.md sets it no target (an absolute rate would judge the
 * machine's drift), and its quality is measured by npm run classify:eval on the evaluation set.
 */
export async function benchClassification() {
  const r = await benchClassifier();
  console.log(
    `CLASS (no target): ${r.textsPerSecond.toFixed(0)} texts/s in-process; ready ${r.loadMs.toFixed(0)} ms after start`,
  );
}
