import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { maskIdNumber, maskName, maskPhone } from './mask.js';
import { idNumberCheckChar, isValidIdNumber, isValidPhone, isValidUscc, usccCheckChar } from './validators.js';

const USCC = '0123456789ABCDEFGHJKLMNPQRTUWXY';

describe('validators', () => {
  it('accepts known-good identifiers and refuses a changed check character', () => {
    expect(isValidUscc('91350100M000100Y43')).toBe(true);
    expect(isValidUscc('91350100M000100Y44')).toBe(false);
    expect(isValidIdNumber('11010519491231002X')).toBe(true);
    expect(isValidIdNumber('110105194912310021')).toBe(false);
    expect(isValidIdNumber('110105194902300024'.slice(0, 17) + idNumberCheckChar('11010519490230002'))).toBe(false); // 30 February
    expect(isValidPhone('13800000000')).toBe(true);
    expect(isValidPhone('12800000000')).toBe(false);
  });

  it('property: any 17-character body with its computed check character is valid; any other check character is not', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...USCC), { minLength: 15, maxLength: 15 }),
        fc.constantFrom(...USCC),
        (chars, other) => {
          const body = `91${chars
            .join('')
            .slice(0, 6)
            .replace(/[^0-9]/g, '1')
            .padEnd(6, '1')}${chars.join('').slice(6, 15)}`;
          const good = body + usccCheckChar(body);
          expect(isValidUscc(good)).toBe(good.length === 18 && /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}/.test(good));
          if (other !== usccCheckChar(body)) expect(isValidUscc(body + other)).toBe(false);
        },
      ),
    );
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1930-01-01'), max: new Date('2020-12-31'), noInvalidDate: true }),
        fc.integer({ min: 0, max: 999 }),
        (birth, seq) => {
          const body = `530702${birth.toISOString().slice(0, 10).replaceAll('-', '')}${String(seq).padStart(3, '0')}`;
          expect(isValidIdNumber(body + idNumberCheckChar(body))).toBe(true);
        },
      ),
    );
  });

  it('masks personal data as GB/T 35273 shows it', () => {
    expect(maskPhone('13812341234')).toBe('138****1234');
    expect(maskIdNumber('530702199001011234')).toBe('5307**********1234');
    expect(maskName('张三')).toBe('张*');
  });
});
