import type { TDb } from '../../db/client.js';
import type { TActor } from '../../platform/actor.js';
import type { TClock } from '../../platform/clock.js';
import { AppError, forbidden } from '../../platform/errors.js';
import { toXlsx } from '../../platform/excel.js';
import { addDays, daysBetween, localDay, localInstant } from './capacity.js';
import * as reports from './reports.store.js';
import { canSpot, readsEverySpot, reportSpotOf } from './reservations.policy.js';

export type TDailyReportQuery = { from: string; to: string; spotId?: string };
export type TDailyReportRow = {
  day: string;
  spotId: string;
  spotName: string;
  spotNameEn: string | null;
  instantCapacity: number;
  /** visitors on bookings not cancelled or voided */
  booked: number;
  /** visitors on bookings checked in at the gate */
  checkedIn: number;
  /** people counted in: gate check-ins and turnstile entries */
  entered: number;
  /** booked visitors never checked in; null until the day is over */
  noShow: number | null;
  /** highest occupancy after any pass of the day */
  peakOccupancy: number;
};

/** At most a quarter of days per report: the screen shows every row, and so does the export. */
export const MAX_REPORT_DAYS = 92;

/**
 * Who sees which spots: the command center (dispatcher, leader) and the system admin every spot; a scenic
 * spot's own account only its own — asking for another spot is refused, not answered empty.
 */
function scopeSpot(actor: TActor, spotId: string | undefined): string | null {
  if (readsEverySpot(actor)) return spotId ?? null;
  const spot = spotId ?? reportSpotOf(actor);
  if (!spot || !canSpot(actor, 'report', spot)) throw forbidden();
  return spot;
}

/** 客流日报: booked, entered, no-show and peak occupancy per spot per day, and its Excel export. */
export function createReportService({ db, clock }: { db: TDb; clock: TClock }) {
  async function daily(actor: TActor, q: TDailyReportQuery) {
    const spotId = scopeSpot(actor, q.spotId);
    if (q.to < q.from) throw new AppError('validation_failed', 400, 'to');
    const days = daysBetween(q.from, q.to);
    if (days.length > MAX_REPORT_DAYS) throw new AppError('validation_failed', 400, 'to');
    const today = localDay(clock.now());
    const spots = await reports.listReportSpots(db, spotId);
    const ids = spots.map((s) => s.spotId);
    const booked = await reports.bookedByDay(db, ids, q.from, q.to);
    const passes = await reports.passesByDay(db, ids, localInstant(q.from, 0), localInstant(addDays(q.to, 1), 0));
    const bookedOf = new Map(booked.map((b) => [`${b.spotId}|${b.day}`, b]));
    const passesOf = new Map(passes.map((p) => [`${p.spotId}|${p.day}`, p]));
    const items: TDailyReportRow[] = [];
    for (const day of days)
      for (const s of spots) {
        const b = bookedOf.get(`${s.spotId}|${day}`);
        const p = passesOf.get(`${s.spotId}|${day}`);
        items.push({
          day,
          spotId: s.spotId,
          spotName: s.name,
          spotNameEn: s.nameEn,
          instantCapacity: s.instantCapacity,
          booked: b?.booked ?? 0,
          checkedIn: b?.checkedIn ?? 0,
          entered: p?.entered ?? 0,
          noShow: day < today ? (b?.notCheckedIn ?? 0) : null,
          peakOccupancy: p?.peak ?? 0,
        });
      }
    return { from: q.from, to: q.to, spotId, items };
  }

  /** The same rows as the screen, with the same filter, as a workbook with Chinese-first headers. */
  async function exportDaily(actor: TActor, q: TDailyReportQuery) {
    const r = await daily(actor, q);
    return toXlsx(
      '客流日报 Daily report',
      [
        { header: '日期 Day', key: 'day', width: 12 },
        { header: '景区 Spot', key: 'spotName', width: 24 },
        { header: '景区编号 Spot ID', key: 'spotId', width: 38 },
        { header: '预约人数 Booked', key: 'booked', width: 16 },
        { header: '核验入园 Checked in', key: 'checkedIn', width: 18 },
        { header: '入园人数 Entered', key: 'entered', width: 16 },
        { header: '未到人数 No-show', key: 'noShow', width: 16 },
        { header: '峰值在园 Peak occupancy', key: 'peakOccupancy', width: 22 },
        { header: '瞬时承载量 Instant capacity', key: 'instantCapacity', width: 24 },
      ],
      r.items,
      [
        ['开始 From', r.from],
        ['结束 To', r.to],
        ['景区 Spot', r.spotId ?? '全部 All'],
      ],
    );
  }

  return { daily, exportDaily };
}
export type TReportService = ReturnType<typeof createReportService>;
