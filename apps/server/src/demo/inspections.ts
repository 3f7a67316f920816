import { DEFAULT_RECTIFICATION_DAYS, type TChecklistTopic, timeFlags } from '@zhilv/contracts';
import { asc, eq, isNotNull } from 'drizzle-orm';
import type { TTx } from '../db/client.js';
import { users } from '../modules/accounts/accounts.tables.js';
import { gridMembers, grids } from '../modules/grids/grids.tables.js';
import { INTERVIEW_FOLLOW_UP, RECTIFICATION_DEADLINE } from '../modules/inspections/index.js';
import {
  checklists,
  hazards,
  inspections,
  interviews,
  type TStoredItem,
} from '../modules/inspections/inspections.tables.js';
import { businesses } from '../modules/master-data/master-data.tables.js';
import { schedule } from '../platform/deadlines/index.js';
import { prng } from './prng.js';

const DAY = 86_400_000;

type TDemoList = {
  code: string;
  name: string;
  nameEn: string;
  topic: TChecklistTopic;
  kind: string | null;
  items: TStoredItem[];
};

const item = (
  key: string,
  text: string,
  textEn: string,
  severity: TStoredItem['severity'],
  legalBasis: string,
  photoRequired = true,
): TStoredItem => ({ key, text, textEn, severity, photoRequired, legalBasis });

