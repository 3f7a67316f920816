import * as OpenCC from 'opencc-js/t2cn';

/**
 * Text normalisation before segmentation, shared by training and classifying:
 *  1. NFKC: full-width digits, letters and punctuation become ASCII (９８０元 → 980元, ，stays a comma class).
 *  2. lower case.
 *  3. Traditional → Simplified with OpenCC's Hong Kong table (導遊 → 导游, 計程車 → 计程车).
 *  4. A few regional words mapped to the mainland word the dictionary and the training texts use (的士 → 出租车,
 *     跳表 → 打表, 唔 → 不); OpenCC converts characters and phrases, not vocabulary, so these stay ours.
 * The converter is built once per process (about 20–80 ms) and converts a 300-character text in a few µs.
 */
let converters: ((s: string) => string)[] | null = null;

function toSimplified(s: string): string {
  // One converter (Hong Kong variants → mainland): it covers standard Traditional and Taiwan characters too; a
  // second (Taiwan phrases) doubled the start-up cost for few words, which REGIONAL maps instead.
  converters ??= [OpenCC.Converter({ from: 'hk', to: 'cn' })];
  let out = s;
  for (const c of converters) out = c(out);
  return out;
}

/** Regional vocabulary → the mainland word (longest first so 计程车 wins over 程车). */
const REGIONAL: [string, string][] = (
  [
    ['计程车', '出租车'],
    ['的士', '出租车'],
    ['跳表', '打表'],
    ['跳錶', '打表'],
    ['咪表', '计价器'],
    ['白牌车', '黑车'],
    ['埋单', '结账'],
    ['买单', '结账'],
    ['餐牌', '菜单'],
    ['冷气', '空调'],
    ['公车', '公交车'],
    ['捷运', '地铁'],
    ['按金', '押金'],
    ['订金', '定金'],
    ['合约', '合同'],
    ['网络', '网络'],
    ['舖头', '商店'],
    ['铺头', '商店'],
    ['唔俾', '不让'],
    ['唔准', '不准'],
    ['唔肯', '不肯'],
    ['唔买', '不买'],
    ['唔退', '不退'],
    ['冇', '没有'],
    ['唔', '不'],
    ['俾', '给'],
    ['嘢', '东西'],
    ['咗', '了'],
    ['佢', '他'],
    ['哋', '们'],
    ['嘅', '的'],
    ['喺', '在'],
    ['揾', '找'],
    ['搵', '找'],
    ['睇', '看'],
    ['嚟', '来'],
    ['蚊', '元'],
  ] as [string, string][]
).sort((a, b) => b[0].length - a[0].length);

const REGIONAL_RE = new RegExp(REGIONAL.map(([k]) => k).join('|'), 'g');
const REGIONAL_MAP = new Map(REGIONAL);

/** Whether a text has characters that only Traditional writing uses (it changes under conversion). */
export function isTraditional(text: string): boolean {
  const t = text.normalize('NFKC');
  return toSimplified(t) !== t;
}

const HAN = /\p{Script=Han}/u;

export function normalise(text: string): string {
  const lower = text.normalize('NFKC').toLowerCase();
  // Conversion only where there is something to convert (an English complaint has no Chinese characters).
  const t = HAN.test(lower) ? toSimplified(lower) : lower;
  return t.replace(REGIONAL_RE, (m) => REGIONAL_MAP.get(m) ?? m);
}
