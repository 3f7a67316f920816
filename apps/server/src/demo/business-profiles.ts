import { BUSINESS_BADGES, type TBusinessKind } from '@zhilv/contracts';
import { asc, eq } from 'drizzle-orm';
import type { TTx } from '../db/client.js';
import { businesses, businessPrices } from '../modules/master-data/master-data.tables.js';
import { prng } from './prng.js';

type TPrice = [item: string, itemEn: string, min: number, max: number, unit: string, unitEn: string];
type TProfile = { hours: string; intro: string; introEn: string; prices: TPrice[] };

/** Public profile by kind: hours, a line of introduction and the usual posted prices (yuan, a range to draw from). */
const PROFILES: Record<TBusinessKind, TProfile> = {
  scenic_spot: {
    hours: '08:00–18:00（17:00 停止入园） / 08:00–18:00 (last entry 17:00)',
    intro: '景区实行分时预约、限量开放，请提前预约并携带身份证入园。',
    introEn: 'Entry by timed reservation with a daily cap: book ahead and bring your ID.',
    prices: [
      ['成人门票', 'Adult ticket', 40, 180, '张', 'ticket'],
      ['优惠门票（学生、60岁以上）', 'Concession ticket (students, over 60)', 20, 90, '张', 'ticket'],
      ['景区观光车', 'Sightseeing shuttle', 10, 30, '人/次', 'person/ride'],
      ['人工讲解', 'Guided tour', 80, 150, '场', 'tour'],
    ],
  },
  hotel: {
    hours: '全天 24 小时；14:00 后入住，12:00 前退房 / Open 24 h; check-in from 14:00, check-out by 12:00',
    intro: '客房明码标价，节假日价格按物价部门备案执行，不另收服务费。',
    introEn: 'Room prices as posted; holiday rates as filed with the price authority; no service charge.',
    prices: [
      ['标准间', 'Twin room', 260, 520, '间/晚', 'room/night'],
      ['大床房', 'Double room', 280, 580, '间/晚', 'room/night'],
      ['豪华套房', 'Suite', 680, 1280, '间/晚', 'room/night'],
      ['自助早餐', 'Breakfast buffet', 38, 68, '位', 'person'],
      ['加床', 'Extra bed', 80, 120, '张/晚', 'bed/night'],
    ],
  },
  homestay: {
    hours: '08:00–23:00 前台；全天可入住 / Reception 08:00–23:00; arrivals at any time',
    intro: '纳西传统院落民宿，可代订景区门票，提供免费古城接站。',
    introEn: 'A traditional Naxi courtyard: we book scenic-spot tickets for you and meet you free at the old town.',
    prices: [
      ['庭院标间', 'Courtyard twin room', 168, 398, '间/晚', 'room/night'],
      ['观景大床房', 'Double room with a view', 228, 468, '间/晚', 'room/night'],
      ['亲子房', 'Family room', 298, 568, '间/晚', 'room/night'],
      ['纳西早餐', 'Naxi breakfast', 20, 35, '位', 'person'],
    ],
  },
  travel_agency: {
    hours: '09:00–18:00 / 09:00–18:00',
    intro: '持证经营，签订正规旅游合同，无强制购物、无自费项目捆绑。',
    introEn: 'Licensed; written tour contracts; no forced shopping, no bundled extras.',
    prices: [
      ['丽江古城—束河一日游', 'Old town and Shuhe day tour', 128, 198, '人', 'person'],
      ['玉龙雪山一日游（含索道）', 'Jade Dragon Snow Mountain day tour (cable car incl.)', 420, 580, '人', 'person'],
      ['泸沽湖两日游', 'Lugu Lake two-day tour', 680, 980, '人', 'person'],
      ['导游服务', 'Guide service', 300, 500, '天', 'day'],
    ],
  },
  shop: {
    hours: '09:00–22:00 / 09:00–22:00',
    intro: '商品明码标价，支持 30 天无理由退货（定制商品除外）。',
    introEn: 'Prices as marked; 30-day no-reason returns (made-to-order goods excepted).',
    prices: [
      ['手工银手镯', 'Handmade silver bangle', 380, 1280, '件', 'piece'],
      ['普洱茶饼 357克', 'Pu-erh tea cake, 357 g', 98, 398, '饼', 'cake'],
      ['东巴纸笔记本', 'Dongba paper notebook', 25, 68, '本', 'notebook'],
      ['鲜花饼（10枚装）', 'Flower cakes, box of 10', 39, 69, '盒', 'box'],
    ],
  },
  restaurant: {
    hours: '10:00–21:30 / 10:00–21:30',
    intro: '纳西家常菜，菜单价格公示，不收茶位费、不设最低消费。',
    introEn: 'Naxi home cooking; menu prices posted; no tea charge, no minimum spend.',
    prices: [
      ['纳西烤鱼', 'Naxi grilled fish', 68, 128, '份', 'dish'],
      ['腊排骨火锅', 'Cured rib hotpot', 88, 168, '锅', 'pot'],
      ['鸡豆凉粉', 'Chickpea jelly', 12, 22, '份', 'dish'],
      ['米饭', 'Rice', 2, 3, '碗', 'bowl'],
    ],
  },
  transport: {
    hours: '06:30–20:00 / 06:30–20:00',
    intro: '车辆证照齐全，按核定线路和票价运营，不拼客、不甩客。',
    introEn: 'Licensed vehicles on approved routes and fares; no car-pooling strangers, no stranding.',
    prices: [
      ['古城—玉龙雪山班车', 'Old town–snow mountain bus', 20, 35, '人', 'person'],
      ['机场大巴', 'Airport bus', 20, 25, '人', 'person'],
      ['7座包车', '7-seat car hire', 500, 800, '天', 'day'],
    ],
  },
  entertainment: {
    hours: '19:30–21:30（演出场次） / 19:30–21:30 (show times)',
    intro: '大型民族文化演出，票价公示，无隐性消费。',
    introEn: 'A large show of local ethnic culture; ticket prices posted, no hidden charges.',
    prices: [
      ['普通座', 'Standard seat', 160, 220, '张', 'ticket'],
      ['贵宾座', 'VIP seat', 280, 420, '张', 'ticket'],
      ['儿童票（1.2米以下）', 'Child (under 1.2 m)', 0, 0, '张', 'ticket'],
    ],
  },
  online_operator: {
    hours: '在线客服 08:00–24:00 / Online service 08:00–24:00',
    intro: '在线预订平台，所列价格含税，取消规则在下单前展示。',
    introEn: 'Online booking; prices include tax; cancellation rules shown before you pay.',
    prices: [
      ['丽江—大理三日跟团游', 'Lijiang–Dali three-day group tour', 980, 1680, '人', 'person'],
      ['景区门票代订服务费', 'Ticket booking fee', 0, 10, '单', 'order'],
    ],
  },
};