/** The demo's checklists: one per topic of the issue, each for the kinds of business it fits. */
const LISTS: TDemoList[] = [
  {
    code: 'hotel_fire',
    name: '宾馆饭店消防安全检查',
    nameEn: 'Hotel fire safety',
    topic: 'fire_safety',
    kind: 'hotel',
    items: [
      item(
        'exits',
        '安全出口、疏散通道畅通，无堵塞、锁闭',
        'Exits and escape routes clear, not blocked or locked',
        'major',
        '《中华人民共和国消防法》第二十八条',
      ),
      item(
        'extinguishers',
        '灭火器、消火栓完好有效',
        'Extinguishers and hydrants in working order',
        'general',
        '《消防法》第十六条',
      ),
      item(
        'emergency_light',
        '应急照明、疏散指示标志完好',
        'Emergency lighting and exit signs working',
        'general',
        'GB 51309-2018',
      ),
      item(
        'records',
        '每日防火巡查记录完整',
        'Daily fire patrol records kept',
        'minor',
        '《机关、团体、企业、事业单位消防安全管理规定》第二十五条',
        false,
      ),
    ],
  },
  {
    code: 'homestay_fire',
    name: '民宿消防安全检查',
    nameEn: 'Homestay fire safety',
    topic: 'fire_safety',
    kind: 'homestay',
    items: [
      item(
        'smoke_alarms',
        '客房安装独立式感烟火灾探测报警器',
        'Smoke alarms in every room',
        'major',
        '《农家乐（民宿）建筑防火导则（试行）》',
      ),
      item('extinguishers', '每层配置灭火器', 'Extinguishers on every floor', 'general', '《消防法》第十六条'),
      item('wiring', '电气线路无私拉乱接', 'No improvised wiring', 'general', '《消防法》第二十七条'),
    ],
  },
  {
    code: 'scenic_forest_fire',
    name: '景区森林防火检查',
    nameEn: 'Scenic spot forest fire prevention',
    topic: 'forest_fire',
    kind: 'scenic_spot',
    items: [
      item(
        'letter',
        '签订护林防火责任状',
        'Forest fire responsibility letter signed',
        'general',
        '《森林防火条例》第十条',
        false,
      ),
      item(
        'no_fire',
        '防火期内景区无野外用火',
        'No open fire in the fire season',
        'major',
        '《森林防火条例》第二十五条',
      ),
      item(
        'patrol',
        '护林员巡护到位、有记录',
        'Forest rangers patrol and log it',
        'minor',
        '《森林防火条例》第二十条',
        false,
      ),
      item(
        'equipment',
        '扑火工具和物资储备充足',
        'Fire-fighting tools and stores ready',
        'general',
        '《森林防火条例》第二十二条',
      ),
    ],
  },
  {
    code: 'licences',
    name: '证照资质检查',
    nameEn: 'Licences',
    topic: 'licences',
    kind: null,
    items: [
      item(
        'business_licence',
        '营业执照在有效期内并公示',
        'Business licence valid and displayed',
        'general',
        '《市场主体登记管理条例》第三十六条',
      ),
      item('permit', '行业经营许可证在有效期内', 'Trade permit valid', 'major', '《旅游法》第二十八条'),
      item(
        'staff_certs',
        '从业人员持证上岗',
        'Staff hold the certificates their work needs',
        'minor',
        '《导游管理办法》第五条',
        false,
      ),
    ],
  },
  {
    code: 'price_display',
    name: '明码标价检查',
    nameEn: 'Price display',
    topic: 'price_display',
    kind: 'shop',
    items: [
      item(
        'tags',
        '商品标价签齐全、内容规范',
        'Every item carries a proper price tag',
        'general',
        '《明码标价和禁止价格欺诈规定》第五条',
      ),
      item(
        'no_double',
        '无价外加价、虚假折扣',
        'No hidden surcharges or false discounts',
        'major',
        '《价格法》第十四条',
      ),
      item('hotline', '公示投诉电话12345', 'Complaint hotline 12345 displayed', 'minor', '《旅游法》第九十一条', false),
    ],
  },
  {
    code: 'restaurant_hygiene',
    name: '餐饮卫生检查',
    nameEn: 'Restaurant hygiene',
    topic: 'hygiene',
    kind: 'restaurant',
    items: [
      item(
        'health_certs',
        '从业人员健康证明有效',
        'Staff health certificates valid',
        'general',
        '《食品安全法》第四十五条',
      ),
      item(
        'storage',
        '食品贮存生熟分开、离地离墙',
        'Raw and cooked food stored apart, off the floor',
        'general',
        '《食品安全法》第三十三条',
      ),
      item('expired', '无过期变质食品', 'No expired or spoiled food', 'major', '《食品安全法》第三十四条'),
    ],
  },
  {
    code: 'crowd_control',
    name: '景区客流管控检查',
    nameEn: 'Scenic spot crowd control',
    topic: 'crowd_control',
    kind: 'scenic_spot',
    items: [
      item('capacity', '最大承载量核定并公示', 'Maximum capacity set and displayed', 'general', '《旅游法》第四十五条'),
      item(
        'reservation',
        '实行门票预约、分时段入园',
        'Timed reservations in force',
        'minor',
        '《旅游景区恢复开放疫情防控措施指南》',
        false,
      ),
      item(
        'plan',
        '超量应急预案和疏导措施到位',
        'Overcrowding plan and stewards in place',
        'major',
        '《旅游法》第七十九条',
      ),
    ],
  },
  {
    code: 'special_equipment',
    name: '游乐及特种设备检查',
    nameEn: 'Rides and special equipment',
    topic: 'special_equipment',
    kind: 'entertainment',
    items: [
      item(
        'inspection_cert',
        '特种设备定期检验合格并在有效期内',
        'Special equipment inspected and in date',
        'major',
        '《特种设备安全法》第四十条',
      ),
      item('operators', '作业人员持特种设备作业人员证', 'Operators certified', 'general', '《特种设备安全法》第十四条'),
      item(
        'daily_check',
        '每日运营前试运行检查有记录',
        'Daily pre-opening check logged',
        'minor',
        '《大型游乐设施安全监察规定》第二十二条',
        false,
      ),
    ],
  },
];

const KINDS = ['patrol', 'patrol', 'campaign', 'random_draw', 'mystery', 'reinspection'] as const;

/**
 * Checklists (one revised to a second version), six months of inspections of every kind by the grid workers of
 * the businesses' grids and by two departments, and their hazards in every state: open in time, open overdue,
 * answered and waiting for re-inspection, rejected into a second round, closed on time and closed late. Grid 1's
 * first business gets an account (`grid1biz`) for the inspection journey. Deterministic (seeded), dated back from
 * `now`; open hazards are scheduled on the deadline engine as a real submission would schedule them.
 */
