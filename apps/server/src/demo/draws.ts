import { and, inArray } from 'drizzle-orm';
import type { TDb, TTx } from '../db/client.js';
import { users } from '../modules/accounts/accounts.tables.js';
import { gradesOf } from '../modules/credit/index.js';
import { createDrawService } from '../modules/draws/index.js';
import { responsiblesOf } from '../modules/grids/index.js';
import { SYSTEM_ACTOR, type TActor } from '../platform/actor.js';
import { createEventHub } from '../platform/events.js';

const DAY = 86_400_000;

const actorOf = (u: { id: string; role: string; displayName: string; departmentId: string | null }): TActor => ({
  id: u.id,
  role: u.role as TActor['role'],
  displayName: u.displayName,
  departmentId: u.departmentId,
  businessId: null,
  ip: null,
});

/**
 * 双随机 demo: certified inspectors in market supervision (4 more accounts, inspector1–4) and culture & tourism
 * (inspector5–6), a declared relation, a joint plan drawn 30 days ago whose tasks are partly inspected and
 * published (some still open, one result waiting for publication), and a pending plan in draft. It runs the module's
 * own use cases (freeze, draw, record, publish) inside the demo's transaction (each as a savepoint), so the demo's
 * draw is verifiable on the public page exactly like a real one.
 */
export async function loadDemoDraws(tx: TTx, depts: { id: string; code: string }[], passwordHash: string, now: Date) {
  const dept = (code: string) => depts.find((d) => d.code === code)!.id;
  const market = dept('market_supervision');
  const culture = dept('culture_tourism');
  const extra = [
    ['inspector1', '市场监管局 执法员 和建国', market],
    ['inspector2', '市场监管局 执法员 李秀英', market],
    ['inspector3', '市场监管局 执法员 王志强', market],
    ['inspector4', '市场监管局 执法员 杨海燕', market],
    ['inspector5', '文旅局 执法员 木文军', culture],
    ['inspector6', '文旅局 执法员 赵春梅', culture],
  ] as const;
  await tx.insert(users).values(
    extra.map(([username, displayName, departmentId]) => ({
      role: 'department_staff',
      username,
      displayName,
      departmentId,
      passwordHash,
    })),
  );
  const people = await tx
    .select({
      id: users.id,
      role: users.role,
      displayName: users.displayName,
      departmentId: users.departmentId,
      username: users.username,
    })
    .from(users)
    .where(
      and(inArray(users.role, ['department_staff', 'department_head']), inArray(users.departmentId, [market, culture])),
    );
  const byName = (u: string) => people.find((p) => p.username === u)!;
  let at = new Date(now.getTime() - 45 * DAY);
  const clock = { now: () => at };
  // The demo's transaction stands in for the database: each use case's own transaction becomes a savepoint of it.
  const service = createDrawService({
    db: tx as unknown as TDb,
    clock,
    events: createEventHub(),
    responsiblesOf,
    gradesOf,
  });
  const admin: TActor = { ...SYSTEM_ACTOR, role: 'system_admin', displayName: 'demo' };
  for (const [i, p] of people.sort((a, b) => (a.username ?? '').localeCompare(b.username ?? '')).entries())
    await service.createCertificate(admin, {
      userId: p.id,
      certificateNo: `ZF5307${p.departmentId === market ? 'SJ' : 'WL'}${String(2024001 + i)}`,
      departmentId: p.departmentId!,
      validFrom: '2024-01-01',
      validUntil: '2028-12-31',
    });

  const headMarket = actorOf(byName('head_market'));
  const plan = await service.createPlan(headMarket, {
    name: '2026年第三季度旅游市场“双随机、一公开”联合抽查',
    departmentIds: [market, culture],
    periodStart: '2026-10-01',
    periodEnd: '2026-12-31',
    kinds: ['shop', 'restaurant', 'homestay', 'hotel'],
    countyCodes: [],
    grades: [],
    ratios: { A: 0.05, B: 0.1, C: 0.2, D: 0.3, ungraded: 0.15 },
    inspectorsPerTarget: 2,
    taskWorkingDays: 20,
  });
  at = new Date(now.getTime() - 31 * DAY);
  await service.freeze(headMarket, plan.id);
  at = new Date(now.getTime() - 30 * DAY);
  const drawn = await service.draw(headMarket, plan.id, '2026-11-01 福彩3D 第2026296期 517');

  // Most tasks inspected within the next weeks; the first eight published, the ninth waiting, the rest still open.
  const outcomes = [
    ['compliant', '', ''],
    ['rectify', '价格公示牌未标明计价单位', '当场责令改正，已整改完毕'],
    ['compliant', '', ''],
    ['rectify', '消防通道堆放杂物', '责令3日内整改，复查合格'],
    ['compliant', '', ''],
    ['referred', '销售无中文标签预包装食品', '已移送立案调查'],
    ['compliant', '', ''],
    ['rectify', '从业人员健康证过期', '责令限期办理，已补办'],
    ['compliant', '', ''],
  ] as const;
  const inspected = drawn.tasks.slice(0, outcomes.length);
  for (const [i, task] of inspected.entries()) {
    at = new Date(now.getTime() - (25 - i * 2) * DAY);
    const inspector = people.find((p) => p.id === task.inspectors[0].id)!;
    const [result, problems, handling] = outcomes[i];
    await service.recordResult(actorOf(inspector), task.id, {
      result,
      problems,
      handling,
      inspectedAt: at.toISOString(),
    });
    if (i === 7) {
      at = new Date(now.getTime() - 6 * DAY);
      await service.publish(headMarket, plan.id);
    }
  }

  // A relation declared after the draw: the next draw keeps inspector1 from this business.
  at = new Date(now.getTime() - 2 * DAY);
  const someTask = drawn.tasks[drawn.tasks.length - 1];
  if (someTask)
    await service.declareRelation(actorOf(byName('inspector1')), {
      businessId: someTask.businessId,
      reason: '近亲属在该店任职',
    });

  // The next quarter's plan, not yet frozen.
  await service.createPlan(actorOf(byName('head_culture')), {
    name: '2026年第四季度A级旅游景区“双随机”抽查',
    departmentIds: [culture],
    periodStart: '2026-12-01',
    periodEnd: '2027-02-28',
    kinds: ['scenic_spot', 'travel_agency'],
    countyCodes: [],
    grades: [],
    ratios: { A: 0.05, B: 0.1, C: 0.2, D: 0.3, ungraded: 0.2 },
    inspectorsPerTarget: 2,
    taskWorkingDays: 15,
  });
}
