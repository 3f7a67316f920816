import { describe, expect, it } from 'vitest';
import { randomBytesPooled } from './random.js';

describe('randomBytesPooled', () => {
  it('never hands out the same bytes twice, across pool refills, and earlier views do not change', () => {
    const seen = new Set<string>();
    const kept: [Buffer, string][] = [];
    for (let i = 0; i < 2000; i++) {
      const b = randomBytesPooled(12);
      expect(b.length).toBe(12);
      const hex = b.toString('hex');
      expect(seen.has(hex)).toBe(false);
      seen.add(hex);
      if (i % 100 === 0) kept.push([b, hex]);
    }
    for (const [b, hex] of kept) expect(b.toString('hex')).toBe(hex);
  });

  it('large requests come straight from the generator', () => {
    expect(randomBytesPooled(5000).length).toBe(5000);
  });

  it('bytes look uniform (each value of a byte within a wide band over 256k draws)', () => {
    const counts = new Array(256).fill(0);
    for (let i = 0; i < 16384; i++) for (const x of randomBytesPooled(16)) counts[x]++;
    for (const c of counts) expect(c).toBeGreaterThan(800); // expectation 1024
  });
});