export async function loadDemoInspections(
  tx: TTx,
  now: Date,
  staff: { cultureStaffId: string; cultureDeptId: string; marketStaffId: string; marketDeptId: string },
  passwordHash: string,
) {
  const rnd = prng(1915);
  const pick = <T>(a: readonly T[]) => a[Math.floor(rnd() * a.length)];
  const lists = new Map<string, typeof checklists.$inferSelect>();
  for (const l of LISTS) {
    const [row] = await tx
      .insert(checklists)
      .values({
        code: l.code,
        version: 1,
        name: l.name,
        nameEn: l.nameEn,
        topic: l.topic,
        businessKind: l.kind,
        items: l.items,
        active: true,
        createdAt: new Date(now.getTime() - 200 * DAY),
      })
      .returning();
    lists.set(l.code, row);
  }
  // The licence list was revised: a third item added. Inspections before the revision keep version 1.
  const v1 = lists.get('licences')!;
  await tx.update(checklists).set({ active: false }).where(eq(checklists.id, v1.id));
  const [v2] = await tx
    .insert(checklists)
    .values({
      ...LISTS[3],
      businessKind: null,
      version: 2,
      items: [
        ...LISTS[3].items,
        item('insurance', '投保旅游安全责任险', 'Tourism liability insurance held', 'general', '《旅游法》第五十六条'),
      ],
      active: true,
      createdAt: new Date(now.getTime() - 60 * DAY),
    })
    .returning();
  const revisedAt = v2.createdAt.getTime();

  const biz = await tx
    .select({
      id: businesses.id,
      kind: businesses.kind,
      name: businesses.name,
      gridId: businesses.gridId,
      regionCode: businesses.regionCode,
      lng: businesses.lng,
      lat: businesses.lat,
    })
    .from(businesses)
    .where(isNotNull(businesses.gridId))
    .orderBy(asc(businesses.name));
  // each grid's inspector: its first grid worker (网格员), else its head
  const members = await tx
    .select({ gridId: gridMembers.gridId, userId: gridMembers.userId, role: gridMembers.role })
    .from(gridMembers)
    .orderBy(asc(gridMembers.role), asc(gridMembers.userId));
  const workers = new Map(
    (await tx.select({ id: grids.id, code: grids.code }).from(grids)).map((g) => {
      const mine = members.filter((m) => m.gridId === g.id);
      const w = (mine.find((m) => m.role === 'grid_worker') ?? mine[0])?.userId ?? null;
      return [g.id, { ...g, w }];
    }),
  );

  // Grid 1's first business answers its hazards in the journey: its own account.
  const g1 = [...workers.values()].find((g) => g.code === 'G001');
  const g1biz = biz.find((b) => b.gridId === g1?.id);
  if (g1biz)
    await tx.insert(users).values({
      role: 'business',
      username: 'grid1biz',
      displayName: `${g1biz.name} 负责人`,
      businessId: g1biz.id,
      passwordHash,
    });

  const listFor = (kind: string, at: number) => {
    const own = LISTS.filter((l) => l.kind === kind).map((l) => lists.get(l.code)!);
    const lic = at >= revisedAt ? v2 : v1;
    return own.length && rnd() < 0.7 ? pick(own) : lic;
  };

  let hazardSerial = 0;
  const plannedHazards: { id: string; createdAt: Date; dueAt: Date }[] = [];
  for (let n = 0; n < 240; n++) {
    const b = biz[Math.floor(rnd() * biz.length)];
    const byDept = rnd() < 0.3;
    const inspector = byDept ? (rnd() < 0.5 ? staff.cultureStaffId : staff.marketStaffId) : workers.get(b.gridId!)?.w;
    const departmentId = byDept
      ? inspector === staff.cultureStaffId
        ? staff.cultureDeptId
        : staff.marketDeptId
      : null;
    let kind: (typeof KINDS)[number] = pick(KINDS);
    if (kind === 'mystery' && !byDept) kind = 'campaign';
    // Mostly working hours; campaigns often at night or at weekends (白+黑, 5+2).
    const daysAgo = 1 + Math.floor(rnd() * 180);
    const hour = kind === 'campaign' && rnd() < 0.6 ? 20 + Math.floor(rnd() * 3) : 9 + Math.floor(rnd() * 8);
    const dayStart = Math.floor((now.getTime() + 8 * 3_600_000) / DAY) * DAY - 8 * 3_600_000;
    const started = new Date(dayStart - daysAgo * DAY + hour * 3_600_000 + Math.floor(rnd() * 50) * 60_000);
    if (started.getTime() > now.getTime() - 3_600_000) continue;
    const submitted = new Date(started.getTime() + (20 + Math.floor(rnd() * 40)) * 60_000);
    const list = listFor(b.kind, started.getTime());
    const results = list.items.map((i) => ({
      key: i.key,
      outcome: (rnd() < 0.12 ? 'fail' : rnd() < 0.08 ? 'not_applicable' : 'pass') as 'pass' | 'fail' | 'not_applicable',
      note: '',
      photoIds: [] as string[],
    }));
    for (const r of results)
      if (r.outcome === 'fail')
        r.note = pick(['现场检查发现不符合要求', '已当场指出，要求限期整改', '负责人在场，已签字确认']);
    const failed = results.filter((r) => r.outcome === 'fail');
    const flags = timeFlags(started);
    const off = rnd() < 0.08;
    const [row] = await tx
      .insert(inspections)
      .values({
        kind,
        businessId: b.id,
        gridId: b.gridId,
        regionCode: b.regionCode,
        departmentId,
        inspectorUserId: inspector ?? null,
        checklistId: list.id,
        drawTaskId: null,
        startedAt: started,
        submittedAt: submitted,
        lng: b.lng == null ? null : b.lng + (off ? 0.01 : 0.0003),
        lat: b.lat,
        distanceM: b.lng == null ? null : off ? 1000 : 30,
        farFromBusiness: off,
        night: flags.night,
        weekend: flags.weekend,
        result: failed.length ? 'fail' : 'pass',
        results,
        notes: kind === 'random_draw' ? '双随机抽查（抽查任务由双随机模块关联）' : '',
        confirmedByName: rnd() < 0.7 ? '现场负责人' : null,
        confirmedAt: submitted,
        confirmedVia: 'screen',
        publishedAt: kind === 'mystery' && rnd() < 0.5 ? null : submitted,
      })
      .returning();
    if (!row.confirmedByName)
      await tx.update(inspections).set({ confirmedAt: null, confirmedVia: null }).where(eq(inspections.id, row.id));
    const items = new Map(list.items.map((i) => [i.key, i]));
    for (const r of failed) {
      const it = items.get(r.key)!;
      const days = DEFAULT_RECTIFICATION_DAYS[it.severity];
      const dueAt = new Date(submitted.getTime() + days * DAY);
      const state = pick(['closed', 'closed', 'closed_late', 'answered', 'open', 'rejected'] as const);
      const past = dueAt.getTime() < now.getTime();
      const answeredAt = new Date(submitted.getTime() + Math.floor(days * (state === 'closed_late' ? 1.4 : 0.6) * DAY));
      const history = [{ at: submitted.toISOString(), action: 'issued', by: inspector ?? null, note: '' }];
      let status: 'open' | 'answered' | 'closed' = 'open';
      let round = 1;
      let due = dueAt;
      let overdueAt: Date | null = null;
      let closedAt: Date | null = null;
      let closedOnTime: boolean | null = null;
      if (state !== 'open' && answeredAt.getTime() < now.getTime()) {
        history.push({ at: answeredAt.toISOString(), action: 'answered', by: null, note: '已按要求整改' });
        status = 'answered';
        if (state === 'closed_late') {
          overdueAt = new Date(dueAt.getTime() + 1);
          history.splice(1, 0, { at: overdueAt.toISOString(), action: 'overdue', by: null, note: '' });
        }
        const reviewedAt = new Date(answeredAt.getTime() + DAY);
        if ((state === 'closed' || state === 'closed_late') && reviewedAt.getTime() < now.getTime()) {
          status = 'closed';
          closedAt = reviewedAt;
          closedOnTime = state === 'closed';
          history.push({ at: reviewedAt.toISOString(), action: 'accepted', by: inspector ?? null, note: '复查合格' });
        } else if (state === 'rejected' && reviewedAt.getTime() < now.getTime()) {
          status = 'open';
          round = 2;
          due = new Date(reviewedAt.getTime() + days * DAY);
          history.push({ at: reviewedAt.toISOString(), action: 'rejected', by: inspector ?? null, note: '整改不到位' });
        }
      } else if (past) {
        overdueAt = new Date(dueAt.getTime() + 1);
        history.push({ at: overdueAt.toISOString(), action: 'overdue', by: null, note: '' });
      }
      const [h] = await tx
        .insert(hazards)
        .values({
          hazardNo: `YH${new Date(submitted.getTime() + 8 * 3_600_000).toISOString().slice(0, 10).replaceAll('-', '')}D${String(++hazardSerial).padStart(5, '0')}`,
          inspectionId: row.id,
          businessId: b.id,
          gridId: b.gridId,
          regionCode: b.regionCode,
          departmentId,
          itemKey: it.key,
          itemText: it.text,
          itemTextEn: it.textEn,
          legalBasis: it.legalBasis,
          severity: it.severity,
          description: r.note,
          status,
          dueAt: due,
          round,
          overdueAt,
          supervisorUserId: inspector ?? null,
          answerText: status === 'answered' || status === 'closed' ? '已按要求整改，附整改照片' : null,
          answeredAt: status === 'answered' || status === 'closed' ? answeredAt : null,
          closedAt,
          closedOnTime,
          history,
          createdAt: submitted,
          updatedAt: submitted,
        })
        .returning();
      if (status === 'open')
        plannedHazards.push({
          id: h.id,
          createdAt: round === 1 ? submitted : new Date(due.getTime() - days * DAY),
          dueAt: due,
        });
    }
  }
  // Open hazards run on the deadline engine; those long overdue get only the stages still ahead of them.
  for (const h of plannedHazards) {
    const span = h.dueAt.getTime() - h.createdAt.getTime();
    const stages = [
      { name: 'remind_80' as const, at: new Date(h.createdAt.getTime() + Math.round(span * 0.8)) },
      { name: 'overdue' as const, at: new Date(h.dueAt.getTime() + 1) },
      { name: 'report_leader' as const, at: new Date(h.dueAt.getTime() + span + 1) },
    ].filter((s) => s.at.getTime() > now.getTime());
    if (stages.length)
      await schedule(tx, { kind: RECTIFICATION_DEADLINE, objectType: 'hazard', objectId: h.id, stages, start: now });
  }

  // Two interviews after incidents (约谈), one with its follow-up still ahead.
  const scenic = biz.filter((b) => b.kind === 'scenic_spot');
  const day = (d: number) => new Date(now.getTime() + d * DAY).toISOString().slice(0, 10);
  if (scenic.length < 2) return;
  const rows = await tx
    .insert(interviews)
    .values([
      {
        businessId: scenic[0].id,
        departmentId: staff.cultureDeptId,
        incident: '国庆假期游客滞留、排队超过两小时，引发多起投诉',
        heldAt: new Date(now.getTime() - 50 * DAY),
        participants: [
          { name: '文旅局 分管副局长', organisation: '文化和旅游局' },
          { name: '景区总经理', organisation: scenic[0].name },
        ],
        minutes: '通报节假日客流管控问题，指出未按核定最大承载量实行预约限流，责令限期整改。',
        commitments: [
          { text: '严格执行分时段预约，达到最大承载量80%时停止售票', dueOn: day(-40) },
          { text: '增设排队区遮阳棚和引导员', dueOn: day(-30) },
        ],
        followUpOn: day(-20),
        createdBy: staff.cultureStaffId,
        createdAt: new Date(now.getTime() - 50 * DAY),
      },
      {
        businessId: scenic[1].id,
        departmentId: staff.cultureDeptId,
        incident: '游客在观景台栏杆处跌倒受伤',
        heldAt: new Date(now.getTime() - 5 * DAY),
        participants: [
          { name: '文旅局 安全生产科科长', organisation: '文化和旅游局' },
          { name: '景区安全负责人', organisation: scenic[1].name },
        ],
        minutes: '约谈景区负责人，要求全面排查游步道和观景台护栏，落实安全警示。',
        commitments: [{ text: '更换观景台护栏并设置警示标识', dueOn: day(10) }],
        followUpOn: day(14),
        createdBy: staff.cultureStaffId,
        createdAt: new Date(now.getTime() - 5 * DAY),
      },
    ])
    .returning();
  // A follow-up still ahead reminds the department on its day, as a recorded interview would.
  for (const r of rows) {
    const at = new Date(`${r.followUpOn}T01:00:00.000Z`);
    if (r.followUpOn && at.getTime() > now.getTime())
      await schedule(tx, {
        kind: INTERVIEW_FOLLOW_UP,
        objectType: 'interview',
        objectId: r.id,
        stages: [{ name: 'remind', at }],
        start: now,
      });
  }
}
