import { eq } from 'drizzle-orm';
import type { TDatabase } from '../db/client.js';
import { users } from '../modules/accounts/accounts.tables.js';
import { hashPassword } from '../modules/accounts/passwords.js';
import { departments } from '../modules/master-data/master-data.tables.js';
import { SYSTEM_ACTOR } from '../platform/actor.js';
import { writeAudit } from '../platform/audit.js';
import { loadDemoBusinessProfiles } from './business-profiles.js';
import { loadDemoCredit } from './credit.js';
import { loadDemoDraws } from './draws.js';
import { loadDemoGrids } from './grids.js';
import { loadDemoInspections } from './inspections.js';
import { loadDemoMasterData } from './master-data.js';
import { prng } from './prng.js';
import { loadDemoRatings } from './ratings.js';
import { loadDemoReservations } from './reservations.js';
import { loadDemoReturns } from './returns.js';
import { loadDemoStations } from './stations.js';
import { loadDemoWorkOrders } from './work-orders.js';

export const DEMO_PASSWORD = 'demo1234';

/**
 * Loads the fictional prefecture into an empty database (demo mode only), in one transaction: regions of a
 * real prefecture's GB/T 2260 codes, 12 departments, 153 businesses, grids, practitioners, one account per
 * role and 300 work orders. Returns false when the database already has data.
 */
/** `now` places the demo's history and today's visitors in time (the start's real time unless a test gives one). */
export async function loadDemoDataIfEmpty(database: TDatabase, now = new Date()): Promise<boolean> {
  if ((await database.db.$count(departments)) > 0) return false;
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await database.db.transaction(async (tx) => {
    const rnd = prng(5307);
    const { depts, biz } = await loadDemoMasterData(tx, rnd, passwordHash);
    await loadDemoBusinessProfiles(tx);
    const dept = (code: string) => depts.find((d) => d.code === code)!.id;
    const shop = biz.find((b) => b.kind === 'shop')!;
    const scenicSpots = biz.filter((b) => b.kind === 'scenic_spot');
    const staff: (typeof users.$inferInsert)[] = [
      { role: 'dispatcher', username: 'dispatcher', displayName: '指挥中心 值班员' },
      { role: 'leader', username: 'leader', displayName: '分管领导' },
      { role: 'system_admin', username: 'admin', displayName: '系统管理员' },
      { role: 'security_admin', username: 'secadmin', displayName: '安全管理员' },
      { role: 'audit_admin', username: 'auditor', displayName: '审计管理员' },
      {
        role: 'department_head',
        username: 'head_market',
        displayName: '市场监管局 负责人',
        departmentId: dept('market_supervision'),
      },
      {
        role: 'department_head',
        username: 'head_culture',
        displayName: '文旅局 负责人',
        departmentId: dept('culture_tourism'),
      },
      { role: 'business', username: 'biz1', displayName: `${shop.name} 店长`, businessId: shop.id },
      // The first scenic spot's ticket office: configures its reservations and checks tickets in at the gate.
      {
        role: 'business',
        username: 'spot1',
        displayName: `${scenicSpots[0].name} 票务`,
        businessId: scenicSpots[0].id,
      },
      { role: 'volunteer', username: 'volunteer1', displayName: '志愿者 小和' },
      ...depts.map((d) => ({
        role: 'department_staff',
        username:
          d.code === 'culture_tourism'
            ? 'dept_culture'
            : d.code === 'market_supervision'
              ? 'dept_market'
              : `dept_${d.code}`,
        displayName: `${d.name} 工作人员`,
        departmentId: d.id,
      })),
    ];
    await tx.insert(users).values(staff.map((s) => ({ ...s, passwordHash })));
    await tx.insert(users).values({
      role: 'tourist',
      phone: '13800000000',
      displayName: '游客0000',
      consentVersion: '2026-11',
      consentAt: new Date(),
    });
    await loadDemoGrids(tx, passwordHash, now);
    await loadDemoWorkOrders(tx);
    await loadDemoReservations(
      tx,
      scenicSpots.map((b) => b.id),
      now,
    );
    await loadDemoStations(tx);
    // After the stations: their rating codes are issued with everyone else's.
    await loadDemoRatings(tx, new Date(), [shop.id, scenicSpots[0].id]);
    await loadDemoReturns(
      tx,
      biz.filter((b) => b.kind === 'shop').map((b) => b.id),
      new Date(),
    );
    await loadDemoDraws(tx, depts, passwordHash, now);
    // Inspections (issue 15): checklists, six months of visits, hazards in every state.
    const byName = async (u: string) =>
      (await tx.select({ id: users.id }).from(users).where(eq(users.username, u)))[0].id;
    await loadDemoInspections(
      tx,
      now,
      {
        cultureStaffId: await byName('dept_culture'),
        cultureDeptId: dept('culture_tourism'),
        marketStaffId: await byName('dept_market'),
        marketDeptId: dept('market_supervision'),
      },
      passwordHash,
    );
    // Last: the credit files are built from the orders, returns and ratings above.
    await loadDemoCredit(tx, now, shop.id);
    await writeAudit(tx, SYSTEM_ACTOR, {
      action: 'demo.load',
      objectType: 'system',
      after: { businesses: biz.length, departments: depts.length },
    });
  });
  return true;
}
