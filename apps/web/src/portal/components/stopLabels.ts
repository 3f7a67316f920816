/** Markers closer than this on screen (the marker is 12 px, its number beside it) draw over each other. */
export const NEAR_PX = 18;

/**
 * The number labels of a route's stops as drawn on the map. Stops at the same or nearly the same place on screen
 * (a station inside a scenic spot, two stops across a square) are labelled once, at the first of them, with all
 * their numbers ("4·5·6"); the others get no label of their own. A stop joins the group of any stop it is near,
 * so a chain of near stops is one group. Positions are in screen pixels, so the grouping follows the zoom.
 */
export function stopLabels(px: { x: number; y: number }[], near = NEAR_PX): (string | null)[] {
  const group = px.map((_, i) => i);
  const root = (i: number): number => (group[i] === i ? i : root(group[i]));
  for (let i = 0; i < px.length; i++)
    for (let j = 0; j < i; j++)
      if (Math.hypot(px[i].x - px[j].x, px[i].y - px[j].y) < near) {
        const [a, b] = [root(i), root(j)];
        group[Math.max(a, b)] = Math.min(a, b);
      }
  const members = new Map<number, number[]>();
  px.forEach((_, i) => {
    const r = root(i);
    members.set(r, [...(members.get(r) ?? []), i + 1]);
  });
  return px.map((_, i) => (root(i) === i ? members.get(i)!.join('·') : null));
}
