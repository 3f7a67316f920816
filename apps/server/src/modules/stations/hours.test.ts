import { describe, expect, it } from 'vitest';
import { haversineMetres, insideBounds, parseNear } from './geo.js';
import { checkHours, formatClock, isOpenAt, localMinuteOfDay, parseClock } from './hours.js';

describe('haversine distance', () => {
  it('is zero to itself, symmetric, and matches known distances', () => {
    const oldTown = { lng: 100.2347, lat: 26.8724 };
    expect(haversineMetres(oldTown, oldTown)).toBe(0);
    const shuhe = { lng: 100.2045, lat: 26.9196 };
    expect(haversineMetres(oldTown, shuhe)).toBeCloseTo(haversineMetres(shuhe, oldTown), 6);
    // One degree of latitude is about 111.2 km anywhere; one of longitude shrinks with cos(latitude).
    expect(haversineMetres({ lng: 100, lat: 26 }, { lng: 100, lat: 27 })).toBeCloseTo(111_195, -2);
    expect(haversineMetres({ lng: 100, lat: 60 }, { lng: 101, lat: 60 })).toBeCloseTo(55_597, -2);
    // Old town → Shuhe: about 6 km as the crow flies.
    const d = haversineMetres(oldTown, shuhe);
    expect(d).toBeGreaterThan(5_800);
    expect(d).toBeLessThan(6_200);
  });
  it('keeps the triangle inequality', () => {
    const a = { lng: 100.23, lat: 26.87 };
    const b = { lng: 100.75, lat: 26.68 };
    const c = { lng: 101.27, lat: 26.63 };
    expect(haversineMetres(a, c)).toBeLessThanOrEqual(haversineMetres(a, b) + haversineMetres(b, c));
  });
  it('parses near and bounds positions to the prefecture', () => {
    expect(parseNear('100.23,26.87')).toEqual({ lng: 100.23, lat: 26.87 });
    expect(parseNear('200,26')).toBeUndefined();
    expect(insideBounds({ lng: 100.23, lat: 26.87 })).toBe(true);
    // swapped coordinates, a dropped digit
    expect(insideBounds({ lng: 26.87, lat: 100.23 })).toBe(false);
    expect(insideBounds({ lng: 10.23, lat: 26.87 })).toBe(false);
  });
});

describe('open now (Asia/Shanghai, UTC+8)', () => {
  const at = (iso: string) => new Date(iso);
  it('reads the local minute across the UTC and local day boundaries', () => {
    // 15:59 UTC is 23:59 local; 16:00 UTC is 00:00 local on the next day.
    expect(localMinuteOfDay(at('2026-11-23T15:59:00Z'))).toBe(23 * 60 + 59);
    expect(localMinuteOfDay(at('2026-11-23T16:00:00Z'))).toBe(0);
    // 23:30 UTC the day before is 07:30 local
    expect(localMinuteOfDay(at('2026-11-22T23:30:00Z'))).toBe(7 * 60 + 30);
  });
  it('opens at the opening minute and closes at the closing minute', () => {
    const opens = 8 * 60;
    const closes = 22 * 60;
    expect(isOpenAt(opens, closes, at('2026-11-23T23:59:00Z'))).toBe(false); // 07:59 local
    expect(isOpenAt(opens, closes, at('2026-11-24T00:00:00Z'))).toBe(true); // 08:00 local
    expect(isOpenAt(opens, closes, at('2026-11-24T13:59:00Z'))).toBe(true); // 21:59 local
    expect(isOpenAt(opens, closes, at('2026-11-24T14:00:00Z'))).toBe(false); // 22:00 local
  });
  it('keeps an all-day station open through local midnight', () => {
    expect(isOpenAt(0, 1440, at('2026-11-23T15:59:59Z'))).toBe(true);
    expect(isOpenAt(0, 1440, at('2026-11-23T16:00:00Z'))).toBe(true);
    expect(isOpenAt(0, 1440, at('2026-11-23T16:00:30Z'))).toBe(true);
  });
  it('is closed after local midnight for a station closing at 24:00 but opening late', () => {
    expect(isOpenAt(18 * 60, 1440, at('2026-11-23T15:30:00Z'))).toBe(true); // 23:30
    expect(isOpenAt(18 * 60, 1440, at('2026-11-23T16:30:00Z'))).toBe(false); // 00:30 next day
  });
});

describe('hours validation', () => {
  it('accepts a day and the whole day', () => {
    expect(checkHours('08:00', '22:00')).toEqual({ ok: true, opens: 480, closes: 1320 });
    expect(checkHours('00:00', '24:00')).toEqual({ ok: true, opens: 0, closes: 1440 });
  });
  it('refuses reversed, empty, overnight and malformed hours, naming the field', () => {
    expect(checkHours('22:00', '08:00')).toEqual({ ok: false, field: 'closesAt' });
    expect(checkHours('09:00', '09:00')).toEqual({ ok: false, field: 'closesAt' });
    expect(checkHours('24:00', '24:00')).toEqual({ ok: false, field: 'opensAt' });
    expect(checkHours('8:00', '22:00')).toEqual({ ok: false, field: 'opensAt' });
    expect(checkHours('08:00', '24:30')).toEqual({ ok: false, field: 'closesAt' });
    expect(checkHours('08:60', '22:00')).toEqual({ ok: false, field: 'opensAt' });
  });
  it('formats and parses clock times both ways', () => {
    for (const m of [0, 59, 480, 1439, 1440]) expect(parseClock(formatClock(m))).toBe(m);
  });
});
