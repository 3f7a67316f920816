import type { TWorkOrderRow } from './work-orders.store.js';

/** Character bigrams: robust for Chinese text without segmentation, and cheap. */
function bigrams(text: string): Set<string> {
  const t = text.replace(/[\s\p{P}]/gu, '').toLowerCase();
  const s = new Set<string>();
  for (let i = 0; i < t.length - 1; i++) s.add(t.slice(i, i + 2));
  return s;
}

export function textSimilarity(a: string, b: string): number {
  const A = bigrams(a);
  const B = bigrams(b);
  if (!A.size || !B.size) return 0;
  let inter = 0;
  for (const x of A) if (B.has(x)) inter++;
  return inter / (A.size + B.size - inter);
}

export function distanceMeters(a: { lng: number; lat: number }, b: { lng: number; lat: number }): number {
  const R = 6_371_000;
  const toRad = (d: number) => (d * Math.PI) / 180;
  const dLat = toRad(b.lat - a.lat);
  const dLng = toRad(b.lng - a.lng);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(toRad(a.lat)) * Math.cos(toRad(b.lat)) * Math.sin(dLng / 2) ** 2;
  return 2 * R * Math.asin(Math.sqrt(h));
}

/** The same tourist writes again within this many days: their account, or the phone they left. */
export const SAME_TOURIST_DAYS = 7;

const sameTourist = (a: TWorkOrderRow, b: TWorkOrderRow) =>
  (!!a.reporterUserId && a.reporterUserId === b.reporterUserId) ||
  (!!a.contactPhone && a.contactPhone === b.contactPhone);

/**
 * Likely duplicates: similar text and either the same business, within 200 m, or the same tourist within
 * SAME_TOURIST_DAYS days about the same business or with no business on one side (a tourist who writes again
 * often skips choosing the business). The score mixes text similarity with place and recency so the dispatcher
 * sees the strongest candidates first; below 0.25 nothing is shown.
 */
export function scoreDuplicates<R extends { order: TWorkOrderRow }>(o: TWorkOrderRow, candidates: R[]) {
  const out: { row: R; score: number }[] = [];
  for (const row of candidates) {
    const c = row.order;
    const sameBusiness = !!o.businessId && c.businessId === o.businessId;
    const near =
      o.lng != null && o.lat != null && c.lng != null && c.lat != null
        ? distanceMeters({ lng: o.lng, lat: o.lat }, { lng: c.lng, lat: c.lat }) <= 200
        : false;
    const days = Math.abs(o.createdAt.getTime() - c.createdAt.getTime()) / 86_400_000;
    const businessAgrees = !o.businessId || !c.businessId || o.businessId === c.businessId;
    const tourist = sameTourist(o, c) && businessAgrees && days <= SAME_TOURIST_DAYS;
    if (!sameBusiness && !near && !tourist) continue;
    const sim = textSimilarity(o.text, c.text);
    const score = 0.7 * sim + 0.2 * (sameBusiness ? 1 : tourist ? 0.8 : 0.6) + 0.1 * Math.max(0, 1 - days / 30);
    if (sim >= 0.15 && score >= 0.25) out.push({ row, score: Math.round(score * 100) / 100 });
  }
  return out.sort((a, b) => b.score - a.score).slice(0, 10);
}
