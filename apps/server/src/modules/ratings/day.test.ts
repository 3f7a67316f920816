import { describe, expect, it } from 'vitest';
import { shanghaiDay } from './day.js';

describe('shanghaiDay', () => {
  it('turns at midnight in Asia/Shanghai (16:00 UTC), not at UTC midnight', () => {
    expect(shanghaiDay(new Date('2026-11-23T15:59:59.999Z'))).toBe('2026-11-23');
    expect(shanghaiDay(new Date('2026-11-23T16:00:00.000Z'))).toBe('2026-11-24');
    // 07:59 UTC on the 24th is still the 24th in Shanghai; 00:30 local on the 24th is 16:30 UTC on the 23rd
    expect(shanghaiDay(new Date('2026-11-24T07:59:00Z'))).toBe('2026-11-24');
    expect(shanghaiDay(new Date('2026-11-23T16:30:00Z'))).toBe('2026-11-24');
  });

  it('crosses month and year ends', () => {
    expect(shanghaiDay(new Date('2026-12-31T16:00:00Z'))).toBe('2027-01-01');
    expect(shanghaiDay(new Date('2026-12-31T15:59:00Z'))).toBe('2026-12-31');
    expect(shanghaiDay(new Date('2028-02-28T16:00:00Z'))).toBe('2028-02-29');
  });

  it('agrees with Intl for every hour of a year', () => {
    const fmt = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', dateStyle: 'short' });
    for (let t = Date.UTC(2026, 0, 1); t < Date.UTC(2027, 0, 1); t += 3_600_000 + 7_000) {
      expect(shanghaiDay(new Date(t))).toBe(fmt.format(new Date(t)));
    }
  });
});
