import { randomBytes } from 'node:crypto';
import {
  DEFAULT_RECTIFICATION_DAYS,
  distanceMetres,
  FAR_FROM_BUSINESS_M,
  type TItemResult,
  type TRectificationDays,
  type TSeverity,
  timeFlags,
} from '@zhilv/contracts';
import type { TStoredItem } from './inspections.tables.js';

/** The pure rules of an inspection and its hazards: no database, no clock of their own. */

const DAY_MS = 86_400_000;

/** The prefecture's day as YYYYMMDD (numbers read on the phone and printed on the order). */
export const shanghaiDayCompact = (d: Date) =>
  new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 10).replaceAll('-', '');

/** YH + day + 6 random hex digits: readable, not guessable, not a counter (two instances never collide on it). */
export const newHazardNo = (now: Date) => `YH${shanghaiDayCompact(now)}${randomBytes(3).toString('hex').toUpperCase()}`;
/** YS (移送) + day + 6 random hex digits: the referral's number for the law-enforcement case. */
export const newReferralNo = (now: Date) =>
  `YS${shanghaiDayCompact(now)}${randomBytes(3).toString('hex').toUpperCase()}`;

export function rectificationDaysFrom(rows: { severity: string; days: number }[]): TRectificationDays {
  const out = { ...DEFAULT_RECTIFICATION_DAYS };
  for (const r of rows) if (r.severity in out) out[r.severity as TSeverity] = r.days;
  return out;
}

/** Calendar days, as the order says ("限3日内整改"): counted from the moment it is issued. */
export const dueAtFrom = (start: Date, days: number) => new Date(start.getTime() + days * DAY_MS);

/**
 * The deadline engine's stages of one rectification round: a reminder at 80% of the time, overdue the
 * millisecond after the deadline (an answer at the deadline's instant is in time), and a second lapse — as long
 * again — reported to the leaders.
 */
export function rectificationStages(start: Date, dueAt: Date) {
  const span = dueAt.getTime() - start.getTime();
  return [
    { name: 'remind_80' as const, at: new Date(start.getTime() + Math.round(span * 0.8)) },
    { name: 'overdue' as const, at: new Date(dueAt.getTime() + 1) },
    { name: 'report_leader' as const, at: new Date(dueAt.getTime() + span + 1) },
  ];
}

export type TResultsProblem = {
  code:
    | 'inspection_item_unknown'
    | 'inspection_items_missing'
    | 'inspection_photo_required'
    | 'inspection_item_duplicate';
  field: string;
};

/** Every item of the version answered once, no unknown keys, and a photo on each failure that asks for one. */
export function checkResults(items: TStoredItem[], results: TItemResult[]): TResultsProblem | null {
  const byKey = new Map(items.map((i) => [i.key, i]));
  const seen = new Set<string>();
  for (const [n, r] of results.entries()) {
    const item = byKey.get(r.key);
    if (!item) return { code: 'inspection_item_unknown', field: `results.${n}.key` };
    if (seen.has(r.key)) return { code: 'inspection_item_duplicate', field: `results.${n}.key` };
    seen.add(r.key);
    if (r.outcome === 'fail' && item.photoRequired && r.photoIds.length === 0)
      return { code: 'inspection_photo_required', field: `results.${n}.photoIds` };
  }
  if (seen.size !== items.length) return { code: 'inspection_items_missing', field: 'results' };
  return null;
}

/** Where the inspector stood against where the business is recorded; null when either is unknown. */
export function placeCheck(
  position: { lng: number; lat: number } | null,
  business: { lng: number | null; lat: number | null },
) {
  if (!position || business.lng == null || business.lat == null) return { distanceM: null, far: false };
  const distanceM = distanceMetres(position, { lng: business.lng, lat: business.lat });
  return { distanceM, far: distanceM > FAR_FROM_BUSINESS_M };
}

export { timeFlags };
