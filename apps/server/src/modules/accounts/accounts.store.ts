import { and, desc, eq, gt, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import { rowsOf, type TExecutor } from '../../db/client.js';
import { businesses, departments } from '../master-data/index.js';
import { loginAttempts, otpCodes, sessions, users } from './accounts.tables.js';
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

export const findTouristByEmail = async (db: TExecutor, email: string) =>
  (
    await db
      .select()
      .from(users)
      .where(and(eq(users.email, email), eq(users.role, 'tourist')))
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

/**
 * Takes one attempt on the phone's newest live code, in one conditional statement, BEFORE the caller compares:
 * concurrent guesses each take their own attempt (the row lock orders them and the limit is re-checked on the
 * newest row), so exactly `max` are ever compared. Undefined when there is no live code or its attempts are used.
 */
export async function takeOtpAttempt(db: TExecutor, phone: string, purpose: string, now: Date, max: number) {
  const at = now.toISOString();
  const res = await db.execute(sql`
    update otp_codes set attempts = attempts + 1
    where id = (
      select id from otp_codes
      where phone = ${phone} and purpose = ${purpose} and used_at is null and expires_at > ${at}::timestamptz
      order by created_at desc limit 1
    ) and attempts < ${max} and used_at is null
    returning id, code_hash`);
  return rowsOf<{ id: string; code_hash: string }>(res)[0];
}

export type TAttemptLimits = {
  pairMax: number;
  accountMax: number;
  pairLockMinutes: number;
  accountLockMinutes: number;
};

/**
 * Counts a sign-in attempt against the (account, address) pair and against the account across addresses, in ONE
 * statement, before the password is compared. Neither counts when either is locked; the count that reaches its
 * limit locks in the same statement (for base × 2^times-locked-before minutes, at most a day) and starts again.
 * `counted` false: locked, compare nothing. `lockedNow`: this very attempt set a lock (the caller tells the owner
 * once); it is still compared, being within the limit.
 */
export async function countAttempt(db: TExecutor, userId: string, ip: string, now: Date, l: TAttemptLimits) {
  const at = now.toISOString();
  const bump = (alias: string, max: number, baseMinutes: number) => {
    const a = sql.raw(alias);
    const hit = sql`${a}.failures + 1 >= ${max}`;
    return sql`
      failures = case when ${hit} then 0 else ${a}.failures + 1 end,
      lock_level = case when ${hit} then ${a}.lock_level + 1 else ${a}.lock_level end,
      locked_until = case when ${hit}
        then ${at}::timestamptz + least(1440, ${baseMinutes} * power(2, least(${a}.lock_level, 12))) * interval '1 minute'
        else null end,
      updated_at = ${at}::timestamptz`;
  };
  const res = await db.execute(sql`
    with pair as (
      insert into login_attempts as p (user_id, ip, failures, updated_at)
      select ${userId}::uuid, ${ip}, 1, ${at}::timestamptz
      where not exists (
        select 1 from login_attempts where user_id = ${userId}::uuid and ip = '*' and locked_until > ${at}::timestamptz
      )
      on conflict (user_id, ip) do update set ${bump('p', l.pairMax, l.pairLockMinutes)}
      where p.locked_until is null or p.locked_until <= ${at}::timestamptz
      returning p.locked_until
    ), acct as (
      insert into login_attempts as a (user_id, ip, failures, updated_at)
      select ${userId}::uuid, '*', 1, ${at}::timestamptz from pair
      on conflict (user_id, ip) do update set ${bump('a', l.accountMax, l.accountLockMinutes)}
      where a.locked_until is null or a.locked_until <= ${at}::timestamptz
      returning a.locked_until
    )
    select (select locked_until from pair) as pair_locked, (select locked_until from acct) as account_locked,
      exists (select 1 from acct) as counted`);
  const row = rowsOf<{ pair_locked: unknown; account_locked: unknown; counted: boolean }>(res)[0];
  const lockedNow = row?.account_locked ? 'account' : row?.pair_locked ? 'pair' : null;
  const until = row?.account_locked ?? row?.pair_locked;
  return {
    counted: row?.counted === true,
    lockedNow: row?.counted ? lockedNow : null,
    lockedUntil: until ? new Date(until as string) : null,
  } as const;
}

/** A success ends the count for its address and for the account. */
export const clearAttempts = (db: TExecutor, userId: string, ip: string) =>
  db.delete(loginAttempts).where(and(eq(loginAttempts.userId, userId), inArray(loginAttempts.ip, [ip, '*'])));

/** The security admin's unlock: every address's lock and count for the account. */
export const clearAllAttempts = (db: TExecutor, userId: string) =>
  db.delete(loginAttempts).where(eq(loginAttempts.userId, userId));

/** Accounts (of these) with a lock in force, from any address or across addresses. */
export async function lockedUserIds(db: TExecutor, userIds: string[], now: Date) {
  if (!userIds.length) return new Set<string>();
  const rows = await db
    .selectDistinct({ userId: loginAttempts.userId })
    .from(loginAttempts)
    .where(and(inArray(loginAttempts.userId, userIds), gt(loginAttempts.lockedUntil, now)));
  return new Set(rows.map((r) => r.userId));
}

/** Codes over a day old: dead for login (≤ 5 minutes) and for the hourly send limits. */
export const deleteOldOtps = (db: TExecutor, now: Date) =>
  db.delete(otpCodes).where(lt(otpCodes.createdAt, new Date(now.getTime() - 86_400_000)));

/** Old counts no one added to for a day (their locks, at most a day, are over). */
export const deleteStaleAttempts = (db: TExecutor, now: Date) =>
  db.delete(loginAttempts).where(lt(loginAttempts.updatedAt, new Date(now.getTime() - 2 * 86_400_000)));

/** Sessions past their absolute lifetime or idle too long: nobody can use them any more, so they go. */
export async function deleteExpiredSessions(db: TExecutor, now: Date, idleMs: number) {
  const res = await db
    .delete(sessions)
    .where(or(lt(sessions.expiresAt, now), lt(sessions.lastSeenAt, new Date(now.getTime() - idleMs))))
    .returning({ id: sessions.id });
  for (const r of res) sessionCache.forgetSession(r.id);
  return res.length;
}

/** Staff accounts, a page at a time, with the names of their department and business for the list. */
export async function listUsers(db: TExecutor, page: number, pageSize: number, role?: string) {
  const cond = role ? eq(users.role, role) : sql`${users.role} <> 'tourist'`;
  const rows = await db
    .select({
      user: users,
      departmentName: departments.name,
      departmentNameEn: departments.nameEn,
      businessName: businesses.name,
      businessNameEn: businesses.nameEn,
    })
    .from(users)
    .leftJoin(departments, eq(departments.id, users.departmentId))
    .leftJoin(businesses, eq(businesses.id, users.businessId))
    .where(cond)
    // newest first: the account just created (waiting for activation) heads the list
    .orderBy(desc(users.createdAt), users.role, users.username)
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  return { items: rows, total: await db.$count(users, cond) };
}

/** The business's own accounts (to tell them of something about their business). */
export async function businessAccountIds(db: TExecutor, businessId: string) {
  const rows = await db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.businessId, businessId), eq(users.role, 'business')));
  return rows.map((r) => r.id);
}
