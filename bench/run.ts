import { benchSla } from './b6-sla.js';
import { benchClassification } from './classification.js';
import { benchIntake } from './intake.js';
import { figures, hardwareNormaliser } from './lib.js';

/**
 * `npm run bench`: each figure with the baseline measured in the same run and its target (PERFORMANCE.md).
 * Pick sections with BENCH=sla,intake,classify. Needs the PostgreSQL server (BENCH_DATABASE_URL).
 */
const only = (process.env.BENCH ?? 'classify,intake,sla').split(',');
console.log(`Zhilv benchmarks — ${new Date().toISOString()}`);
console.log('B7 hardware normaliser:');
for (const line of hardwareNormaliser()) console.log(`  ${line}`);
if (only.includes('classify')) await benchClassification();
if (only.includes('intake')) await benchIntake();
if (only.includes('sla')) await benchSla();
const missed = figures.filter((f) => !f.pass);
console.log(`\n${figures.length - missed.length} of ${figures.length} targets met`);
process.exit(0);
