import { STATION_SERVICES, type TStationService } from '@zhilv/contracts';
import { and, eq, like } from 'drizzle-orm';
import type { TTx } from '../db/client.js';
import { businesses } from '../modules/master-data/master-data.tables.js';
import { stations } from '../modules/stations/stations.tables.js';
import { routeStops, routes } from '../modules/tour-routes/tour-routes.tables.js';

type TSvc = TStationService;
const ALL: TSvc[] = [...STATION_SERVICES];
/** What an upgraded 新驿站 offers (seed 004: rest, internet, water, charging, first aid …). */
const FULL: TSvc[] = [
  'water',
  'first_aid',
  'rest',
  'consultation',
  'mediation',
  'charging',
  'care',
  'lost_found',
  'wifi',
  'errands',
];
const STREET: TSvc[] = ['water', 'first_aid', 'rest', 'consultation', 'charging', 'lost_found', 'wifi'];
const MICRO: TSvc[] = ['water', 'first_aid', 'rest', 'consultation'];
const SPOT: TSvc[] = ['water', 'first_aid', 'rest', 'consultation', 'care', 'lost_found'];
/** by the scenic areas' coach parks, where seed 000 puts its 司机导游之家 */
const ROAD: TSvc[] = [
  'water',
  'parking',
  'rest',
  'consultation',
  'charging',
  'first_aid',
  'wifi',
  'drivers_guides_home',
];

type TDemoStation = [
  code: string,
  name: string,
  nameEn: string,
  kind: 'station' | 'micro_station',
  services: TSvc[],
  hours: [number, number],
  lng: number,
  lat: number,
  region: string,
  address: string,
  /** how an English-speaking tourist finds it: street names in pinyin, the kind of place in English */
  addressEn: string,
];
const H = (h: number, m = 0) => h * 60 + m;
const DAY: [number, number] = [H(8), H(22)];
const ALLDAY: [number, number] = [0, 1440];
const SPOT_HOURS: [number, number] = [H(8, 30), H(18)];

/**
 * 45 stations: the old town's upgraded 新驿站 and the two 红驿站 of the busy squares (seed 004), micro-stations
 * at the scenic spots, and stations in the four other counties' seats and scenic areas. Positions are
 * approximate; names and phones are the demo's own.
 */
