import { createRequire } from 'node:module';
import type { TDb } from '../../db/client.js';
import { clearSlaCache } from './clocks.js';
import * as store from './work-orders.store.js';

const require = createRequire(import.meta.url);

/** "National Day,国庆节,3": the English name, the Chinese one, and the holiday's number in the package. */
type TPackageDays = Record<string, string>;

/**
 * The State Council's holiday calendar (法定节假日 with its 调休 make-up working days) as holiday rows, from the
 * maintained chinese-days package (it covers 2004 to the latest year announced). Every day of a holiday week is a
 * 'holiday' (the weekend days in it too); a make-up Saturday or Sunday is a 'workday'.
 */
export function officialHolidays() {
  const data = require('chinese-days/dist/chinese-days.json') as { holidays: TPackageDays; workdays: TPackageDays };
  const rows = (days: TPackageDays, kind: 'holiday' | 'workday') =>
    Object.entries(days).map(([date, label]) => {
      const [nameEn = '', name = ''] = label.split(',');
      return { date, kind, name, nameEn, source: 'official' };
    });
  return [...rows(data.holidays, 'holiday'), ...rows(data.workdays, 'workday')].sort((a, b) =>
    a.date < b.date ? -1 : a.date > b.date ? 1 : 0,
  );
}

/** The years the official calendar covers, first and last. */
export function officialYears(): [number, number] {
  const days = officialHolidays();
  return [Number(days[0].date.slice(0, 4)), Number(days[days.length - 1].date.slice(0, 4))];
}

/**
 * Loads the official calendar into the holiday table at start-up (idempotent; several instances may run it at
 * once): official days are added or updated, an admin's entry on a date wins and stays.
 */
export async function loadOfficialHolidays(db: TDb) {
  const rows = officialHolidays();
  await db.transaction((tx) => store.loadOfficialHolidays(tx, rows));
  clearSlaCache();
  return rows.length;
}
