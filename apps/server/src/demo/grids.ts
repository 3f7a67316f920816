import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { TTx } from '../db/client.js';
import { users } from '../modules/accounts/accounts.tables.js';
import {
  businessGuarantors,
  gridMembers,
  grids,
  letterTemplates,
  responsibilityLetters,
} from '../modules/grids/grids.tables.js';
import { composeLetterText, letterSha256 } from '../modules/grids/letter-text.js';
import { LETTER_EXPIRY, reminderAt } from '../modules/grids/letters.service.js';
import { businesses } from '../modules/master-data/master-data.tables.js';
import { STAGE, schedule } from '../platform/deadlines/index.js';

const WORK_SAFETY = `为认真贯彻“安全第一、预防为主、综合治理”的方针，落实“谁包保，谁负责”和“隐患就是事故、安全生产没有淡季”的要求，{partyA}与{business}签订本责任状。
一、乙方主要负责人是本单位安全生产第一责任人，对本单位安全生产工作全面负责。
二、乙方建立健全安全生产责任制和各项规章制度，按规定配备消防设施、器材并定期检查维护，保持疏散通道、安全出口畅通。
三、乙方每月至少开展一次安全隐患自查，对网格员和督查组检查发现的问题按期限整改到位，整改情况书面报告甲方。
四、乙方落实节假日“白+黑”“5+2”值班值守制度，发生安全事故立即报告，不得迟报、漏报、瞒报。
五、甲方对乙方履行本责任状情况进行督导检查，检查结果纳入经营主体信用记录。
六、本责任状一式两份，甲乙双方各执一份，自签署之日起生效。`;

const FOREST_FIRE = `为切实做好森林草原防灭火工作，保护景区森林资源和游客生命财产安全，{partyA}与{business}签订本护林防火责任状。
一、乙方在景区入口、游步道及林区边缘设置防火警示标识，防火期内严禁游客携带火种进入林区，严禁野外用火。
二、乙方组建不少于五人的义务扑火队，配备风力灭火机、二号工具等扑火器材，每季度至少组织一次演练。
三、乙方落实防火期24小时值班和领导带班制度，发现火情立即扑救并第一时间报告当地森林防火指挥部和甲方。
四、乙方加强对员工、游客和周边群众的护林防火宣传教育，在游客服务中心滚动播放防火提示。
五、甲方领导班子成员按专属网格包保景区，定期督导检查，对发现的问题限期整改。
六、本责任状一式两份，甲乙双方各执一份，自签署之日起生效。`;

