/** The prefecture's zone is UTC+8 all year (Asia/Shanghai has no daylight saving time). */
const ZONE_OFFSET_MIN = 8 * 60;
const DAY_MIN = 24 * 60;

/** Minutes after local midnight in Asia/Shanghai of an instant. */
export function localMinuteOfDay(at: Date): number {
  const m = Math.floor(at.getTime() / 60_000) + ZONE_OFFSET_MIN;
  return ((m % DAY_MIN) + DAY_MIN) % DAY_MIN;
}

/** Open at `at`: opens ≤ local minute < closes; 0–1440 is open all day. */
export function isOpenAt(opensAtMinute: number, closesAtMinute: number, at: Date): boolean {
  const m = localMinuteOfDay(at);
  return m >= opensAtMinute && m < closesAtMinute;
}

/** 'HH:MM' (00:00–24:00) → minutes; undefined when malformed. */
export function parseClock(s: string): number | undefined {
  const m = /^(\d{2}):(\d{2})$/.exec(s);
  if (!m) return undefined;
  const h = Number(m[1]);
  const min = Number(m[2]);
  if (min > 59 || h > 24 || (h === 24 && min > 0)) return undefined;
  return h * 60 + min;
}

export const formatClock = (minute: number) =>
  `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;

export type THoursCheck = { ok: true; opens: number; closes: number } | { ok: false; field: 'opensAt' | 'closesAt' };

/**
 * Opening hours as the table accepts them: 00:00 ≤ opens < closes ≤ 24:00 on the same day. A station that
 * closes after midnight is entered as open all day (the table has no overnight hours).
 */
export function checkHours(opensAt: string, closesAt: string): THoursCheck {
  const opens = parseClock(opensAt);
  const closes = parseClock(closesAt);
  if (opens === undefined || opens >= DAY_MIN) return { ok: false, field: 'opensAt' };
  if (closes === undefined || closes <= opens) return { ok: false, field: 'closesAt' };
  return { ok: true, opens, closes };
}