// biome-ignore format: one station per line reads as a table
const DEMO_STATIONS: TDemoStation[] = [
  ['GC-001', '七星街红色驿站', 'Qixing Street Red Station', 'station', ALL, ALLDAY, 100.2398, 26.8742, '530702003', '七星街商圈 18 号', 'No. 18, Qixing Street Shopping District'],
  ['GC-002', '祥和广场红驿站', 'Xianghe Square Red Station', 'station', ALL, ALLDAY, 100.2418, 26.8651, '530702003', '祥和商业广场东侧', 'East side of Xianghe Commercial Plaza'],
  ['GC-003', '四方街红色驿站', 'Sifang Street Red Station', 'station', FULL, DAY, 100.2347, 26.8724, '530702002', '大研古城四方街', 'Sifang Street, Dayan Old Town'],
  ['GC-004', '古城口红色驿站', 'Old Town Gate Red Station', 'station', [...FULL, 'parking'], DAY, 100.2377, 26.8788, '530702002', '玉河走廊大水车旁', 'Beside the Water Wheels, Yuhe Corridor'],
  ['GC-005', '木府红色微站', 'Mufu Mansion Micro-station', 'micro_station', SPOT, SPOT_HOURS, 100.2361, 26.8694, '530702002', '木府景区入口', 'Entrance to the Mufu Mansion Scenic Area'],
  ['GC-006', '万古楼红色微站', 'Wangu Tower Micro-station', 'micro_station', MICRO, SPOT_HOURS, 100.2325, 26.8697, '530702002', '狮子山万古楼下', 'Below Wangu Tower, Lion Hill'],
  ['GC-007', '黑龙潭红色微站', 'Black Dragon Pool Micro-station', 'micro_station', SPOT, [H(7), H(20)], 100.2367, 26.8843, '530702001', '黑龙潭公园南门', 'South Gate, Black Dragon Pool Park'],
  ['GC-008', '忠义市场红色驿站', 'Zhongyi Market Red Station', 'station', STREET, DAY, 100.2385, 26.869, '530702002', '忠义市场北门', 'North Gate, Zhongyi Market'],
  ['GC-009', '玉河广场红色驿站', 'Yuhe Square Red Station', 'station', [...STREET, 'mediation'], DAY, 100.237, 26.88, '530702001', '玉河广场西侧', 'West side of Yuhe Square'],
  ['GC-010', '新华街红色驿站', 'Xinhua Street Red Station', 'station', STREET, DAY, 100.2358, 26.8752, '530702002', '新华街双石段', 'Shuangshi Section, Xinhua Street'],
  ['GC-011', '五一街红色驿站', 'Wuyi Street Red Station', 'station', STREET, DAY, 100.2372, 26.8731, '530702002', '五一街文治巷口', 'Wuyi Street, at the mouth of Wenzhi Lane'],
  ['GC-012', '七一街红色驿站', 'Qiyi Street Red Station', 'station', STREET, DAY, 100.2352, 26.8707, '530702002', '七一街八一巷口', 'Qiyi Street, at the mouth of Bayi Lane'],
  ['GC-013', '光义街红色驿站', 'Guangyi Street Red Station', 'station', [...STREET, 'care'], DAY, 100.2339, 26.8716, '530702002', '光义街忠义巷', 'Zhongyi Lane, Guangyi Street'],
  ['GC-014', '义尚街红色微站', 'Yishang Street Micro-station', 'micro_station', MICRO, [H(9), H(21)], 100.2335, 26.8734, '530702002', '义尚街文华巷', 'Wenhua Lane, Yishang Street'],
  ['GC-015', '崇仁巷红色微站', 'Chongren Lane Micro-station', 'micro_station', MICRO, [H(9), H(21)], 100.2366, 26.8761, '530702002', '崇仁巷 6 号', 'No. 6, Chongren Lane'],
  ['GC-016', '文林巷红色微站', 'Wenlin Lane Micro-station', 'micro_station', MICRO, [H(9), H(21)], 100.2328, 26.8745, '530702002', '文林巷口', 'Mouth of Wenlin Lane'],
  ['GC-017', '百岁坊红色微站', 'Baisuifang Micro-station', 'micro_station', [...MICRO, 'care'], [H(9), H(21)], 100.2318, 26.8722, '530702002', '百岁坊西口', 'West end of Baisuifang'],
  ['GC-018', '科贡坊红色微站', 'Kegongfang Micro-station', 'micro_station', MICRO, [H(9), H(21)], 100.2355, 26.8729, '530702002', '科贡坊旁', 'Next to the Kegong Archway'],
  ['GC-019', '古城南门红色驿站', 'Old Town South Gate Red Station', 'station', [...STREET, 'parking'], DAY, 100.2372, 26.8662, '530702007', '古城南门停车场', 'Old Town South Gate Car Park'],
  ['GC-020', '古城北门红色驿站', 'Old Town North Gate Red Station', 'station', ROAD, DAY, 100.2348, 26.8812, '530702001', '北门坡', 'North Gate Slope (Beimenpo)'],
  ['GC-021', '文化巷红色驿站', 'Wenhua Lane Red Station', 'station', STREET, DAY, 100.2304, 26.8702, '530702007', '文化巷 22 号', 'No. 22, Wenhua Lane'],
  ['GC-022', '象山市场红色驿站', 'Xiangshan Market Red Station', 'station', [...STREET, 'mediation'], DAY, 100.2301, 26.8786, '530702001', '象山市场南门', 'South Gate, Xiangshan Market'],
  ['GC-023', '福慧路红色驿站', 'Fuhui Road Red Station', 'station', ROAD, DAY, 100.2452, 26.8601, '530702003', '福慧路与香格里大道口', 'Junction of Fuhui Road and Xianggeli Avenue'],
  ['GC-024', '金虹路红色驿站', 'Jinhong Road Red Station', 'station', ROAD, DAY, 100.2214, 26.8928, '530702005', '金虹路旅游集散中心旁', 'Next to the Tourist Distribution Centre, Jinhong Road'],
  ['GC-025', '开南红色驿站', 'Kainan Red Station', 'station', STREET, DAY, 100.2466, 26.8526, '530702006', '开南街道党群服务中心', 'Kainan Subdistrict Party-Masses Service Centre'],
  ['GC-026', '束河古镇红色驿站', 'Shuhe Old Town Red Station', 'station', [...FULL, 'parking'], DAY, 100.2045, 26.9196, '530702004', '束河古镇四方听音广场', 'Sifang Tingyin Square, Shuhe Old Town'],
  ['GC-027', '束河九鼎龙潭红色微站', 'Shuhe Jiuding Pool Micro-station', 'micro_station', SPOT, SPOT_HOURS, 100.2012, 26.9231, '530702004', '九鼎龙潭', 'Jiuding Dragon Pool, Shuhe Old Town'],
  ['GC-028', '金安红色驿站', 'Jin’an Red Station', 'station', ROAD, DAY, 100.2782, 26.8432, '530702101', '金安镇政府旁', 'Next to the Jin’an Town Government'],
  ['GC-029', '七河红色驿站', 'Qihe Red Station', 'station', ROAD, DAY, 100.2901, 26.7668, '530702102', '七河镇集镇', 'Qihe Town Centre'],
  ['GC-030', '文智巷红色微站', 'Wenzhi Lane Micro-station', 'micro_station', MICRO, [H(9), H(21)], 100.2379, 26.8739, '530702002', '文智巷 3 号', 'No. 3, Wenzhi Lane'],
  ['YL-001', '白沙古镇红色驿站', 'Baisha Old Town Red Station', 'station', [...FULL, 'parking'], DAY, 100.2132, 26.938, '530721104', '白沙古镇街口', 'Main Street Entrance, Baisha Old Town'],
  ['YL-002', '玉龙雪山游客中心红色微站', 'Jade Dragon Snow Mountain Visitor Centre Micro-station', 'micro_station', [...SPOT, 'parking'], [H(7), H(18)], 100.251, 27.093, '530721104', '甘海子游客中心', 'Ganhaizi Visitor Centre'],
  ['YL-003', '蓝月谷红色微站', 'Blue Moon Valley Micro-station', 'micro_station', SPOT, SPOT_HOURS, 100.244, 27.104, '530721104', '蓝月谷观景台', 'Blue Moon Valley Viewing Platform'],
  ['YL-004', '拉市海红色驿站', 'Lashihai Red Station', 'station', [...ROAD, 'mediation'], DAY, 100.126, 26.871, '530721105', '拉市海湿地公园入口', 'Entrance to Lashihai Wetland Park'],
  ['YL-005', '玉湖村红色微站', 'Yuhu Village Micro-station', 'micro_station', MICRO, SPOT_HOURS, 100.206, 26.98, '530721104', '玉湖村村委会旁', 'Next to the Yuhu Village Committee'],
  ['YL-006', '石鼓镇红色微站', 'Shigu Micro-station', 'micro_station', [...MICRO, 'parking'], SPOT_HOURS, 99.9588, 26.8812, '530721102', '石鼓镇长江第一湾观景台', 'First Bend of the Yangtze Viewing Platform, Shigu Town'],
  ['YS-001', '永胜县城红色驿站', 'Yongsheng Town Red Station', 'station', FULL, DAY, 100.75, 26.684, '530722101', '永北镇中心街', 'Central Street, Yongbei Town'],
  ['YS-002', '程海红色驿站', 'Chenghai Lake Red Station', 'station', ROAD, DAY, 100.664, 26.552, '530722105', '程海镇环湖路', 'Lakeside Road, Chenghai Town'],
  ['YS-003', '毛家湾红色微站', 'Maojiawan Micro-station', 'micro_station', MICRO, SPOT_HOURS, 100.737, 26.699, '530722101', '毛家湾古街', 'Maojiawan Old Street'],
  ['HP-001', '华坪县城红色驿站', 'Huaping Town Red Station', 'station', FULL, DAY, 101.267, 26.63, '530723101', '中心镇文化广场', 'Culture Square, Zhongxin Town'],
  ['HP-002', '鲤鱼河红色微站', 'Liyu River Micro-station', 'micro_station', MICRO, SPOT_HOURS, 101.281, 26.622, '530723101', '鲤鱼河湿地公园', 'Liyu River Wetland Park'],
  ['HP-003', '芒果小镇红色驿站', 'Mango Town Red Station', 'station', ROAD, DAY, 101.242, 26.596, '530723102', '荣将镇芒果小镇', 'Mango Town, Rongjiang Town'],
  ['NL-001', '宁蒗县城红色驿站', 'Ninglang Town Red Station', 'station', FULL, DAY, 100.852, 27.282, '530724001', '大兴街道民族广场', 'Minzu Square, Daxing Subdistrict'],
  ['NL-002', '泸沽湖红色驿站', 'Lugu Lake Red Station', 'station', [...FULL, 'parking'], DAY, 100.779, 27.713, '530724102', '永宁镇落水村', 'Luoshui Village, Yongning Town'],
  ['NL-003', '里格半岛红色微站', 'Lige Peninsula Micro-station', 'micro_station', SPOT, SPOT_HOURS, 100.767, 27.735, '530724102', '里格半岛观景台', 'Lige Peninsula Viewing Platform'],
];

