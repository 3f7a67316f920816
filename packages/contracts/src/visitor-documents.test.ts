import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ZSendCodeRequest } from './auth.js';
import { maskPhoneNumber, normalisePhone } from './phone.js';
import { ZVisitorInput } from './reservations.js';
import { idNumberCheckChar } from './validators.js';
import {
  isValidHkMacaoPermit,
  isValidPassportNumber,
  isValidPermanentResidence,
  isValidResidencePermit,
  isValidTaiwanPermit,
  isValidVisitorDocument,
  maskDocumentNumber,
} from './visitor-documents.js';

const withCheck = (first17: string) => first17 + idNumberCheckChar(first17);

describe('phone numbers from everywhere (E.164)', () => {
  it('keeps a mainland number as its 11 digits, with or without +86', () => {
    expect(normalisePhone('13800001234')).toBe('13800001234');
    expect(normalisePhone('+86 138 0000 1234')).toBe('13800001234');
    expect(normalisePhone('008613800001234')).toBe('13800001234');
  });
  it('accepts Hong Kong, Macao, Taiwan and other countries by their mobile formats', () => {
    expect(normalisePhone('+852 9123 4567')).toBe('+85291234567');
    expect(normalisePhone('+853 6612 3456')).toBe('+85366123456');
    expect(normalisePhone('+886 0912 345 678')).toBe('+886912345678');
    expect(normalisePhone('+44 7700 900123')).toBe('+447700900123');
    expect(normalisePhone('+1 (415) 555-2671')).toBe('+14155552671');
    expect(normalisePhone('+81 90 1234 5678')).toBe('+819012345678');
    // a country not listed: any E.164 length
    expect(normalisePhone('+255712345678')).toBe('+255712345678');
  });
  it('refuses numbers that break their country’s format', () => {
    for (const bad of [
      '+852 1234 5678',
      '+852 912345',
      '+853 2812 3456',
      '+886 2 2345 6789',
      '+1 123 555 2671',
      '12800000000',
      '91234567',
      '+0123456789',
      '+12',
      '++85291234567',
    ])
      expect(normalisePhone(bad), bad).toBeNull();
  });
  it('property: a valid Hong Kong mobile number normalises to itself in E.164, however it is spaced', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('5', '6', '9'),
        fc.stringMatching(/^\d{7}$/),
        fc.constantFrom(' ', '-', ''),
        (first, rest, sep) => {
          const national = first + rest;
          const typed = `+852${sep}${national.slice(0, 4)}${sep}${national.slice(4)}`;
          const n = normalisePhone(typed);
          expect(n).toBe(`+852${national}`);
          expect(normalisePhone(n!)).toBe(n);
        },
      ),
    );
  });
  it('masks with the country readable', () => {
    expect(maskPhoneNumber('13800001234')).toBe('138****1234');
    expect(maskPhoneNumber('+85291234567')).toBe('+852****4567');
  });
  it('a login code goes to a phone or an e-mail address, never both', () => {
    expect(ZSendCodeRequest.safeParse({ phone: '+85291234567' }).success).toBe(true);
    expect(ZSendCodeRequest.safeParse({ email: 'Visitor@Example.com' }).data?.email).toBe('visitor@example.com');
    expect(ZSendCodeRequest.safeParse({}).success).toBe(false);
    expect(ZSendCodeRequest.safeParse({ phone: '13800001234', email: 'a@b.cn' }).success).toBe(false);
    expect(ZSendCodeRequest.safeParse({ email: 'not-an-address' }).success).toBe(false);
  });
});