const dayOf = (d: Date) => new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
const addDays = (day: string, n: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

/**
 * The grid half of the demo (issue 15, item 10): leaders' own grids (专属网格) with every A-level scenic spot, grid
 * heads per county, a worker serving two grids (over the load of 3), one grid without a worker, 包保 officials for all
 * businesses but four, two letter templates, and letters signed (online and by scan) and unsigned, two of them
 * expiring within 30 days. The first scenic spot's letter (account spot1) is left unsigned: it signs in its console.
 */
export async function loadDemoGrids(tx: TTx, passwordHash: string, now: Date) {
  const [leader] = await tx.select().from(users).where(eq(users.username, 'leader'));
  const extra = await tx
    .insert(users)
    .values([
      { role: 'leader', username: 'leader2', displayName: '局领导 杨副局长', passwordHash },
      { role: 'leader', username: 'leader3', displayName: '局领导 和副局长', passwordHash },
    ])
    .returning();
  const leaders = [leader, ...extra];
  const spots = await tx
    .select({ id: businesses.id, name: businesses.name, uscc: businesses.uscc, contactName: businesses.contactName })
    .from(businesses)
    .where(eq(businesses.kind, 'scenic_spot'))
    .orderBy(asc(businesses.name));
  const ordinary = await tx.select().from(grids).orderBy(asc(grids.code));

  // 专属网格: one per leader, in the prefecture seat's county; the leader heads it, an ordinary worker helps part-time.
  const leaderGrids = [];
  for (const [i, l] of leaders.entries()) {
    const [g] = await tx
      .insert(grids)
      .values({
        code: `L${String(i + 1).padStart(2, '0')}`,
        name: `局领导专属网格（${'一二三'[i]}）`,
        nameEn: `Leaders' grid ${i + 1}`,
        regionCode: '530702',
        leaderUserId: l.id,
      })
      .returning();
    const helper = (
      await tx
        .select()
        .from(gridMembers)
        .where(eq(gridMembers.gridId, ordinary[ordinary.length - 2 - i].id))
    )[0];
    await tx.insert(gridMembers).values([
      { gridId: g.id, userId: l.id, role: 'grid_head', employment: 'part_time' },
      { gridId: g.id, userId: helper.userId, role: 'grid_worker', employment: 'part_time' },
    ]);
    leaderGrids.push(g);
  }
  const spotLeader = new Map<string, string>();
  for (const [i, s] of spots.entries()) {
    const g = leaderGrids[i % leaderGrids.length];
    await tx.update(businesses).set({ gridId: g.id }).where(eq(businesses.id, s.id));
    spotLeader.set(s.id, g.leaderUserId!);
  }

  // 网格长: in each county, the worker of every fifth grid heads the next four (a head oversees about five grids).
  const byCounty = new Map<string, typeof ordinary>();
  for (const g of ordinary)
    byCounty.set(g.regionCode.slice(0, 6), [...(byCounty.get(g.regionCode.slice(0, 6)) ?? []), g]);
  for (const list of byCounty.values())
    for (let i = 0; i < list.length; i += 5) {
      const [head] = await tx.select().from(gridMembers).where(eq(gridMembers.gridId, list[i].id));
      const led = list.slice(i + 1, i + 5);
      if (led.length)
        await tx
          .insert(gridMembers)
          .values(led.map((g) => ({ gridId: g.id, userId: head.userId, role: 'grid_head', employment: 'full_time' })));
    }
  // One grid has grown to four businesses (two taken from grids of its county): over the load of 3, which the
  // coverage page's move list evens out again.
  const county = [...byCounty.values()].find((l) => l.length >= 4)!;
  for (const from of county.slice(2, 4)) {
    const [b] = await tx.select({ id: businesses.id }).from(businesses).where(eq(businesses.gridId, from.id)).limit(1);
    await tx.update(businesses).set({ gridId: county[1].id }).where(eq(businesses.id, b.id));
  }
  // One worker serves a second grid (4 businesses, over the load of 3); one grid waits for its worker.
  const [w2] = await tx.select().from(gridMembers).where(eq(gridMembers.gridId, ordinary[1].id));
  await tx
    .insert(gridMembers)
    .values({ gridId: ordinary[2].id, userId: w2.userId, role: 'grid_worker', employment: 'part_time' })
    .onConflictDoNothing();
  const last = ordinary[ordinary.length - 1];
  await tx.delete(gridMembers).where(and(eq(gridMembers.gridId, last.id), eq(gridMembers.role, 'grid_worker')));

  // 包保: scenic spots their leader; the rest the culture and tourism or market supervision officials; four none yet.
  const officials = await tx
    .select({ id: users.id, username: users.username })
    .from(users)
    .where(inArray(users.username, ['dept_culture', 'dept_market', 'head_culture', 'head_market']));
  const official = (u: string) => officials.find((o) => o.username === u)!.id;
  const rest = await tx
    .select({ id: businesses.id, kind: businesses.kind })
    .from(businesses)
    .where(sql`${businesses.kind} <> 'scenic_spot'`)
    .orderBy(asc(businesses.name));
  const guarantors = [
    ...spots.map((s) => ({ businessId: s.id, userId: spotLeader.get(s.id)! })),
    ...rest.slice(4).map((b, i) => ({
      businessId: b.id,
      userId: ['shop', 'restaurant'].includes(b.kind)
        ? official(i % 4 ? 'dept_market' : 'head_market')
        : official(i % 4 ? 'dept_culture' : 'head_culture'),
    })),
  ];
  await tx.insert(businessGuarantors).values(guarantors.map((g) => ({ ...g, updatedAt: now })));

  const templates = await tx
    .insert(letterTemplates)
    .values([
      {
        code: 'work_safety',
        topic: 'work_safety',
        title: '文旅行业安全生产责任状',
        titleEn: 'Work safety responsibility letter',
        body: WORK_SAFETY,
        periodMonths: 12,
        partyAName: '市文化和旅游局',
      },
      {
        code: 'forest_fire',
        topic: 'forest_fire',
        title: 'A级旅游景区护林防火责任状',
        titleEn: 'Forest fire prevention letter for A-level scenic spots',
        body: FOREST_FIRE,
        periodMonths: 12,
        partyAName: '市文化和旅游局',
      },
    ])
    .returning();
  const [workSafety, forestFire] = templates;
  const today = dayOf(now);
  const [admin] = await tx.select().from(users).where(eq(users.username, 'admin'));
  const issue = async (
    t: (typeof templates)[number],
    b: { id: string; name: string; uscc: string; contactName: string | null },
    partyA: { id: string; displayName: string },
    startDaysAgo: number,
    signed: 'online' | 'scan' | null,
  ) => {
    const periodStart = addDays(today, -startDaysAgo);
    const periodEnd = addDays(periodStart, 364);
    const text = composeLetterText({
      title: t.title,
      body: t.body,
      partyAName: t.partyAName,
      partyAPerson: partyA.displayName,
      businessName: b.name,
      uscc: b.uscc,
      periodStart,
      periodEnd,
    });
    const issuedAt = new Date(Date.parse(`${periodStart}T02:00:00Z`));
    const [l] = await tx
      .insert(responsibilityLetters)
      .values({
        templateId: t.id,
        topic: t.topic,
        businessId: b.id,
        title: t.title,
        titleEn: t.titleEn,
        text,
        textSha256: letterSha256(text),
        partyAName: t.partyAName,
        partyAUserId: partyA.id,
        periodStart,
        periodEnd,
        issuedByUserId: admin.id,
        issuedAt,
        ...(signed
          ? {
              status: 'signed',
              signedName: b.contactName ?? '负责人',
              signedAt: new Date(issuedAt.getTime() + 2 * 86_400_000),
              signedVia: signed,
            }
          : {}),
      })
      .returning();
    await schedule(tx, {
      kind: LETTER_EXPIRY,
      objectType: 'responsibility_letter',
      objectId: l.id,
      stages: [{ name: STAGE.remind, at: reminderAt(periodEnd, now) }],
      start: now,
    });
  };
  // 护林防火 for every A-level spot with its leader: most signed, two of them ending within 30 days, four unsigned
  // (the first spot's among them).
  for (const [i, s] of spots.entries()) {
    const l = leaders.find((x) => x.id === spotLeader.get(s.id))!;
    const started = i === 1 || i === 2 ? 345 : 40 + i * 3;
    await issue(forestFire, s, l, started, i === 0 || i % 5 === 4 ? null : i % 3 === 0 ? 'scan' : 'online');
  }
  // 安全生产 for the hotels, with the culture and tourism bureau's head: every other one signed.
  const [headCulture] = await tx.select().from(users).where(eq(users.username, 'head_culture'));
  const hotels = await tx
    .select({ id: businesses.id, name: businesses.name, uscc: businesses.uscc, contactName: businesses.contactName })
    .from(businesses)
    .where(and(eq(businesses.kind, 'hotel'), sql`true`))
    .orderBy(asc(businesses.name))
    .limit(10);
  for (const [i, h] of hotels.entries()) await issue(workSafety, h, headCulture, 20 + i, i % 2 ? null : 'online');
  return { unassigned: await tx.$count(businesses, isNull(businesses.gridId)) };
}
