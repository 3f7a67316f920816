import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, loginStaff, loginTourist, type TSession, type TTestApp } from '../../test/build-test-app.js';
import { buildUser, TEST_PASSWORD } from '../../test/factories.js';
import { loadOfficialHolidays, officialYears } from './official-holidays.js';

let t: TTestApp;
let admin: TSession;
let tourist: TSession;
const local = (s: string) => new Date(`${s}+08:00`);

beforeAll(async () => {
  t = await buildTestApp();
  admin = await loginStaff(t.app, (await buildUser(t.database.db, { role: 'system_admin' })).username!, TEST_PASSWORD);
  tourist = await loginTourist(t.app, '13700000071');
  expect(await loadOfficialHolidays(t.database.db)).toBeGreaterThan(500);
});
afterAll(() => t.close());

/** A report (举报: 5 working days to resolve) filed at `at`; its resolution deadline. */
async function reportDueAt(at: Date) {
  t.clock.set(at);
  const res = await tourist.inject({
    method: 'POST',
    url: '/api/work-orders',
    payload: { kind: 'report', text: '举报古城某客栈无证经营，价格不明码标价，请核查。' },
  });
  expect(res.statusCode).toBe(201);
  return new Date(res.json().resolutionDueAt);
}

const putAdminDays = (items: object[]) =>
  admin.inject({ method: 'PUT', url: '/api/admin/holidays', payload: { items } });

describe('the official holiday calendar behind working-day deadlines', () => {
  it('ships the State Council calendar with its make-up working days, 2026 included', async () => {
    const [from, to] = officialYears();
    expect(from).toBeLessThanOrEqual(2020);
    expect(to).toBeGreaterThanOrEqual(2026);
    const res = await admin.inject({ method: 'GET', url: '/api/admin/holidays' });
    const days = new Map(res.json().items.map((h: { date: string }) => [h.date, h]));
    expect(days.get('2026-10-01')).toMatchObject({
      kind: 'holiday',
      name: '国庆节',
      nameEn: 'National Day',
      source: 'official',
    });
    expect(days.get('2026-10-10')).toMatchObject({ kind: 'workday', source: 'official' });
    expect(res.json().officialYears).toEqual({ from, to });
  });

  it('a 5-working-day deadline skips the National Day week and counts its make-up Saturday', async () => {
    // Wednesday 30 September 2026, 10:00: 1–7 October are off, Saturday 10 October is worked (调休).
    // Working days: Thu 8, Fri 9, Sat 10, Mon 12, Tue 13 → due Tuesday 13 October 10:00.
    // Without the calendar it would be Wednesday 7 October, in the middle of the holiday.
    expect(await reportDueAt(local('2026-09-30T10:00:00'))).toEqual(local('2026-10-13T10:00:00'));
  });

  it("an admin's own entry wins, survives reloading the package, and the official day returns when it goes", async () => {
    // the prefecture gives Monday 12 October off as well
    expect((await putAdminDays([{ date: '2026-10-12', kind: 'holiday', name: '州庆' }])).statusCode).toBe(200);
    // and overrides an official day: the make-up Saturday is not worked here
    expect(
      (
        await putAdminDays([
          { date: '2026-10-12', kind: 'holiday', name: '州庆' },
          { date: '2026-10-10', kind: 'holiday', name: '本州不调休' },
        ])
      ).statusCode,
    ).toBe(200);
    await loadOfficialHolidays(t.database.db);
    const days = new Map(
      (await admin.inject({ method: 'GET', url: '/api/admin/holidays' }))
        .json()
        .items.map((h: { date: string }) => [h.date, h]),
    );
    expect(days.get('2026-10-10')).toMatchObject({ kind: 'holiday', source: 'admin', name: '本州不调休' });
    expect(days.get('2026-10-12')).toMatchObject({ kind: 'holiday', source: 'admin' });
    // Thu 8, Fri 9, Tue 13, Wed 14, Thu 15
    expect(await reportDueAt(local('2026-09-30T10:00:00'))).toEqual(local('2026-10-15T10:00:00'));
    // the admin removes both: the official make-up Saturday comes back
    expect((await putAdminDays([])).statusCode).toBe(200);
    const after = (await admin.inject({ method: 'GET', url: '/api/admin/holidays' })).json().items;
    expect(after.find((h: { date: string }) => h.date === '2026-10-10')).toMatchObject({
      kind: 'workday',
      source: 'official',
    });
    expect(after.find((h: { date: string }) => h.date === '2026-10-12')).toBeUndefined();
    expect(await reportDueAt(local('2026-09-30T10:00:00'))).toEqual(local('2026-10-13T10:00:00'));
  });
});
