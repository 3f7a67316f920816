import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDuration,
  addWorkingMs,
  isWorkingDay,
  pauseClock,
  resumeClock,
  type TCalendar,
  workingMsBetween,
} from './sla.js';

const NONE: TCalendar = { holidays: new Set(), workdays: new Set() };
const HOL: TCalendar = { holidays: new Set(['2026-11-30', '2026-12-07']), workdays: new Set(['2026-12-05']) };
const local = (s: string) => new Date(`${s}+08:00`);
const DAY = 86_400_000;
const from = local('2026-11-23T00:00:00').getTime();

describe('working time of a paused clock', () => {
  it('Friday 10:00 with the deadline on Monday 10:00 has 24 working hours left', () => {
    expect(workingMsBetween(local('2026-11-27T10:00:00'), local('2026-11-30T10:00:00'), NONE)).toBe(DAY);
    expect(addWorkingMs(local('2026-11-30T10:00:00'), DAY, NONE)).toEqual(local('2026-12-01T10:00:00'));
    // resumed on a Saturday: counts from Monday 09:00, as addDuration does
    expect(addWorkingMs(local('2026-11-28T15:00:00'), 2 * 3_600_000, NONE)).toEqual(local('2026-11-30T11:00:00'));
  });

  it('N working days are N × 24 working hours, with holidays and make-up days', () => {
    // the case fast-check found: time that ends at Friday's midnight is Monday 00:00, as addDuration says
    const wed = local('2026-12-23T00:00:00');
    expect(addWorkingMs(wed, 3 * DAY, HOL)).toEqual(addDuration(wed, { amount: 3, unit: 'working_days' }, HOL));
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 30 * DAY }), fc.integer({ min: 0, max: 12 }), (off, n) => {
        const start = new Date(from + off);
        if (!isWorkingDay(start.getTime(), HOL)) return;
        expect(addWorkingMs(start, n * DAY, HOL)).toEqual(addDuration(start, { amount: n, unit: 'working_days' }, HOL));
      }),
    );
  });

  it('pause then resume at once gives the deadline back; a pause of any length keeps the working remainder', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 20 * DAY }),
        fc.integer({ min: 1, max: 10 * DAY }),
        fc.integer({ min: 0, max: 10 * DAY }),
        (off, left, pause) => {
          const pausedAt = new Date(from + off);
          if (!isWorkingDay(pausedAt.getTime(), HOL)) return;
          const due = addWorkingMs(pausedAt, left, HOL);
          const { remainingMs } = pauseClock({ due }, pausedAt, 'working_days', HOL);
          expect(remainingMs).toBe(left);
          expect(resumeClock(remainingMs, pausedAt, 'working_days', HOL)).toEqual(due);
          const resumedAt = new Date(pausedAt.getTime() + pause);
          const again = resumeClock(remainingMs, resumedAt, 'working_days', HOL);
          if (isWorkingDay(resumedAt.getTime(), HOL)) expect(workingMsBetween(resumedAt, again, HOL)).toBe(left);
        },
      ),
    );
  });
});
