import { isValidIdNumber } from './validators.js';

/**
 * The documents a visitor books with (issue 18 §1), each checked by its own format. A booking names the type;
 * the number is stored protected (ciphertext + keyed hash) and shown masked like a resident ID.
 */
export const VISITOR_DOCUMENT_TYPES = [
  'resident_id',
  'residence_permit',
  'hk_macao_permit',
  'taiwan_permit',
  'passport',
  'permanent_residence',
] as const;
export type TVisitorDocumentType = (typeof VISITOR_DOCUMENT_TYPES)[number];

export const VISITOR_DOCUMENT_LABELS: Record<TVisitorDocumentType, { zh: string; en: string }> = {
  resident_id: { zh: '居民身份证', en: 'Resident ID card' },
  residence_permit: { zh: '港澳台居民居住证', en: 'Residence permit for HK, Macao and Taiwan residents' },
  hk_macao_permit: {
    zh: '港澳居民来往内地通行证（回乡证）',
    en: 'Mainland travel permit for HK and Macao residents (Home Return Permit)',
  },
  taiwan_permit: { zh: '台湾居民来往大陆通行证（台胞证）', en: 'Mainland travel permit for Taiwan residents' },
  passport: { zh: '护照', en: 'Passport' },
  permanent_residence: { zh: '外国人永久居留身份证', en: "Foreigner's permanent residence ID card" },
};

/** ISO 3166-1 alpha-3 codes: a passport's nationality is one of these. */
export const ISO_ALPHA3 = new Set(
  (
    'ABW AFG AGO AIA ALA ALB AND ARE ARG ARM ASM ATA ATF ATG AUS AUT AZE BDI BEL BEN BES BFA BGD BGR BHR BHS BIH ' +
    'BLM BLR BLZ BMU BOL BRA BRB BRN BTN BVT BWA CAF CAN CCK CHE CHL CHN CIV CMR COD COG COK COL COM CPV CRI CUB ' +
    'CUW CXR CYM CYP CZE DEU DJI DMA DNK DOM DZA ECU EGY ERI ESH ESP EST ETH FIN FJI FLK FRA FRO FSM GAB GBR GEO ' +
    'GGY GHA GIB GIN GLP GMB GNB GNQ GRC GRD GRL GTM GUF GUM GUY HMD HND HRV HTI HUN IDN IMN IND IOT IRL IRN ' +
    'IRQ ISL ISR ITA JAM JEY JOR JPN KAZ KEN KGZ KHM KIR KNA KOR KWT LAO LBN LBR LBY LCA LIE LKA LSO LTU LUX LVA ' +
    'MAF MAR MCO MDA MDG MDV MEX MHL MKD MLI MLT MMR MNE MNG MNP MOZ MRT MSR MTQ MUS MWI MYS MYT NAM NCL NER NFK ' +
    'NGA NIC NIU NLD NOR NPL NRU NZL OMN PAK PAN PCN PER PHL PLW PNG POL PRI PRK PRT PRY PSE PYF QAT REU ROU RUS ' +
    'RWA SAU SDN SEN SGP SGS SHN SJM SLB SLE SLV SMR SOM SPM SRB SSD STP SUR SVK SVN SWE SWZ SXM SYC SYR TCA TCD ' +
    'TGO THA TJK TKL TKM TLS TON TTO TUN TUR TUV TZA UGA UKR UMI URY USA UZB VAT VCT VEN VGB VIR VNM VUT WLF WSM ' +
    'YEM ZAF ZMB ZWE'
  ).split(' '),
);

const isDate = (y: number, m: number, d: number) => {
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
};

/**
 * 港澳台居民居住证 (2018): the resident ID's 18 characters and GB 11643 checksum, with the "address" code 810000
 * (Hong Kong), 820000 (Macao) or 830000 (Taiwan).
 */
export const isValidResidencePermit = (n: string) => /^8[123]0000/.test(n) && isValidIdNumber(n);

/** 港澳居民来往内地通行证: H (Hong Kong) or M (Macao), then 8 digits (or 10 on the older cards). */
export const isValidHkMacaoPermit = (n: string) => /^[HM](\d{8}|\d{10})$/.test(n);

/** 台湾居民来往大陆通行证: 8 digits. */
export const isValidTaiwanPermit = (n: string) => /^\d{8}$/.test(n);

/** A passport number: 5–9 letters and digits (ICAO 9303's document-number field) with at least one digit. */
export const isValidPassportNumber = (n: string) => /^[A-Z0-9]{5,9}$/.test(n) && /\d/.test(n);

/**
 * 外国人永久居留身份证. The older card: 15 characters — the holder's nationality as ISO alpha-3, two digits of the
 * issuing office, the birth date as YYMMDD, a three-digit sequence and a check digit. The 2023 card: 18 characters
 * that begin with 9 and follow the resident ID's layout (birth date at 7–14) and its GB 11643 checksum, so systems
 * that read resident IDs read it too.
 */
export function isValidPermanentResidence(n: string): boolean {
  if (/^9\d{16}[\dX]$/.test(n)) return isValidIdNumber(n);
  const m = /^([A-Z]{3})\d{2}(\d{2})(\d{2})(\d{2})\d{4}$/.exec(n);
  if (!m || !ISO_ALPHA3.has(m[1])) return false;
  const [yy, mm, dd] = [Number(m[2]), Number(m[3]), Number(m[4])];
  // A two-digit year is a leap year or not the same way in 19yy and 20yy except for 1900/2000, both fine here.
  return isDate(2000 + yy, mm, dd);
}

/** The number as compared and stored: upper case, no spaces; the check per type. */
export const normaliseDocumentNumber = (n: string) => n.trim().replace(/\s+/g, '').toUpperCase();

export function isValidVisitorDocument(type: TVisitorDocumentType, number: string, nationality?: string | null) {
  switch (type) {
    case 'resident_id':
      return isValidIdNumber(number);
    case 'residence_permit':
      return isValidResidencePermit(number);
    case 'hk_macao_permit':
      return isValidHkMacaoPermit(number);
    case 'taiwan_permit':
      return isValidTaiwanPermit(number);
    case 'passport':
      return isValidPassportNumber(number) && !!nationality && ISO_ALPHA3.has(nationality);
    case 'permanent_residence':
      return isValidPermanentResidence(number);
  }
}

/**
 * Masked display. Long numbers keep 4 + 4 as a resident ID does (5307**********1234); short ones (a permit's
 * 9 characters) keep their first and last two (a 7-character one its first and last), so at least half of
 * every number is hidden.
 */
export function maskDocumentNumber(n: string): string {
  if (n.length >= 16) return `${n.slice(0, 4)}${'*'.repeat(n.length - 8)}${n.slice(-4)}`;
  if (n.length < 5) return '*'.repeat(n.length);
  if (n.length < 8) return `${n.slice(0, 1)}${'*'.repeat(n.length - 2)}${n.slice(-1)}`;
  return `${n.slice(0, 1)}${'*'.repeat(n.length - 3)}${n.slice(-2)}`;
}
