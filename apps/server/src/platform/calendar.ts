import { and, asc, eq, sql } from 'drizzle-orm';
import type { TExecutor } from '../db/client.js';
import { holidays } from './platform.tables.js';

/**
 * The prefecture's working-day calendar, one for every deadline: the SLA clocks of work orders and the deadline
 * engine both count working days here. Pure arithmetic plus the holiday table's reads; time is always passed
 * in. The zone is Asia/Shanghai (UTC+8, no daylight saving), so calendar days use a fixed +8 h offset.
 */
export type TCalendar = { holidays: Set<string>; workdays: Set<string> };
export type TDuration = { amount: number; unit: 'minutes' | 'working_days' };

export const EMPTY_CALENDAR: TCalendar = { holidays: new Set(), workdays: new Set() };

const OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;
/** Working days start at 09:00 local time when a count starts on a day off. */
const WORKDAY_START_MS = 9 * 3_600_000;

/** The prefecture's calendar day of an instant, YYYY-MM-DD. */
export const localDay = (ms: number) => new Date(ms + OFFSET_MS).toISOString().slice(0, 10);

/** A make-up working day (调休) wins over the weekend; a holiday (法定节假日) wins over a weekday. */
export function isWorkingDay(dateMs: number, cal: TCalendar): boolean {
  const day = localDay(dateMs);
  if (cal.workdays.has(day)) return true;
  if (cal.holidays.has(day)) return false;
  const dow = new Date(dateMs + OFFSET_MS).getUTCDay();
  return dow !== 0 && dow !== 6;
}

/**
 * start + duration. Minutes are wall-clock minutes. N working days end at the same local time of day N working
 * days later; a start on a day off counts from 09:00 of the next working day (so a Saturday complaint about
 * a suggestion is due N working days after Monday 09:00).
 */
export function addDuration(start: Date, d: TDuration, cal: TCalendar): Date {
  if (d.unit === 'minutes') return new Date(start.getTime() + d.amount * 60_000);
  let t = start.getTime();
  if (!isWorkingDay(t, cal)) {
    const midnightLocal = Math.floor((t + OFFSET_MS) / DAY_MS) * DAY_MS - OFFSET_MS;
    t = midnightLocal + DAY_MS + WORKDAY_START_MS;
    while (!isWorkingDay(t, cal)) t += DAY_MS;
  }
  let left = d.amount;
  while (left > 0) {
    t += DAY_MS;
    if (isWorkingDay(t, cal)) left--;
  }
  return new Date(t);
}

export type THolidayRow = typeof holidays.$inferSelect;

export const listHolidays = (db: TExecutor) => db.select().from(holidays).orderBy(asc(holidays.date));

/** The admin's calendar edit: the whole list replaced in the caller's transaction. */
type THolidayInsert = typeof holidays.$inferInsert;
/**
 * The admin's own entries replace the admin's earlier ones and win over the official calendar on their dates;
 * an official day an admin entry no longer covers comes back (`official` is the package's calendar).
 */
export async function replaceHolidays(tx: TExecutor, rows: THolidayInsert[], official: THolidayInsert[]) {
  await tx.delete(holidays).where(eq(holidays.source, 'admin'));
  for (let i = 0; i < official.length; i += 500)
    await tx
      .insert(holidays)
      .values(official.slice(i, i + 500))
      .onConflictDoNothing();
  if (rows.length)
    await tx
      .insert(holidays)
      .values(rows.map((r) => ({ ...r, source: 'admin' })))
      .onConflictDoUpdate({
        target: holidays.date,
        set: { kind: sql`excluded.kind`, name: sql`excluded.name`, nameEn: sql`excluded.name_en`, source: 'admin' },
      });
}

/**
 * Loads the official calendar: its days are added or brought up to date, official days it no longer lists are
 * removed, and an admin's entry on any date is left as it is (it wins).
 */
export async function loadOfficialHolidays(tx: TExecutor, official: THolidayInsert[]) {
  const dates = official.map((o) => o.date);
  await tx
    .delete(holidays)
    .where(and(eq(holidays.source, 'official'), sql`not (${holidays.date} = any(${sql.param(dates)}::text[]))`));
  for (let i = 0; i < official.length; i += 500)
    await tx
      .insert(holidays)
      .values(official.slice(i, i + 500))
      .onConflictDoUpdate({
        target: holidays.date,
        set: { kind: sql`excluded.kind`, name: sql`excluded.name`, nameEn: sql`excluded.name_en` },
        setWhere: sql`${holidays.source} = 'official'`,
      });
}

export function calendarOf(rows: readonly { date: string; kind: string }[]): TCalendar {
  return {
    holidays: new Set(rows.filter((h) => h.kind === 'holiday').map((h) => h.date)),
    workdays: new Set(rows.filter((h) => h.kind === 'workday').map((h) => h.date)),
  };
}

/** The calendar as the holiday table has it now. */
export async function loadCalendar(db: TExecutor): Promise<TCalendar> {
  return calendarOf(await listHolidays(db));
}
