/** GeoMap's zoom 1 shows about 2.5° of longitude across (the whole prefecture). */
const DEGREES_AT_ZOOM_1 = 2.5;
/** Stops closer than this share of the map's width would draw their markers and numbers on top of each other. */
const NEAR_SHARE = 0.045;

/**
 * The number labels of a route's stops on the map. Stops at the same or nearly the same place (a station inside
 * a scenic spot, two stops across a square) are labelled once, at the first of them, with all their numbers
 * ("5·6"); the others get no label of their own. Distances are in degrees with longitude shrunk by the
 * latitude's cosine, so "near" is the same in both directions.
 */
export function stopLabels(points: { lng: number; lat: number }[], zoom = 1): (string | null)[] {
  const near = (DEGREES_AT_ZOOM_1 / zoom) * NEAR_SHARE;
  const leaders: { i: number; seqs: number[] }[] = [];
  const leaderOf: number[] = [];
  points.forEach((p, i) => {
    const k = Math.cos((p.lat * Math.PI) / 180);
    const found = leaders.find((l) => {
      const q = points[l.i];
      return Math.hypot((p.lng - q.lng) * k, p.lat - q.lat) < near;
    });
    if (found) {
      found.seqs.push(i + 1);
      leaderOf[i] = -1;
    } else {
      leaders.push({ i, seqs: [i + 1] });
      leaderOf[i] = leaders.length - 1;
    }
  });
  return points.map((_, i) => (leaderOf[i] >= 0 ? leaders[leaderOf[i]].seqs.join('·') : null));
}