const digits = (rnd: () => number, n: number) => Array.from({ length: n }, () => Math.floor(rnd() * 10)).join('');

/** The number of the licence the kind needs (travel agency, hotel trades, food, road transport, entertainment). */
function licenceNo(kind: TBusinessKind, county: string, rnd: () => number): string | null {
  switch (kind) {
    case 'travel_agency':
      return `L-YN-${digits(rnd, 5)}`; // 旅行社业务经营许可证
    case 'hotel':
    case 'homestay':
      return `丽公特旅字第${digits(rnd, 4)}号`; // 特种行业许可证（旅馆业）
    case 'restaurant':
      return `JY2${county}${digits(rnd, 7)}`; // 食品经营许可证（餐饮服务）
    case 'transport':
      return `云交运管许可丽字${county}${digits(rnd, 6)}号`; // 道路运输经营许可证
    case 'entertainment':
      return `${county}${digits(rnd, 6)}`; // 娱乐经营许可证
    default:
      return null;
  }
}

const round = (yuan: number) => (yuan >= 100 ? Math.round(yuan / 10) * 10 : Math.round(yuan));

/**
 * Every demo business's public profile: hours, a short introduction in both languages, the licence its kind
 * needs, badges for about one in seven, and 2–6 posted prices. Deterministic (its own seeded PRNG, businesses
 * taken in USCC order).
 */
export async function loadDemoBusinessProfiles(tx: TTx) {
  const rnd = prng(53072);
  const rows = await tx
    .select({
      id: businesses.id,
      name: businesses.name,
      nameEn: businesses.nameEn,
      kind: businesses.kind,
      regionCode: businesses.regionCode,
    })
    .from(businesses)
    .orderBy(asc(businesses.uscc));
  const prices: (typeof businessPrices.$inferInsert)[] = [];
  for (const b of rows) {
    const kind = b.kind as TBusinessKind;
    const p = PROFILES[kind];
    const county = b.regionCode.slice(0, 6);
    const badges: string[] = [];
    if (rnd() < 0.15) {
      badges.push(BUSINESS_BADGES[Math.floor(rnd() * BUSINESS_BADGES.length)]);
      const second = BUSINESS_BADGES[Math.floor(rnd() * BUSINESS_BADGES.length)];
      if (rnd() < 0.3 && !badges.includes(second)) badges.push(second);
    }
    await tx
      .update(businesses)
      .set({
        openingHours: p.hours,
        intro: `${b.name}：${p.intro}`,
        introEn: `${b.nameEn ?? b.name}: ${p.introEn}`,
        licenseNo: licenceNo(kind, county, rnd),
        badges,
      })
      .where(eq(businesses.id, b.id));
    const n = Math.min(p.prices.length, 2 + Math.floor(rnd() * 5));
    p.prices.slice(0, n).forEach(([item, itemEn, min, max, unit, unitEn], sort) => {
      const yuan = round(min + rnd() * (max - min));
      prices.push({ businessId: b.id, item, itemEn, priceFen: yuan * 100, unit, unitEn, sort });
    });
  }
  if (prices.length) await tx.insert(businessPrices).values(prices);
  return { businesses: rows.length, prices: prices.length };
}
