/**
 * Phone numbers of visitors from everywhere (issue 18 §1). A mainland mobile number is kept as its 11 digits —
 * the form every stored number already has — and any other number in E.164 (`+85291234567`). Each country
 * listed below is checked against the basic shape of its mobile numbers (the national numbering plans as the
 * ITU publishes them); a country code not listed is accepted when the whole number has E.164's 8–15 digits,
 * because refusing a visitor whose country we did not list would be worse than a wrong digit the SMS gateway
 * reports back.
 */

/** Country calling code → the national significant number of a mobile phone (trunk 0 removed). */
export const MOBILE_FORMATS: Record<string, { re: RegExp; zh: string; en: string }> = {
  '86': { re: /^1[3-9]\d{9}$/, zh: '中国内地', en: 'Mainland China' },
  '852': { re: /^[4-9]\d{7}$/, zh: '中国香港', en: 'Hong Kong, China' },
  '853': { re: /^6\d{7}$/, zh: '中国澳门', en: 'Macao, China' },
  '886': { re: /^9\d{8}$/, zh: '中国台湾', en: 'Taiwan, China' },
  '1': { re: /^[2-9]\d{2}[2-9]\d{6}$/, zh: '美国/加拿大', en: 'USA / Canada' },
  '7': { re: /^9\d{9}$/, zh: '俄罗斯', en: 'Russia' },
  '33': { re: /^[67]\d{8}$/, zh: '法国', en: 'France' },
  '44': { re: /^7\d{9}$/, zh: '英国', en: 'United Kingdom' },
  '49': { re: /^1[5-7]\d{8,9}$/, zh: '德国', en: 'Germany' },
  '60': { re: /^1\d{8,9}$/, zh: '马来西亚', en: 'Malaysia' },
  '61': { re: /^4\d{8}$/, zh: '澳大利亚', en: 'Australia' },
  '65': { re: /^[89]\d{7}$/, zh: '新加坡', en: 'Singapore' },
  '66': { re: /^[689]\d{8}$/, zh: '泰国', en: 'Thailand' },
  '81': { re: /^[789]0\d{8}$/, zh: '日本', en: 'Japan' },
  '82': { re: /^1[0-9]\d{7,8}$/, zh: '韩国', en: 'South Korea' },
  '84': { re: /^[35789]\d{8}$/, zh: '越南', en: 'Viet Nam' },
  '91': { re: /^[6-9]\d{9}$/, zh: '印度', en: 'India' },
  '95': { re: /^9\d{7,9}$/, zh: '缅甸', en: 'Myanmar' },
  '856': { re: /^20\d{8}$/, zh: '老挝', en: 'Laos' },
};

/** The calling codes a form offers first, in this order (the rest are typed with their +). */
export const COMMON_CALLING_CODES = ['86', '852', '853', '886', '1', '44', '81', '82', '65', '66', '60', '61'] as const;

/** The calling code of an E.164 number: the longest listed prefix, else null (an unlisted code). */
export function callingCodeOf(e164: string): string | null {
  const digits = e164.replace(/^\+/, '');
  for (const len of [3, 2, 1]) {
    const cc = digits.slice(0, len);
    if (MOBILE_FORMATS[cc]) return cc;
  }
  return null;
}

/**
 * The stored form of a phone number as typed, or null when it is not a valid mobile number: spaces, dashes,
 * dots and brackets are dropped; `00` is read as `+`; `+86`/`0086` before a mainland number is dropped; a Taiwan
 * or UK number typed with its trunk 0 after the country code (+886 0912…) has the 0 removed.
 */
export function normalisePhone(input: string): string | null {
  const s = input.trim().replace(/[\s\-.()（）]/g, '');
  if (/^1[3-9]\d{9}$/.test(s)) return s;
  const m = /^(?:\+|00)(\d+)$/.exec(s);
  if (!m) return null;
  const digits = m[1];
  if (digits.length < 8 || digits.length > 15 || digits[0] === '0') return null;
  const cc = callingCodeOf(digits);
  if (!cc) return `+${digits}`;
  const national = digits.slice(cc.length).replace(/^0/, '');
  if (!MOBILE_FORMATS[cc].re.test(national)) return null;
  return cc === '86' ? national : `+${cc}${national}`;
}

export const isValidPhoneNumber = (input: string) => normalisePhone(input) !== null;

/** Masked display: `138****1234` on the mainland, `+852****5678` elsewhere (the country stays readable). */
export function maskPhoneNumber(phone: string): string {
  if (!phone.startsWith('+')) {
    if (phone.length < 7) return '*'.repeat(phone.length);
    return `${phone.slice(0, 3)}****${phone.slice(-4)}`;
  }
  const cc = callingCodeOf(phone) ?? phone.slice(1, 3);
  return `+${cc}****${phone.slice(-4)}`;
}
