import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDuration,
  DEFAULT_SLA_POLICIES,
  nextStage,
  pauseClock,
  resolvePolicy,
  resumeClock,
  stageTimes,
  type TCalendar,
} from './sla.js';

const NONE: TCalendar = { holidays: new Set(), workdays: new Set() };
// 2026-11-23 is a Monday; times are written in the prefecture's zone (UTC+8).
const local = (s: string) => new Date(`${s}+08:00`);

describe('SLA deadlines', () => {
  it('a complaint at 10:00 must be answered by 10:05 and resolved by 10:00 the next day', () => {
    const p = resolvePolicy(DEFAULT_SLA_POLICIES, 'complaint');
    const start = local('2026-11-23T10:00:00');
    expect(addDuration(start, p.response, NONE)).toEqual(local('2026-11-23T10:05:00'));
    expect(addDuration(start, p.resolution, NONE)).toEqual(local('2026-11-24T10:00:00'));
  });

  it('a category-specific policy wins over the kind', () => {
    const policies = [
      ...DEFAULT_SLA_POLICIES,
      {
        kind: 'complaint' as const,
        category: 'safety' as const,
        response: { amount: 2, unit: 'minutes' as const },
        resolution: { amount: 120, unit: 'minutes' as const },
        pauseOnMaterial: false,
      },
    ];
    expect(resolvePolicy(policies, 'complaint', 'safety').response.amount).toBe(2);
    expect(resolvePolicy(policies, 'complaint', 'catering').response.amount).toBe(5);
  });

  it('working days skip weekends and holidays and honour make-up days', () => {
    const d = { amount: 2, unit: 'working_days' as const };
    // Friday 15:00 + 2 working days → Tuesday 15:00
    expect(addDuration(local('2026-11-27T15:00:00'), d, NONE)).toEqual(local('2026-12-01T15:00:00'));
    // with Monday a holiday → Wednesday
    const hol: TCalendar = { holidays: new Set(['2026-11-30']), workdays: new Set() };
    expect(addDuration(local('2026-11-27T15:00:00'), d, hol)).toEqual(local('2026-12-02T15:00:00'));
    // with Saturday a make-up working day → Monday
    const mk: TCalendar = { holidays: new Set(), workdays: new Set(['2026-11-28']) };
    expect(addDuration(local('2026-11-27T15:00:00'), d, mk)).toEqual(local('2026-11-30T15:00:00'));
    // started on a Sunday: counts from Monday 09:00
    expect(addDuration(local('2026-11-29T20:00:00'), { amount: 1, unit: 'working_days' }, NONE)).toEqual(
      local('2026-12-01T09:00:00'),
    );
  });

  it('stages fall at exactly 50, 80, 100, 150 and 200 percent', () => {
    const start = local('2026-11-23T10:00:00');
    const due = local('2026-11-23T10:10:00');
    const s = stageTimes(start, due);
    expect(s.remind_50).toEqual(local('2026-11-23T10:05:00'));
    expect(s.remind_80).toEqual(local('2026-11-23T10:08:00'));
    expect(s.overdue).toEqual(due);
    expect(s.urge_2).toEqual(local('2026-11-23T10:15:00'));
    expect(s.report_leader).toEqual(local('2026-11-23T10:20:00'));
    expect(nextStage(start, due, 'report_leader')).toBeNull();
  });

  it('properties: due ≥ start; stages strictly increase; pausing for P moves the deadline by P', () => {
    const date = fc.date({ min: new Date('2025-01-01'), max: new Date('2028-01-01'), noInvalidDate: true });
    fc.assert(
      fc.property(
        date,
        fc.integer({ min: 1, max: 20_000 }),
        fc.constantFrom('minutes', 'working_days' as const),
        (start, amount, unit) => {
          const a = unit === 'working_days' ? Math.min(amount, 60) : amount;
          const due = addDuration(start, { amount: a, unit }, NONE);
          expect(due.getTime()).toBeGreaterThan(start.getTime());
          let prev = start.getTime();
          for (let s = nextStage(start, due, null); s; s = nextStage(start, due, s.stage)) {
            expect(s.at.getTime()).toBeGreaterThan(prev);
            prev = s.at.getTime();
          }
        },
      ),
    );
    fc.assert(
      fc.property(
        date,
        fc.integer({ min: 1, max: 10_000 }),
        fc.integer({ min: 0, max: 100_000 }),
        fc.integer({ min: 0, max: 10_000_000 }),
        (start, minutes, pausedAfter, pauseMs) => {
          const due = addDuration(start, { amount: minutes, unit: 'minutes' }, NONE);
          const pausedAt = new Date(Math.min(due.getTime(), start.getTime() + pausedAfter * 1000));
          const { remainingMs } = pauseClock({ due }, pausedAt);
          expect(resumeClock(remainingMs, pausedAt)).toEqual(due);
          expect(resumeClock(remainingMs, new Date(pausedAt.getTime() + pauseMs)).getTime() - due.getTime()).toBe(
            pauseMs,
          );
        },
      ),
    );
  });
});
