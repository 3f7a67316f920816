/**
 * Amounts of money and durations in a normalised text (NFKC, lower case, Simplified), as bucketed features.
 * "一口价两百" and "980元" both say money; the size matters (a 99-yuan tour, a 3,000-yuan bracelet), the exact
 * figure does not, so amounts fall in decades. Durations say waiting (排队三个小时) or itinerary (五日游).
 */

const CN_DIGITS: Record<string, number> = {
  零: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};
const CN_UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000, 万: 10000 };

/** 三千八 → 3800, 两百 → 200, 十五 → 15, 一万二 → 12000; NaN when it is not a number. */
export function chineseNumber(s: string): number {
  let total = 0;
  let section = 0;
  let digit = -1;
  let lastUnit = 1;
  for (const ch of s) {
    if (ch in CN_DIGITS) {
      digit = CN_DIGITS[ch];
    } else if (ch in CN_UNITS) {
      const u = CN_UNITS[ch];
      const d = digit < 0 ? 1 : digit;
      if (u === 10000) {
        total += (section + d * (digit < 0 && section ? 0 : 1)) * u;
        section = 0;
      } else section += d * u;
      lastUnit = u;
      digit = -1;
    } else return Number.NaN;
  }
  // A trailing digit after a unit is one unit below it: 三千八 → 3800, 一万二 → 12000.
  if (digit >= 0) section += lastUnit >= 10 ? digit * (lastUnit / 10) : digit;
  return total + section;
}

const MONEY_UNIT = '(?:元|块钱|块|rmb|yuan|cny|人民币|美元|美金|dollars?|usd)';
const AMOUNT = new RegExp(
  `(?:[¥￥]\\s*(\\d+(?:\\.\\d+)?))|(?:(\\d+(?:\\.\\d+)?)\\s*${MONEY_UNIT})|(?:([零一二两三四五六七八九十百千万]+)\\s*(?:元|块))`,
  'g',
);
const DURATION =
  /(\d+|[一二两三四五六七八九十半几]+)\s*(?:个)?\s*(分钟|小时|钟头|天|晚|日游|hours?|minutes?|days?|nights?|hrs?|mins?)/g;

const bucket = (n: number) => (n < 100 ? '10' : n < 1000 ? '100' : n < 10000 ? '1k' : '10k');

function durationUnit(u: string): string {
  if (u === '分钟' || u.startsWith('min')) return 'minute';
  if (u === '小时' || u === '钟头' || u.startsWith('hour') || u.startsWith('hr')) return 'hour';
  if (u === '日游') return 'tour_days';
  return 'day';
}

export type TQuantity = { feature: string; text: string };

export function quantities(t: string): TQuantity[] {
  const out: TQuantity[] = [];
  for (const m of t.matchAll(AMOUNT)) {
    const n = (m[1] ?? m[2]) ? Number(m[1] ?? m[2]) : chineseNumber(m[3] ?? '');
    if (!Number.isFinite(n) || n <= 0) continue;
    out.push({ feature: '@amount', text: m[0].trim() }, { feature: `@amount:${bucket(n)}`, text: m[0].trim() });
  }
  for (const m of t.matchAll(DURATION)) {
    out.push({ feature: `@duration:${durationUnit(m[2])}`, text: m[0].trim() });
  }
  return out;
}
