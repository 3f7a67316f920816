import { and, desc, eq, gt, isNull, lt, sql } from 'drizzle-orm';
import type { TExecutor } from '../../db/client.js';
import { departments } from '../master-data/index.js';
import { otpCodes, sessions, users } from './accounts.tables.js';
import { sessionCache } from './session-cache.js';

export type TUserRow = typeof users.$inferSelect;

export const findUserByUsername = async (db: TExecutor, username: string) =>
  (await db.select().from(users).where(eq(users.username, username)).limit(1))[0];

export const findUserById = async (db: TExecutor, id: string) =>
  (await db.select().from(users).where(eq(users.id, id)).limit(1))[0];

export const findTouristByPhone = async (db: TExecutor, phone: string) =>
  (
    await db
      .select()
      .from(users)
      .where(and(eq(users.phone, phone), eq(users.role, 'tourist')))
      .limit(1)
  )[0];

export async function insertUser(db: TExecutor, values: typeof users.$inferInsert) {
  const [row] = await db.insert(users).values(values).returning();
  return row;
}

export async function updateUser(db: TExecutor, id: string, values: Partial<typeof users.$inferInsert>) {
  sessionCache.forgetUser(id);
  const [row] = await db.update(users).set(values).where(eq(users.id, id)).returning();
  return row;
}

export async function findSessionWithUser(db: TExecutor, sessionId: string) {
  const rows = await db
    .select({ session: sessions, user: users, departmentName: departments.name, departmentNameEn: departments.nameEn })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .leftJoin(departments, eq(departments.id, users.departmentId))
    .where(eq(sessions.id, sessionId))
    .limit(1);
  return rows[0];
}

export async function insertSession(db: TExecutor, values: typeof sessions.$inferInsert) {
  await db.insert(sessions).values(values);
}

export const touchSession = (db: TExecutor, id: string, at: Date) =>
  db.update(sessions).set({ lastSeenAt: at }).where(eq(sessions.id, id));

// Session deletes and user changes also drop this process's cached copy at once (other processes hear of it
// through the zl_auth trigger).
export const deleteSession = (db: TExecutor, id: string) => {
  sessionCache.forgetSession(id);
  return db.delete(sessions).where(eq(sessions.id, id));
};

export const deleteUserSessions = (db: TExecutor, userId: string) => {
  sessionCache.forgetUser(userId);
  return db.delete(sessions).where(eq(sessions.userId, userId));
};

export async function insertOtp(db: TExecutor, values: typeof otpCodes.$inferInsert) {
  await db.insert(otpCodes).values(values);
}

/** Codes sent to a phone (or from an IP) since `since`: the send limits count these. */
export async function countOtpSince(db: TExecutor, by: { phone?: string; ip?: string }, since: Date) {
  const cond = by.phone ? eq(otpCodes.phone, by.phone) : eq(otpCodes.ip, by.ip ?? '');
  return db.$count(otpCodes, and(cond, gt(otpCodes.createdAt, since)));
}

export async function findLatestLiveOtp(db: TExecutor, phone: string, purpose: string, now: Date) {
  return (
    await db
      .select()
      .from(otpCodes)
      .where(
        and(
          eq(otpCodes.phone, phone),
          eq(otpCodes.purpose, purpose),
          isNull(otpCodes.usedAt),
          gt(otpCodes.expiresAt, now),
        ),
      )
      .orderBy(desc(otpCodes.createdAt))
      .limit(1)
  )[0];
}

/** Marks a code used only if still unused: two racing logins with one code cannot both win. */
export async function consumeOtp(db: TExecutor, id: string, now: Date) {
  const rows = await db
    .update(otpCodes)
    .set({ usedAt: now })
    .where(and(eq(otpCodes.id, id), isNull(otpCodes.usedAt)))
    .returning({ id: otpCodes.id });
  return rows.length === 1;
}

export const bumpOtpAttempts = (db: TExecutor, id: string) =>
  db
    .update(otpCodes)
    .set({ attempts: sql`${otpCodes.attempts} + 1` })
    .where(eq(otpCodes.id, id));

export const deleteExpiredSessions = (db: TExecutor, now: Date) =>
  db.delete(sessions).where(lt(sessions.expiresAt, now));

export async function listUsers(db: TExecutor, page: number, pageSize: number, role?: string) {
  const cond = role ? eq(users.role, role) : sql`${users.role} <> 'tourist'`;
  const items = await db
    .select()
    .from(users)
    .where(cond)
    .orderBy(users.role, users.username)
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  return { items, total: await db.$count(users, cond) };
}

/** The business's own accounts (to tell them of something about their business). */
export async function businessAccountIds(db: TExecutor, businessId: string) {
  const rows = await db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.businessId, businessId), eq(users.role, 'business')));
  return rows.map((r) => r.id);
}
