/** The prefecture's zone is Asia/Shanghai: UTC+8 all year (no daylight saving since 1991). */
const OFFSET_MS = 8 * 3_600_000;

/** The calendar day (YYYY-MM-DD) in Asia/Shanghai that an instant falls on: "one rating per place per day". */
export const shanghaiDay = (at: Date) => new Date(at.getTime() + OFFSET_MS).toISOString().slice(0, 10);