describe('visitor documents, each by its own format', () => {
  it('港澳台居民居住证: the resident ID checksum with 810000 / 820000 / 830000', () => {
    const hk = withCheck('81000019900101123');
    expect(isValidResidencePermit(hk)).toBe(true);
    expect(isValidResidencePermit(withCheck('83000019851231002'))).toBe(true);
    expect(isValidResidencePermit(withCheck('53070219900101123'))).toBe(false); // a mainland ID
    expect(isValidResidencePermit(hk.slice(0, 17) + (hk[17] === '0' ? '1' : '0'))).toBe(false);
  });
  it('回乡证: H or M and 8 (or 10) digits; 台胞证: 8 digits', () => {
    expect(isValidHkMacaoPermit('H12345678')).toBe(true);
    expect(isValidHkMacaoPermit('M1234567890')).toBe(true);
    expect(isValidHkMacaoPermit('H1234567')).toBe(false);
    expect(isValidHkMacaoPermit('K12345678')).toBe(false);
    expect(isValidTaiwanPermit('12345678')).toBe(true);
    expect(isValidTaiwanPermit('1234567')).toBe(false);
  });
  it('passport: a number and an ISO 3166 alpha-3 nationality', () => {
    expect(isValidPassportNumber('E12345678')).toBe(true);
    expect(isValidPassportNumber('ABCDEFG')).toBe(false);
    expect(isValidVisitorDocument('passport', '533456789', 'GBR')).toBe(true);
    expect(isValidVisitorDocument('passport', '533456789', 'XXX')).toBe(false);
    expect(isValidVisitorDocument('passport', '533456789', null)).toBe(false);
  });
  it('外国人永久居留身份证: the 2017 15-character card and the 2023 18-character one', () => {
    expect(isValidPermanentResidence('USA310805150011')).toBe(true);
    expect(isValidPermanentResidence('USA310813150011')).toBe(false); // month 13
    expect(isValidPermanentResidence('XYZ310805150011')).toBe(false); // not a country
    const y2023 = withCheck('93184019800515001');
    expect(isValidPermanentResidence(y2023)).toBe(true);
    expect(isValidPermanentResidence(y2023.slice(0, 17) + (y2023[17] === '0' ? '1' : '0'))).toBe(false);
  });
  it('property: a residence permit with any birth date and sequence passes; one changed digit fails', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('81', '82', '83'),
        fc.date({ min: new Date('1920-01-01'), max: new Date('2020-12-31'), noInvalidDate: true }),
        fc.integer({ min: 0, max: 999 }),
        fc.integer({ min: 6, max: 16 }),
        (region, birth, seq, pos) => {
          const ymd = birth.toISOString().slice(0, 10).replace(/-/g, '');
          const n = withCheck(`${region}0000${ymd}${String(seq).padStart(3, '0')}`);
          expect(isValidResidencePermit(n)).toBe(true);
          const changed = n.slice(0, pos) + String((Number(n[pos]) + 1) % 10) + n.slice(pos + 1);
          expect(isValidResidencePermit(changed)).toBe(false);
        },
      ),
    );
  });
  it('masks every document, hiding at least half of it', () => {
    expect(maskDocumentNumber('H12345678')).toBe('H******78');
    expect(maskDocumentNumber('12345678')).toBe('1*****78');
    expect(maskDocumentNumber('810000199001011234')).toBe('8100**********1234');
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Z0-9]{5,18}$/), (n) => {
        const hidden = [...maskDocumentNumber(n)].filter((c) => c === '*').length;
        expect(hidden * 2).toBeGreaterThanOrEqual(n.length);
      }),
    );
  });
  it('the booking form’s schema: a resident ID by default, numbers and nationalities in upper case', () => {
    const id = withCheck('53070219900101123');
    expect(ZVisitorInput.parse({ name: '张三', idNumber: id }).documentType).toBe('resident_id');
    const chan = ZVisitorInput.parse({ name: 'Chan', documentType: 'hk_macao_permit', idNumber: 'h1234 5678' });
    expect(chan.idNumber).toBe('H12345678');
    expect(isValidVisitorDocument(chan.documentType, chan.idNumber)).toBe(true);
    expect(isValidVisitorDocument('hk_macao_permit', id)).toBe(false);
    const smith = ZVisitorInput.parse({
      name: 'Smith',
      documentType: 'passport',
      idNumber: '533456789',
      nationality: 'gbr',
    });
    expect(smith.nationality).toBe('GBR');
    expect(ZVisitorInput.safeParse({ name: 'Smith', documentType: 'visa', idNumber: '533456789' }).success).toBe(false);
  });
});
