import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  checkInWindow,
  DEFAULT_THRESHOLDS,
  dailyCapacityFor,
  entryLimit,
  localDay,
  localInstant,
  occupancyLevel,
  planSlots,
  salesPaused,
} from './capacity.js';
import { createIdentityProtector } from './visitor-identity.js';

describe('capacity rules (景区最大承载量)', () => {
  it('daily = instant × the whole number of turnovers in the opening hours (LB/T 034-2014)', () => {
    // 3,000 at once, open 10 h, stay 3 h → 3 whole turnovers (not 3⅓) → 9,000.
    expect(dailyCapacityFor(3000, 600, 180)).toBe(9000);
    expect(dailyCapacityFor(1000, 480, 180)).toBe(2000); // 8 h and 3 h: 2, not 2.67
    expect(dailyCapacityFor(1000, 480, 90)).toBe(5000);
    expect(dailyCapacityFor(100, 60, 120)).toBe(0); // a stay longer than the day: no whole turnover
    expect(dailyCapacityFor(0, 600, 180)).toBe(0);
    expect(dailyCapacityFor(100, 600, 0)).toBe(0);
  });

  it('property: daily capacity is a whole multiple of the instant capacity, never above the exact rule', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 100_000 }),
        fc.integer({ min: 1, max: 1440 }),
        fc.integer({ min: 1, max: 1440 }),
        (instant, open, stay) => {
          const d = dailyCapacityFor(instant, open, stay);
          expect(d % instant).toBe(0);
          expect(d).toBeLessThanOrEqual((instant * open) / stay);
          expect((instant * open) / stay - d).toBeLessThan(instant);
        },
      ),
    );
  });

  it('levels follow the default thresholds: <80% comfortable, ≥80% crowded with sales stopped, ≥100% paused', () => {
    const t = DEFAULT_THRESHOLDS;
    expect(occupancyLevel(0, 1000, t)).toBe('comfortable');
    expect(occupancyLevel(799, 1000, t)).toBe('comfortable');
    expect(occupancyLevel(800, 1000, t)).toBe('crowded');
    expect(occupancyLevel(999, 1000, t)).toBe('crowded');
    expect(occupancyLevel(1000, 1000, t)).toBe('paused');
    // Exactly at a threshold with a capacity that does not divide evenly: integers, no rounding.
    expect(occupancyLevel(4, 5, t)).toBe('crowded');
    expect(occupancyLevel(3, 7, { warningPct: 43, stopSalesPct: 50, stopEntryPct: 60 })).toBe('comfortable');
    // A spot that chose separate levels (a local rule): busy from 80%, sales stopped from 90%.
    const three = { warningPct: 80, stopSalesPct: 90, stopEntryPct: 100 };
    expect(occupancyLevel(899, 1000, three)).toBe('busy');
    expect(occupancyLevel(900, 1000, three)).toBe('crowded');
    expect(salesPaused(799, 1000, t)).toBe(false);
    expect(salesPaused(800, 1000, t)).toBe(true);
    expect(entryLimit(1000, t)).toBe(1000);
    expect(entryLimit(999, { ...t, stopEntryPct: 95 })).toBe(949);
  });

  it('property: the level never falls as occupancy rises, and configured thresholds are honoured', () => {
    const order = ['comfortable', 'busy', 'crowded', 'paused'];
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10_000 }),
        fc.integer({ min: 1, max: 100 }),
        fc.integer({ min: 0, max: 50 }),
        fc.integer({ min: 0, max: 50 }),
        fc.integer({ min: 0, max: 20_000 }),
        (cap, w, a, b, occ) => {
          const t = { warningPct: w, stopSalesPct: w + a, stopEntryPct: w + a + b };
          const lvl = order.indexOf(occupancyLevel(occ, cap, t));
          expect(order.indexOf(occupancyLevel(occ + 1, cap, t))).toBeGreaterThanOrEqual(lvl);
          expect(lvl === 3).toBe(occ * 100 >= cap * t.stopEntryPct);
          expect(occ <= entryLimit(cap, t)).toBe(occ * 100 <= cap * t.stopEntryPct);
        },
      ),
    );
  });

  it('default slots cover opening hours and share exactly the daily capacity', () => {
    const plan = planSlots(8 * 60, 17 * 60 + 30, 60, 1000);
    expect(plan).toHaveLength(10);
    expect(plan[0]).toEqual({ startMinute: 480, endMinute: 540, quota: 100 });
    expect(plan.at(-1)).toEqual({ startMinute: 1020, endMinute: 1050, quota: 100 });
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1200 }),
        fc.integer({ min: 1, max: 240 }),
        fc.integer({ min: 15, max: 240 }),
        fc.integer({ min: 0, max: 100_000 }),
        (open, len, slot, daily) => {
          const p = planSlots(open, open + len, slot, daily);
          expect(p.reduce((s, x) => s + x.quota, 0)).toBe(daily);
          expect(p[0].startMinute).toBe(open);
          expect(p.at(-1)!.endMinute).toBe(open + len);
          expect(Math.max(...p.map((x) => x.quota)) - Math.min(...p.map((x) => x.quota))).toBeLessThanOrEqual(1);
        },
      ),
    );
  });

  it('days and times are the prefecture’s (UTC+8)', () => {
    expect(localInstant('2026-11-24', 8 * 60).toISOString()).toBe('2026-11-24T00:00:00.000Z');
    expect(localDay(new Date('2026-11-23T16:30:00Z'))).toBe('2026-11-24');
    expect(localDay(new Date('2026-11-23T15:59:59Z'))).toBe('2026-11-23');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    const w = checkInWindow(new Date('2026-11-24T01:00:00Z'), new Date('2026-11-24T02:00:00Z'), 30);
    expect(w.opensAt.toISOString()).toBe('2026-11-24T00:30:00.000Z');
    expect(w.closesAt.toISOString()).toBe('2026-11-24T02:30:00.000Z');
  });
});

describe('visitor ID numbers', () => {
  it('are encrypted (different ciphertext each time), hashed with a key, and masked as 5307**********1234', () => {
    const p = createIdentityProtector(Buffer.alloc(32, 7));
    const a = p.protect('530702199001011234');
    const b = p.protect('530702199001011234');
    expect(a.masked).toBe('5307**********1234');
    expect(a.cipher).not.toContain('530702199001011234');
    expect(a.cipher).not.toBe(b.cipher);
    expect(a.hash).toBe(b.hash);
    expect(p.reveal(a.cipher)).toBe('530702199001011234');
    expect(createIdentityProtector(Buffer.alloc(32, 8)).protect('530702199001011234').hash).not.toBe(a.hash);
  });
});
