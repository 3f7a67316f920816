import { randomUUID } from 'node:crypto';
import { ROLES, type TRole } from '@zhilv/contracts';
import type { TExecutor } from '../db/client.js';
import { users } from '../modules/accounts/accounts.tables.js';
import { hashPassword } from '../modules/accounts/passwords.js';
import { businesses, departments, regions } from '../modules/master-data/master-data.tables.js';
import { loginStaff, loginTourist, type TSession, type TTestApp } from './build-test-app.js';
import { validUscc } from './uscc-fixture.js';

let seq = 0;
const next = () => `${Date.now().toString(36)}${(++seq).toString(36)}${randomUUID().slice(0, 4)}`;

export const TEST_PASSWORD = 'Test-Passw0rd!';

export async function buildDepartment(db: TExecutor, overrides: Partial<typeof departments.$inferInsert> = {}) {
  const n = next();
  const [row] = await db
    .insert(departments)
    .values({ code: `dept_${n}`, name: `测试部门${n}`, nameEn: `Test department ${n}`, ...overrides })
    .returning();
  return row;
}

export async function buildRegion(db: TExecutor, overrides: Partial<typeof regions.$inferInsert> = {}) {
  const code = overrides.code ?? `53${String(Math.floor(Math.random() * 10_000)).padStart(4, '0')}`;
  const [row] = await db
    .insert(regions)
    .values({ code, name: `测试区${code}`, level: 2, parentCode: null, ...overrides })
    .onConflictDoNothing()
    .returning();
  return row ?? { code, name: `测试区${code}`, level: 2, parentCode: null };
}

export async function buildBusiness(db: TExecutor, overrides: Partial<typeof businesses.$inferInsert> = {}) {
  const n = next();
  const [row] = await db
    .insert(businesses)
    .values({
      name: `测试商户${n}`,
      kind: 'shop',
      uscc: validUscc(),
      regionCode: '530702',
      lng: 100.23,
      lat: 26.87,
      ...overrides,
    })
    .returning();
  return row;
}

export async function buildUser(
  db: TExecutor,
  overrides: Partial<typeof users.$inferInsert> & { role: TRole; password?: string },
) {
  const { password, ...rest } = overrides;
  const n = next();
  const [row] = await db
    .insert(users)
    .values({
      username: rest.role === 'tourist' ? null : `u_${n}`,
      displayName: `测试用户${n}`,
      passwordHash: rest.role === 'tourist' ? null : await hashPassword(password ?? TEST_PASSWORD),
      ...rest,
    })
    .returning();
  return { ...row, password: password ?? TEST_PASSWORD };
}

/**
 * One signed-in session for every role (a department role in one department, the business account of one
 * business, a tourist by the given phone): what the role × route tests send their requests with.
 */
export async function sessionsForEveryRole(t: TTestApp, touristPhone: string): Promise<Map<TRole, TSession>> {
  const db = t.database.db;
  const dept = await buildDepartment(db);
  const biz = await buildBusiness(db);
  const sessions = new Map<TRole, TSession>();
  for (const role of ROLES) {
    if (role === 'tourist') {
      sessions.set(role, await loginTourist(t.app, touristPhone));
      continue;
    }
    const u = await buildUser(db, {
      role,
      departmentId: role.startsWith('department') ? dept.id : null,
      businessId: role === 'business' ? biz.id : null,
    });
    sessions.set(role, await loginStaff(t.app, u.username!, TEST_PASSWORD));
  }
  return sessions;
}
