import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PLACES, SUFFIX } from '../../demo/master-data.js';
import { DEMO_TEXTS } from '../../demo/work-order-texts.js';
import { anonymiseText } from './anonymise.js';

const BUSINESS_NAMES = PLACES.flatMap((p) =>
  Object.values(SUFFIX)
    .flat()
    .map((s) => `${p}${s}`),
);

/** Words a tourist or a department writes every day; none of them names anyone. */
const ORDINARY = [
  '安排的导游',
  '全程导游',
  '当地导游',
  '持证导游',
  '金牌导游',
  '导游小姐姐',
  '我们的导游',
  '这个导游',
  '那位导游',
  '司机师傅',
  '出租车师傅',
  '厨师师傅',
  '维修师傅',
  '老师傅',
  '这位先生',
  '那位女士',
  '同行的女士',
  '一位先生',
  '我和王先生',
  '王先生',
  '李女士',
  '张师傅',
  '和导游',
  '讲解员小和',
  '工作人员',
  '客服人员',
  '景区管理处',
  '玉龙雪山',
  '丽江古城',
  '束河古镇',
  '拉市海',
  '泸沽湖',
  '程海',
  '黑龙潭公园',
  '大研古城',
  '金沙江',
  '虎跳峡',
  '纳西族',
  '东巴文化',
  '腊排骨',
  '野生菌',
  '鲜花饼',
  '普洱茶',
  '银器',
  '玉镯',
  '米线',
  '火锅',
  '酒吧',
  '客栈',
  '安排',
  '全程',
  '全家',
  '高原反应',
  '程序',
  '方便',
  '马上',
  '周末',
  '周边',
  '林间',
  '石板路',
  '江边',
  '白天',
  '黄金周',
  '金额',
  '高铁',
  '段落',
  '孔明灯',
  '雷雨',
  '龙舟',
  '石头城',
  '向导',
  '任何',
  '武装',
  '戴帽子',
  '万元',
  '2800元',
  '399元五日游',
  '680元',
  '两万多',
  '一个多小时',
  '2026年11月23日',
  '18:30',
  '第3天',
  '订单号ZL20261123000123',
  '退款',
  '退货',
  '赔偿差价',
  '感谢您的监督',
  '已责令整改',
  '经调查核实',
  '满意',
  '基本满意',
  '处理太慢',
];

describe('anonymiseText', () => {
  it('leaves "安排的导游" as it is (it read "安某导游")', () => {
    expect(anonymiseText('古城国际旅行社安排的导游全程玩手机')).toBe('古城国际旅行社安排的导游全程玩手机');
  });

  it('leaves 导游小姐姐 and 和导游小姐 as they are (fast-check found "和导游小姐姐" read as 和某小姐姐)', () => {
    expect(anonymiseText('和导游小姐姐安排的导游')).toBe('和导游小姐姐安排的导游');
    expect(anonymiseText('我和导游小姐说好了')).toBe('我和导游小姐说好了');
    expect(anonymiseText('王小明先生')).toBe('王某先生');
  });

  it('leaves every demo text intact, whichever business it names', () => {
    fc.assert(
      fc.property(fc.constantFrom(...DEMO_TEXTS), fc.constantFrom(...BUSINESS_NAMES), (t, b) => {
        const text = t.text.replaceAll('{b}', b);
        expect(anonymiseText(text)).toBe(text);
        for (const a of t.answers) expect(anonymiseText(a)).toBe(a);
      }),
    );
  });

  it('leaves any sentence of ordinary words intact', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...ORDINARY, ...BUSINESS_NAMES, '，', '。', '的', '了', '和', '在'), {
          minLength: 1,
          maxLength: 12,
        }),
        (words) => {
          const text = words.join('');
          expect(anonymiseText(text)).toBe(text);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('masks the names the system knows, whatever surrounds them', () => {
    fc.assert(
      fc.property(fc.constantFrom(...ORDINARY), fc.constantFrom(...ORDINARY), (a, b) => {
        const out = anonymiseText(`${a}导游木海燕${b}，联系人杨建国`, { names: ['木海燕', '杨建国'] });
        expect(out).not.toContain('木海燕');
        expect(out).not.toContain('杨建国');
        expect(out).toContain('导游木某');
        expect(out).toContain('联系人杨某');
      }),
    );
  });

  it('masks the reporter phone in any format and number shapes', () => {
    const out = anonymiseText('我的电话138 1234 5678，也可打0888-5123456，身份证530702199001011234', {
      phones: ['13812345678'],
    });
    expect(out).toBe('我的电话[电话]，也可打[电话]，身份证[证件号]');
    expect(anonymiseText('请联系13900001111或 139-0000-2222')).toBe('请联系[电话]或 [电话]');
    expect(anonymiseText('车牌云PA12345，邮箱a.b@example.com')).toBe('车牌[车牌]，邮箱[邮箱]');
  });

  it('reduces a name before an honorific to its surname', () => {
    expect(anonymiseText('联系了王小明先生')).toBe('联系了王某先生');
    expect(anonymiseText('前台的李红梅女士很热情')).toBe('前台的李某女士很热情');
    expect(anonymiseText('前台的李女士很热情')).toBe('前台的李女士很热情');
  });

  it('keeps tracking numbers and amounts', () => {
    expect(anonymiseText('工单ZL20261123000123，金额12345678元')).toBe('工单ZL20261123000123，金额12345678元');
  });
});
