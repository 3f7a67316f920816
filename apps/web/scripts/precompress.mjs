// Writes a .br and a .gz beside every built text asset, so the server sends them without compressing per request
// (@fastify/static preCompressed). Runs after `vite build`. Brotli at its best quality: this runs once per build.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';

const dist = process.argv[2] ?? fileURLToPath(new URL('../dist', import.meta.url));
const COMPRESSIBLE = /\.(js|mjs|css|html|svg|json|txt|xml|wasm|map)$/;
const MIN_BYTES = 1024;

function* walk(dir) {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) yield* walk(p);
    else yield p;
  }
}

let raw = 0;
let br = 0;
let gz = 0;
let count = 0;
for (const file of walk(dist)) {
  if (!COMPRESSIBLE.test(file)) continue;
  const data = fs.readFileSync(file);
  if (data.length < MIN_BYTES) continue;
  const b = zlib.brotliCompressSync(data, {
    params: {
      [zlib.constants.BROTLI_PARAM_QUALITY]: zlib.constants.BROTLI_MAX_QUALITY,
      [zlib.constants.BROTLI_PARAM_SIZE_HINT]: data.length,
    },
  });
  const g = zlib.gzipSync(data, { level: 9 });
  // A compressed copy that is not smaller would only cost the browser time.
  if (b.length < data.length) fs.writeFileSync(`${file}.br`, b);
  if (g.length < data.length) fs.writeFileSync(`${file}.gz`, g);
  raw += data.length;
  br += b.length;
  gz += g.length;
  count++;
}
const kb = (n) => `${(n / 1024).toFixed(0)} kB`;
console.log(`precompress: ${count} files, ${kb(raw)} → brotli ${kb(br)}, gzip ${kb(gz)}`);
