import { benchClassifier } from '../apps/server/src/modules/work-orders/classify/bench-classify.js';
import { report } from './lib.js';

export async function benchClassification() {
  const r = await benchClassifier();
  report({
    id: 'CLASS',
    what: 'classification in-process',
    value: r.textsPerSecond,
    unit: 'texts/s',
    target: '≥ 2000 texts/s',
    pass: r.textsPerSecond >= 2000,
  });
  report({
    id: 'CLASS',
    what: 'classifier ready after start (load)',
    value: r.loadMs,
    unit: 'ms',
    target: '≤ 1500 ms',
    pass: r.loadMs <= 1500,
  });
}
