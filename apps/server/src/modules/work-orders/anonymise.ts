import { callingCodeOf } from '@zhilv/contracts';

/**
 * Text for the public page. What is masked is what the system KNOWS to be personal — the names it holds
 * (practitioners, business contacts, staff, the reporter) and the reporter's phone — plus numbers shaped like
 * phone, ID, plate numbers and e-mail addresses, and a name directly before an honorific (王小明先生 → 王某先生).
 *
 * It does not guess that any two or three characters before 导游 or 师傅 are a name: "安排的导游", "全程导游",
 * "司机师傅" are ordinary words, and a guess there garbles the text every reader sees. A guide's real name is in
 * the practitioner directory, which is where it is recognised.
 */
export type TKnownPersonal = {
  names?: readonly (string | null | undefined)[];
  phones?: readonly (string | null | undefined)[];
};

/** The most common single-character surnames (about 85% of the population): a name before 先生/女士 starts with one. */
const SURNAMES = new Set(
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤和木段普杨李'.split(
    '',
  ),
);

/**
 * Characters that do not occur in the given name before an honorific in ordinary text: function words,
 * pronouns, measure words, kinship and age words ("这位女士", "那个先生", "同行的女士", "张老先生").
 */
const NOT_IN_GIVEN_NAME = new Set(
  '的了是在和与及跟对把被给让向从到说也都就还又很太不没有个位名些这那其他她它们我你您老年岁等请问找'.split(''),
);

// 小姐姐 is a colloquial "young lady", not an honorific after a name
const HONORIFIC = /([\u4e00-\u9fa5]{2,3})(先生|女士|小姐)(?!姐)/g;

/** Role words that stand before an honorific in ordinary text (导游小姐, 司机师傅先生): never a name. */
const ROLE_WORDS = [
  '导游',
  '司机',
  '老板',
  '店员',
  '服务员',
  '售货员',
  '工作人员',
  '保安',
  '经理',
  '客服',
  '前台',
  '领队',
];

const HAN_NAME = /^[\u4e00-\u9fa5·]{2,6}$/;

function escapeRegExp(s: string) {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A known Han name keeps its surname (王丽华 → 王某); anything else known is blanked. */
function maskName(name: string) {
  return HAN_NAME.test(name) ? `${name[0]}某` : '[姓名]';
}

export function anonymiseText(text: string, known: TKnownPersonal = {}): string {
  let out = text;
  // Known phones first, whatever their format in the text (spaces or dashes between groups).
  for (const phone of new Set(known.phones ?? [])) {
    const digits = phone?.replace(/\D/g, '');
    if (!digits || digits.length < 7) continue;
    out = out.replace(new RegExp(digits.split('').join('[\\s-]?'), 'g'), '[电话]');
    // A number from abroad is often written without its country code (+852 9123 4567 as 9123 4567).
    const cc = phone?.startsWith('+') ? callingCodeOf(phone) : null;
    const national = cc ? digits.slice(cc.length) : '';
    if (national.length >= 7) out = out.replace(new RegExp(national.split('').join('[\\s-]?'), 'g'), '[电话]');
  }
  // Longest known names first, so 王丽华 is not left as 王某华 by a known 王丽.
  const names = [...new Set(known.names ?? [])]
    .filter((n): n is string => !!n && n.trim().length >= 2)
    .map((n) => n.trim())
    .sort((a, b) => b.length - a.length);
  for (const name of names) out = out.replace(new RegExp(escapeRegExp(name), 'g'), maskName(name));
  return (
    out
      .replace(/(?<![\dA-Za-z])\d{17}[\dXx](?![\dA-Za-z])/g, '[证件号]')
      .replace(/(?<![\dA-Za-z])\d{15}(?![\dA-Za-z])/g, '[证件号]')
      .replace(/(?<![\dA-Za-z])(?:\+?86[\s-]?)?1[3-9]\d(?:[\s-]?\d{4}){2}(?![\dA-Za-z])/g, '[电话]')
      .replace(/(?<![\dA-Za-z])0\d{2,3}-?\d{7,8}(?![\dA-Za-z])/g, '[电话]')
      // Numbers from abroad with their country code (+852 9123 4567, +44 7700 900123, 00853 6612 3456) …
      .replace(/(?<![\dA-Za-z+])(?:\+|00)[1-9]\d{0,2}[\s-]?\(?\d{1,4}\)?(?:[\s-]?\d){5,12}(?![\dA-Za-z])/g, '[电话]')
      // … and Hong Kong and Macao mobile numbers as written locally: 8 digits from 5, 6 or 9 (9123 4567)
      .replace(/(?<![\dA-Za-z])[569]\d{3}[\s-]?\d{4}(?![\dA-Za-z])/g, '[电话]')
      // Passports and travel permits: a 回乡证 H/M + 8 or 10 digits, a passport's letters and digits (E12345678,
      // EA1234567, 533456789 after its word), a Hong Kong identity card A123456(7)
      .replace(/(?<![\dA-Za-z])[HM]\d{10}(?![\dA-Za-z])/g, '[证件号]')
      .replace(/(?<![\dA-Za-z])[A-Z]{1,2}\d{7,8}(?![\dA-Za-z])/g, '[证件号]')
      .replace(/(?<![\dA-Za-z])[A-Z]{1,2}\d{6}\([\dA]\)/g, '[证件号]')
      .replace(
        /(护照|通行证|台胞证|回乡证|居留证|passport|permit)(\s*(号码|号|No\.?|number))?[\s:：]*[A-Z0-9]{5,12}(?![\dA-Za-z])/gi,
        '$1[证件号]',
      )
      .replace(/[\w.+-]+@[\w-]+\.[\w.]+/g, '[邮箱]')
      .replace(
        /[京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼][A-Z][A-Z0-9]{5,6}(?![A-Z0-9])/g,
        '[车牌]',
      )
      .replace(HONORIFIC, (whole, before: string, title: string) => {
        // 王先生 (a surname alone) stays; so does 我和王先生, where 和 is a word and 王 the surname.
        if (SURNAMES.has(before[before.length - 1])) return whole;
        if (ROLE_WORDS.some((w) => before.endsWith(w))) return whole;
        for (const len of [3, 2]) {
          if (before.length < len) continue;
          const name = before.slice(before.length - len);
          if (!SURNAMES.has(name[0])) continue;
          if (
            name
              .slice(1)
              .split('')
              .some((c) => NOT_IN_GIVEN_NAME.has(c))
          )
            continue;
          return `${before.slice(0, before.length - len)}${name[0]}某${title}`;
        }
        return whole;
      })
  );
}
