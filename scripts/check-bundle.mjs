#!/usr/bin/env node
// The portal must load fast on a slow phone (issue 3): no JavaScript chunk of the built web app may exceed
// 300 kB gzipped. Checked over every chunk (console ones too: the rule is simple and no chunk needs more).
import fs from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

const LIMIT = 300 * 1024;
const dir = path.join(import.meta.dirname, '../apps/web/dist/assets');
if (!fs.existsSync(dir)) {
  console.error(`No build at ${dir}: run npm run build first`);
  process.exit(1);
}
const sizes = fs
  .readdirSync(dir)
  .filter((f) => f.endsWith('.js'))
  .map((f) => ({ f, gz: gzipSync(fs.readFileSync(path.join(dir, f)), { level: 9 }).length }))
  .sort((a, b) => b.gz - a.gz);
const over = sizes.filter((s) => s.gz > LIMIT);
const kb = (n) => `${(n / 1024).toFixed(1)} kB`;
console.log(
  `Largest chunks (gzip): ${sizes
    .slice(0, 3)
    .map((s) => `${s.f} ${kb(s.gz)}`)
    .join(', ')}; limit ${kb(LIMIT)}`,
);
for (const s of over) console.error(`Chunk over the limit: ${s.f} ${kb(s.gz)}`);
process.exit(over.length ? 1 : 0);