type TStop =
  | { station: string; note: string; noteEn: string }
  | { business: { region: string; kind: string; places: string[] }; note: string; noteEn: string }
  | { place: [string, string, number, number]; note: string; noteEn: string };

type TDemoRoute = {
  name: string;
  nameEn: string;
  theme: 'red' | 'culture' | 'nature';
  summary: string;
  summaryEn: string;
  minutes: number;
  stops: TStop[];
};

/** Seed 004: four 现场教学主题线路 around the old town's 思政教育 classrooms, and two others. */
const DEMO_ROUTES: TDemoRoute[] = [
  {
    name: '初心之路·古城红色记忆现场教学线',
    nameEn: 'Original Aspiration: Old Town Red Memory Teaching Route',
    theme: 'red',
    summary: '从祥和广场红驿站出发，走进党群服务中心与新时代文明实践站，了解古城基层党建和新就业群体服务。',
    summaryEn:
      'From the Xianghe Square Red Station to the Party-masses service centre and civic practice station: grassroots Party work in the old town and services for new-economy workers.',
    minutes: 150,
    stops: [
      {
        station: 'GC-002',
        note: '集合，了解红驿站向快递员、外卖员开放的服务',
        noteEn: 'Meet; services open to couriers and delivery riders',
      },
      {
        place: ['祥和街道党群服务中心', 'Xianghe Subdistrict Party-Masses Service Centre', 100.2431, 26.8672],
        note: '现场教学：党建引领基层治理',
        noteEn: 'On-site class: Party work leading local governance',
      },
      { station: 'GC-001', note: '七星商圈“红驿站”，商圈党建', noteEn: 'The Qixing business district’s Red Station' },
      {
        place: ['大研新时代文明实践站', 'Dayan Civic Practice Station', 100.2366, 26.8737],
        note: '志愿服务与文明旅游',
        noteEn: 'Volunteering and civil tourism',
      },
      { station: 'GC-003', note: '四方街，交流研讨', noteEn: 'Sifang Street: discussion' },
    ],
  },
  {
    name: '长江第一湾·红军渡江精神教学线',
    nameEn: 'First Bend of the Yangtze: Red Army River Crossing Route',
    theme: 'red',
    summary: '沿拉市海前往石鼓，在长江第一湾瞻仰红军渡江纪念碑，重温长征精神。',
    summaryEn:
      'Via Lashihai to Shigu, where the Red Army crossed the Jinsha River on the Long March: the memorial at the First Bend of the Yangtze.',
    minutes: 360,
    stops: [
      { station: 'GC-004', note: '古城口集合乘车', noteEn: 'Meet at the Old Town Gate; coach departs' },
      { station: 'YL-004', note: '途中休整', noteEn: 'Rest stop' },
      {
        place: ['石鼓红军渡江纪念碑', 'Shigu Red Army Crossing Memorial', 99.9571, 26.8799],
        note: '瞻仰纪念碑，现场讲解红军渡江',
        noteEn: 'Memorial visit and on-site talk',
      },
      { station: 'YL-006', note: '长江第一湾观景，交流分享', noteEn: 'View over the First Bend; sharing' },
    ],
  },
  {
    name: '束河古镇·党建引领乡村振兴教学线',
    nameEn: 'Shuhe: Party Work and Rural Revitalisation Route',
    theme: 'red',
    summary: '走进束河古镇与龙泉社区，看党建引领下的古镇保护、民宿诚信经营与乡村振兴。',
    summaryEn:
      'Shuhe old town and Longquan community: conservation, honest homestay business and rural revitalisation led by Party work.',
    minutes: 180,
    stops: [
      { station: 'GC-026', note: '集合，古镇保护讲解', noteEn: 'Meet; conservation of the old town' },
      {
        place: ['龙泉社区党群服务中心', 'Longquan Community Party-Masses Service Centre', 100.2071, 26.9172],
        note: '现场教学：社区治理',
        noteEn: 'On-site class: community governance',
      },
      {
        business: { region: '530702', kind: 'homestay', places: ['束河', '白沙', '古城', '大研'] },
        note: '诚信经营示范民宿',
        noteEn: 'A model of honest business',
      },
      { station: 'GC-027', note: '九鼎龙潭，总结交流', noteEn: 'Jiuding Pool: wrap-up' },
    ],
  },
  {
    name: '诚信古城·示范门店与红色驿站教学线',
    nameEn: 'Honest Old Town: Model Shops and Red Stations Route',
    theme: 'red',
    summary: '走访“诚信经营示范门店”与“党员管理示范户”，了解无理由退货、明码标价与红色驿站调解服务。',
    summaryEn:
      'Visit model honest shops and Party-member households: no-reason returns, clear prices and mediation at the red stations.',
    minutes: 120,
    stops: [
      { station: 'GC-009', note: '玉河广场集合', noteEn: 'Meet at Yuhe Square' },
      {
        business: {
          region: '530702',
          kind: 'shop',
          places: ['古城', '大研', '象山', '黑龙潭', '文笔', '金沙', '束河'],
        },
        note: '诚信经营示范门店：明码标价、无理由退货',
        noteEn: 'Model honest shop: clear prices, no-reason returns',
      },
      { station: 'GC-008', note: '纠纷调解服务点', noteEn: 'Dispute mediation point' },
      {
        business: {
          region: '530702',
          kind: 'restaurant',
          places: ['古城', '大研', '象山', '黑龙潭', '文笔', '金沙', '束河'],
        },
        note: '党员管理示范户',
        noteEn: 'Party-member model household',
      },
      { station: 'GC-003', note: '四方街，交流研讨', noteEn: 'Sifang Street: discussion' },
    ],
  },
  {
    name: '大研古城文化漫步',
    nameEn: 'Dayan Old Town Culture Walk',
    theme: 'culture',
    summary: '从大水车到木府、万古楼，一条线读懂纳西古城的水系、街巷与东巴文化。',
    summaryEn:
      'From the water wheels to Mufu Mansion and Wangu Tower: the Naxi old town’s canals, lanes and Dongba culture in one walk.',
    minutes: 240,
    stops: [
      {
        place: ['大水车', 'The Water Wheels', 100.2379, 26.8786],
        note: '古城标志，三眼井取水规矩',
        noteEn: 'The old town’s emblem; the three-pool well rule',
      },
      {
        place: ['四方街', 'Sifang Street', 100.2347, 26.8724],
        note: '茶马古道集市',
        noteEn: 'Tea-horse road market square',
      },
      {
        business: {
          region: '530702',
          kind: 'restaurant',
          places: ['古城', '大研', '象山', '黑龙潭', '文笔', '金沙', '束河', '白沙', '玉湖', '拉市', '雪峰'],
        },
        note: '午餐：纳西风味',
        noteEn: 'Lunch: Naxi food',
      },
      {
        place: ['木府', 'Mufu Mansion', 100.2361, 26.8694],
        note: '土司府邸，需购票',
        noteEn: 'The chieftains’ mansion (ticket)',
      },
      { place: ['万古楼', 'Wangu Tower', 100.2325, 26.8697], note: '登楼俯瞰古城', noteEn: 'View over the old town' },
      { station: 'GC-006', note: '休息、饮水', noteEn: 'Rest and water' },
    ],
  },
  {
    name: '玉龙雪山·蓝月谷自然生态一日游',
    nameEn: 'Jade Dragon Snow Mountain and Blue Moon Valley Day Trip',
    theme: 'nature',
    summary: '白沙古镇出发，经甘海子游客中心至蓝月谷，看雪山冰川与高原湖泊。请提前分时预约景区。',
    summaryEn:
      'From Baisha via the Ganhaizi visitor centre to Blue Moon Valley: glacier and highland lakes. Book the scenic spots’ time slots in advance.',
    minutes: 480,
    stops: [
      { station: 'YL-001', note: '白沙古镇集合', noteEn: 'Meet in Baisha' },
      { station: 'YL-002', note: '游客中心换乘环保车', noteEn: 'Change to the eco-shuttle' },
      {
        // a free place: the demo's scenic-spot businesses stand around the county seat, not on the mountain
        place: ['玉龙雪山冰川公园', 'Jade Dragon Snow Mountain Glacier Park', 100.2096, 27.1118],
        note: '乘索道游览冰川公园，按预约时段入园',
        noteEn: 'Cable car to the glacier park, in your booked time slot',
      },
      { station: 'YL-003', note: '蓝月谷观景', noteEn: 'Blue Moon Valley viewpoint' },
      { station: 'YL-005', note: '玉湖村，返程', noteEn: 'Yuhu village; return' },
    ],
  },
];

