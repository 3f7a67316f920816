import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bookingRefusal, type TBookingFacts } from './booking-rules.js';

const NOW = new Date('2026-12-07T02:00:00Z'); // 10:00 on 7 December in the prefecture
const TODAY = '2026-12-07';
const spot = {
  reservable: true,
  maxPartySize: 5,
  instantCapacity: 1000,
  warningPct: 80,
  stopSalesPct: 90,
  stopEntryPct: 100,
};
const ok: TBookingFacts = {
  slot: { day: TODAY, endsAt: new Date(NOW.getTime() + 3_600_000), left: 10 },
  spot,
  occupancy: 100,
  closed: false,
  partySize: 2,
  now: NOW,
};
const code = (f: Partial<TBookingFacts>) => bookingRefusal({ ...ok, ...f })?.code ?? null;

describe('booking refusal rules', () => {
  it('each rule with its answer', () => {
    expect(code({})).toBeNull();
    expect(bookingRefusal({ ...ok, slot: null })).toEqual({ code: 'not_found', status: 404, field: 'slotId' });
    expect(bookingRefusal({ ...ok, slot: { ...ok.slot!, left: 1 } })).toEqual({
      code: 'slot_sold_out',
      status: 409,
      field: 'slotId',
    });
    expect(code({ spot: null })).toBe('spot_not_reservable');
    expect(code({ spot: { ...spot, reservable: false } })).toBe('spot_not_reservable');
    expect(bookingRefusal({ ...ok, partySize: 6, slot: { ...ok.slot!, left: 6 } })).toEqual({
      code: 'party_too_large',
      status: 422,
      field: 'visitors',
    });
    expect(code({ slot: { ...ok.slot!, endsAt: NOW } })).toBe('slot_ended');
    expect(code({ closed: true })).toBe('day_closed');
    expect(code({ occupancy: 900 })).toBe('sales_paused');
    expect(code({ occupancy: 899 })).toBeNull();
    // Stop-sales holds for today's slots only.
    expect(code({ occupancy: 900, slot: { ...ok.slot!, day: '2026-12-08' } })).toBeNull();
  });

  const facts = fc.record({
    slot: fc.option(
      fc.record({
        day: fc.constantFrom(TODAY, '2026-12-08'),
        endsAt: fc.integer({ min: -3, max: 3 }).map((h) => new Date(NOW.getTime() + h * 3_600_000)),
        left: fc.integer({ min: 0, max: 8 }),
      }),
      { nil: null },
    ),
    spot: fc.option(
      fc.record({
        reservable: fc.boolean(),
        maxPartySize: fc.integer({ min: 1, max: 6 }),
        instantCapacity: fc.integer({ min: 1, max: 2000 }),
        warningPct: fc.constant(80),
        stopSalesPct: fc.integer({ min: 50, max: 100 }),
        stopEntryPct: fc.constant(100),
      }),
      { nil: null },
    ),
    occupancy: fc.option(fc.integer({ min: 0, max: 2500 }), { nil: null }),
    closed: fc.boolean(),
    partySize: fc.integer({ min: 1, max: 8 }),
    now: fc.constant(NOW),
  });

  it('a slot without enough places answers "sold out" whatever else is wrong (the rush’s first answer)', () => {
    fc.assert(
      fc.property(facts, (f) => {
        if (f.slot && f.slot.left < f.partySize) expect(bookingRefusal(f)?.code).toBe('slot_sold_out');
      }),
    );
  });

  it('more places or a smaller party never turn an accepted booking into a refusal', () => {
    fc.assert(
      fc.property(facts, fc.integer({ min: 0, max: 5 }), (f, more) => {
        if (bookingRefusal(f) !== null || !f.slot) return;
        expect(bookingRefusal({ ...f, slot: { ...f.slot, left: f.slot.left + more } })).toBeNull();
        expect(bookingRefusal({ ...f, partySize: Math.max(1, f.partySize - more) })).toBeNull();
      }),
    );
  });

  it('an accepted booking satisfies every rule', () => {
    fc.assert(
      fc.property(facts, (f) => {
        if (bookingRefusal(f) !== null) return;
        expect(f.slot && f.spot?.reservable && !f.closed).toBeTruthy();
        expect(f.slot!.left).toBeGreaterThanOrEqual(f.partySize);
        expect(f.partySize).toBeLessThanOrEqual(f.spot!.maxPartySize);
        expect(f.slot!.endsAt.getTime()).toBeGreaterThan(NOW.getTime());
      }),
    );
  });
});
