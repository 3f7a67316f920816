import { benchHotSlot, hotSlotFigures } from './b1-hot-slot.js';
import { benchGoldenWeek } from './b2-golden-week.js';
import { benchReads, coldStart, readFigures } from './b3-reads.js';
import { benchSla } from './b6-sla.js';
import { benchDraws } from './b9-draws.js';
import { benchCredit } from './b10-credit.js';
import { benchClassification } from './classification.js';
import { benchIntake } from './intake.js';
import { figures, hardwareNormaliser, printTable } from './lib.js';

/**
 * `npm run bench`: each figure with the baseline measured in the same run and its target (PERFORMANCE.md).
 * Pick sections with BENCH=sla,intake,classify,b1,b2,b3,b4,b9,b10 (B4 = B1–B3 on PGlite, each run alternating with one on the server). Needs the PostgreSQL server (BENCH_DATABASE_URL).
 */
const only = (process.env.BENCH ?? 'classify,intake,sla,b1,b2,b3,b4,b9,b10').split(',');
console.log(`Zhilv benchmarks — ${new Date().toISOString()}`);
console.log('B7 hardware normaliser:');
for (const line of hardwareNormaliser()) console.log(`  ${line}`);
if (only.includes('classify')) await benchClassification();
if (only.includes('intake')) await benchIntake();
if (only.includes('sla')) await benchSla();
if (only.includes('b10')) await benchCredit();
if (only.includes('b1')) await benchHotSlot();
if (only.includes('b2')) await benchGoldenWeek();
if (only.includes('b3')) await benchReads();
if (only.includes('b9')) await benchDraws();
if (only.includes('b4')) {
  // B4 measures its server baselines itself, each run alternating with a PGlite run.
  await hotSlotFigures('pglite', { sellOuts: 2, capacity: 1000, clients: 256 });
  await readFigures('pglite');
  await coldStart();
}
printTable();
const missed = figures.filter((f) => !f.pass);
console.log(`\n${figures.length - missed.length} of ${figures.length} targets met`);
process.exit(0);
