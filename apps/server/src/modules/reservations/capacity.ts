import { OCCUPANCY_LEVEL_LABELS, type TOccupancyLevel } from '@zhilv/contracts';

/** Pure capacity rules of 分时预约: no database, no clock of their own (times are passed in). */

/** The prefecture's zone is UTC+8 all year (no daylight saving), so local time is a fixed offset. */
const OFFSET_MS = 8 * 3_600_000;

export type TThresholds = {
  warningPct: number;
  stopSalesPct: number;
  stopEntryPct: number;
  /** an extra alert level between the warning and stopped entry — a local choice, off (null) by default */
  localAlertPct?: number | null;
};
/**
 * The sources found (issue 18 §4) give one level at 80% — a warning, a public notice, sales stopped and a report
 * to the local government — and entry stopped at 100%. A 90% level some places add is the optional local level.
 */
export const DEFAULT_THRESHOLDS: TThresholds = {
  warningPct: 80,
  stopSalesPct: 80,
  stopEntryPct: 100,
  localAlertPct: null,
};

/**
 * 日最大承载量 per LB/T 034-2014 (景区最大承载量核定导则): daily = instant × turnover, where the turnover is the
 * whole number of visits that fit in the opening hours — rounded down before multiplying (8 h open, a 3 h stay:
 * 2, not 2.67). Never promise more than the rule.
 */
export const turnoverFor = (openMinutes: number, averageStayMinutes: number) =>
  openMinutes > 0 && averageStayMinutes > 0 ? Math.floor(openMinutes / averageStayMinutes) : 0;

export function dailyCapacityFor(instantCapacity: number, openMinutes: number, averageStayMinutes: number): number {
  if (instantCapacity <= 0) return 0;
  return instantCapacity * turnoverFor(openMinutes, averageStayMinutes);
}

/**
 * The busy-ness level for an occupancy: comfortable 舒适 below the warning threshold, busy 较拥挤 from it,
 * crowded 拥挤 from the stop-sales threshold, paused 暂停入园 from the stop-entry threshold.
 */
export function occupancyLevel(occupancy: number, instantCapacity: number, t: TThresholds): TOccupancyLevel {
  // Compare in integers (occupancy × 100 against capacity × pct): no rounding at the thresholds.
  const scaled = occupancy * 100;
  if (scaled >= instantCapacity * t.stopEntryPct) return 'paused';
  if (scaled >= instantCapacity * t.stopSalesPct) return 'crowded';
  if (scaled >= instantCapacity * t.warningPct) return 'busy';
  return 'comfortable';
}

export const levelLabel = (level: TOccupancyLevel) => OCCUPANCY_LEVEL_LABELS[level];

/** How many people may be inside before entry stops: ⌊instant × stopEntryPct ÷ 100⌋. */
export const entryLimit = (instantCapacity: number, t: TThresholds) =>
  Math.floor((instantCapacity * t.stopEntryPct) / 100);

/** Same-day slots are not sold while occupancy is at or above the stop-sales threshold. */
export const salesPaused = (occupancy: number, instantCapacity: number, t: TThresholds) =>
  occupancy * 100 >= instantCapacity * t.stopSalesPct;

export const parseTimeOfDay = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
export const formatTimeOfDay = (minute: number) =>
  `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;

/** The instant a local day ('YYYY-MM-DD') and minute of that day begin. */
export function localInstant(day: string, minute: number): Date {
  return new Date(Date.parse(`${day}T00:00:00Z`) - OFFSET_MS + minute * 60_000);
}

/** The local calendar day of an instant. */
export const localDay = (at: Date) => new Date(at.getTime() + OFFSET_MS).toISOString().slice(0, 10);

export function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}

/** Days from `from` to `to` inclusive. */
export function daysBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) out.push(d);
  return out;
}

export type TSlotPlan = { startMinute: number; endMinute: number; quota: number; walkIn?: number };

/** The places of a slot kept for walk-ins and staff booking on a visitor's behalf (seed 002 task 4): ⌊quota × pct⌋. */
export const walkInPlaces = (quota: number, walkInPct: number) => Math.floor((quota * walkInPct) / 100);

/**
 * Default slots for a day: opening hours cut into `slotMinutes` pieces (the last may be shorter), the daily
 * capacity shared out so the quotas add up to exactly the daily capacity — earlier slots take the remainder.
 */
export function planSlots(opensAt: number, closesAt: number, slotMinutes: number, dailyCapacity: number): TSlotPlan[] {
  const starts: number[] = [];
  for (let m = opensAt; m < closesAt; m += slotMinutes) starts.push(m);
  if (!starts.length) return [];
  const base = Math.floor(dailyCapacity / starts.length);
  const extra = dailyCapacity - base * starts.length;
  return starts.map((m, i) => ({
    startMinute: m,
    endMinute: Math.min(m + slotMinutes, closesAt),
    quota: base + (i < extra ? 1 : 0),
  }));
}

export type TCheckInWindow = { opensAt: Date; closesAt: Date };

/** A ticket enters from `grace` minutes before its slot starts until `grace` minutes after it ends. */
export function checkInWindow(startsAt: Date, endsAt: Date, graceMinutes: number): TCheckInWindow {
  return {
    opensAt: new Date(startsAt.getTime() - graceMinutes * 60_000),
    closesAt: new Date(endsAt.getTime() + graceMinutes * 60_000),
  };
}