/** Stations and routes of the demo prefecture; deterministic (business stops pick the first match by name). */
export async function loadDemoStations(tx: TTx): Promise<{ stations: number; routes: number }> {
  const rows = await tx
    .insert(stations)
    .values(
      DEMO_STATIONS.map(
        ([code, name, nameEn, kind, services, [opens, closes], lng, lat, regionCode, address, addressEn], i) => ({
          code,
          name,
          nameEn,
          kind,
          services: STATION_SERVICES.filter((s) => services.includes(s)),
          opensAtMinute: opens,
          closesAtMinute: closes,
          address,
          addressEn,
          lng,
          lat,
          regionCode,
          phone: `0888-51${String(2000 + i * 7).padStart(5, '0')}`,
        }),
      ),
    )
    .returning();
  const byCode = new Map(rows.map((s) => [s.code, s]));
  const usedBiz = new Set<string>();
  /**
   * The first unused business of the kind in the region whose name starts with one of the given places, in
   * order (the demo's names join a random place to a kind: a Shuhe route wants a 束河 homestay); else any.
   */
  async function business(b: { region: string; kind: string; places: string[] }) {
    const found = await tx
      .select()
      .from(businesses)
      .where(and(like(businesses.regionCode, `${b.region}%`), eq(businesses.kind, b.kind)))
      .orderBy(businesses.name);
    const usable = found.filter((x) => x.lng !== null && x.lat !== null && !usedBiz.has(x.id));
    for (const p of b.places) {
      const hit = usable.find((x) => x.name.startsWith(p));
      if (hit) return hit;
    }
    return usable[0];
  }
  let n = 0;
  for (const r of DEMO_ROUTES) {
    const stops: (typeof routeStops.$inferInsert)[] = [];
    for (const s of r.stops) {
      const base = { routeId: '', seq: stops.length + 1, note: s.note, noteEn: s.noteEn };
      if ('station' in s) {
        const st = byCode.get(s.station)!;
        stops.push({ ...base, stationId: st.id, name: st.name, nameEn: st.nameEn, lng: st.lng, lat: st.lat });
      } else if ('business' in s) {
        const b = await business(s.business);
        if (!b) continue; // a demo without such a business: the route goes on without that stop
        usedBiz.add(b.id);
        stops.push({ ...base, businessId: b.id, name: b.name, nameEn: b.nameEn, lng: b.lng!, lat: b.lat! });
      } else {
        const [name, nameEn, lng, lat] = s.place;
        stops.push({ ...base, name, nameEn, lng, lat });
      }
    }
    const [route] = await tx
      .insert(routes)
      .values({
        name: r.name,
        nameEn: r.nameEn,
        theme: r.theme,
        summary: r.summary,
        summaryEn: r.summaryEn,
        durationMinutes: r.minutes,
        published: true,
      })
      .returning({ id: routes.id });
    await tx.insert(routeStops).values(stops.map((s) => ({ ...s, routeId: route.id })));
    n++;
  }
  return { stations: rows.length, routes: n };
}

/** For tests: the demo's station codes. */
export const DEMO_STATION_CODES = DEMO_STATIONS.map((s) => s[0]);
