import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import type { TMe, TRole } from '@zhilv/contracts';
import * as OTPAuth from 'otpauth';
import type { TDb } from '../../db/client.js';
import type { TActor } from '../../platform/actor.js';
import { writeAudit } from '../../platform/audit.js';
import type { TClock } from '../../platform/clock.js';
import { AppError } from '../../platform/errors.js';
import type { TEventHub } from '../../platform/events.js';
import { outboxMailProvider, type TMailProvider } from '../../platform/mail.js';
import { maskPhone } from '../../platform/mask.js';
import { createOutbox } from '../../platform/notify.js';
import type { TSmsProvider } from '../../platform/sms.js';
import * as store from './accounts.store.js';
import { hashPassword, isStrongPassword, verifyPassword } from './passwords.js';
import { sessionCache } from './session-cache.js';

export const ADMIN_ROLES: TRole[] = ['system_admin', 'security_admin', 'audit_admin'];
/**
 * Lockout (SECURITY.md, issue 12): 5 failures from one address lock that (account, address) pair — 5 minutes,
 * then 10, 20 … at most a day — so nobody can lock `dispatcher` for everyone from one address; 20 failures
 * across all addresses lock the account itself (15, 30 … minutes) against guessing spread over many addresses.
 */
export const ATTEMPT_LIMITS: store.TAttemptLimits = {
  pairMax: 5,
  accountMax: 20,
  pairLockMinutes: 5,
  accountLockMinutes: 15,
};
const OTP_TTL_MS = 5 * 60_000;
const OTP_MAX_ATTEMPTS = 5;
const OTP_PER_PHONE_PER_HOUR = 5;
const OTP_PER_IP_PER_HOUR = 20;
export const CONSENT_VERSION = '2026-11';

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

export type TSessionInfo = {
  id: string;
  userId: string;
  csrfToken: string;
  mustChangePassword: boolean;
  actor: TActor;
  me: TMe;
};

export type TAccountsDeps = {
  db: TDb;
  clock: TClock;
  sms: TSmsProvider;
  /** the second channel for login codes; the demo outbox when none is given */
  mail?: TMailProvider;
  events?: TEventHub;
  demo: boolean;
  sessionIdleMs: number;
  sessionAbsoluteMs: number;
};

/** Where a login code goes: a phone (stored form, see contracts/phone.ts) or an e-mail address. */
export type TCodeAddress = { phone: string } | { email: string };
const addressOf = (to: TCodeAddress) => ('email' in to ? to.email : to.phone);

export function createAccountsService(deps: TAccountsDeps) {
  const { db, clock, sms } = deps;
  const mail = deps.mail ?? outboxMailProvider;

  async function startSession(userId: string) {
    const token = randomBytes(32).toString('base64url');
    const csrfToken = randomBytes(24).toString('base64url');
    const now = clock.now();
    await store.insertSession(db, {
      id: sha256(token),
      userId,
      csrfToken,
      createdAt: now,
      lastSeenAt: now,
      expiresAt: new Date(now.getTime() + deps.sessionAbsoluteMs),
    });
    return token;
  }

  /** Reads the session behind a cookie token; ends it when idle or past its absolute lifetime. */
  async function resolveSession(token: string, ip: string | null): Promise<TSessionInfo | null> {
    const id = sha256(token);
    let row = sessionCache.get(id);
    if (!row) {
      row = await store.findSessionWithUser(db, id);
      if (!row) return null;
      sessionCache.set(id, row);
    }
    const now = clock.now();
    const idle = now.getTime() - row.session.lastSeenAt.getTime() > deps.sessionIdleMs;
    if (idle || row.session.expiresAt <= now || row.user.disabled) {
      await store.deleteSession(db, id);
      return null;
    }
    // Touch at most once a minute: a session read on every request must not be a write on every request.
    if (now.getTime() - row.session.lastSeenAt.getTime() > 60_000) {
      await store.touchSession(db, id, now);
      row.session.lastSeenAt = now;
    }
    const u = row.user;
    const actor: TActor = {
      id: u.id,
      role: u.role as TRole,
      displayName: u.displayName,
      departmentId: u.departmentId,
      businessId: u.businessId,
      ip,
      phoneMasked: maskPhone(u.phone),
    };
    return {
      id,
      userId: u.id,
      csrfToken: row.session.csrfToken,
      mustChangePassword: u.mustChangePassword,
      actor,
      me: {
        id: u.id,
        role: u.role as TRole,
        displayName: u.displayName,
        username: u.username,
        phoneMasked: maskPhone(u.phone),
        departmentId: u.departmentId,
        departmentName: row.departmentName ?? null,
        businessId: u.businessId,
        mustChangePassword: u.mustChangePassword,
        consentVersion: u.consentVersion,
        csrfToken: row.session.csrfToken,
      },
    };
  }

  /**
   * A login code to a phone by SMS, or to an e-mail address (the second channel). The code is bound to the
   * address it went to; `phone` in otp_codes holds that address, and the send limits count per address.
   */
  async function sendCode(to: TCodeAddress, ip: string | null): Promise<{ sent: true; demoCode?: string }> {
    const address = addressOf(to);
    const hourAgo = new Date(clock.now().getTime() - 3_600_000);
    if ((await store.countOtpSince(db, { phone: address }, hourAgo)) >= OTP_PER_PHONE_PER_HOUR)
      throw new AppError('rate_limited', 429, 'email' in to ? 'email' : 'phone');
    if (ip && (await store.countOtpSince(db, { ip }, hourAgo)) >= OTP_PER_IP_PER_HOUR)
      throw new AppError('rate_limited', 429);
    const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    await db.transaction(async (tx) => {
      await store.insertOtp(tx, {
        phone: address,
        purpose: 'login',
        codeHash: sha256(`${address}:login:${code}`),
        expiresAt: new Date(clock.now().getTime() + OTP_TTL_MS),
        ip,
        createdAt: clock.now(),
      });
      const text = `【智旅】验证码 ${code}，5 分钟内有效。Your Zhilv code is ${code}, valid for 5 minutes.`;
      if ('email' in to) await mail.send(tx, to.email, 'login_code', '智旅验证码 Your Zhilv code', text, code);
      else await sms.send(tx, to.phone, 'login_code', text, code);
    });
    return deps.demo ? { sent: true, demoCode: code } : { sent: true };
  }

  async function touristLogin(to: TCodeAddress, code: string, ip: string | null) {
    const now = clock.now();
    const address = addressOf(to);
    // The attempt is taken before the comparison, in one statement: 200 simultaneous guesses compare 5.
    const otp = await store.takeOtpAttempt(db, address, 'login', now, OTP_MAX_ATTEMPTS);
    if (!otp) throw new AppError('code_invalid', 401, 'code');
    const expected = Buffer.from(otp.code_hash);
    const given = Buffer.from(sha256(`${address}:login:${code}`));
    if (!timingSafeEqual(expected, given)) throw new AppError('code_invalid', 401, 'code');
    if (!(await store.consumeOtp(db, otp.id, now))) throw new AppError('code_invalid', 401, 'code');
    const user = await db.transaction(async (tx) => {
      let u =
        'email' in to ? await store.findTouristByEmail(tx, to.email) : await store.findTouristByPhone(tx, to.phone);
      if (!u) {
        u = await store.insertUser(
          tx,
          'email' in to
            ? { role: 'tourist', email: to.email, displayName: `游客${to.email.slice(0, 1)}***` }
            : { role: 'tourist', phone: to.phone, displayName: `游客${to.phone.slice(-4)}` },
        );
        await writeAudit(tx, { ...actorOf(u), ip }, { action: 'account.register', objectType: 'user', objectId: u.id });
      }
      await writeAudit(tx, { ...actorOf(u), ip }, { action: 'auth.login', objectType: 'user', objectId: u.id });
      return u;
    });
    if (user.disabled) throw new AppError('account_disabled', 403);
    return startSession(user.id);
  }

  /**
   * Every refusal — unknown, locked, disabled, not yet activated, wrong password or wrong second factor — is the
   * same 401 with the same body, after the same argon2 work, so the answer tells nothing about the account.
   */
  const refuse = async (password: string): Promise<never> => {
    await verifyPassword(DUMMY_HASH, password).catch(() => false);
    throw new AppError('bad_credentials', 401);
  };

  /**
   * Counts one attempt on an account before anything is compared; false when a lock is in force (compare
   * nothing). When this attempt set a lock, it is audited and the owner is told, once per lock.
   */
  async function takeAttempt(u: store.TUserRow, ip: string | null) {
    const now = clock.now();
    const address = ip ?? 'unknown';
    const c = await store.countAttempt(db, u.id, address, now, ATTEMPT_LIMITS);
    if (c.lockedNow) await announceLock(u, address, c.lockedNow, c.lockedUntil);
    return c;
  }

  async function announceLock(u: store.TUserRow, ip: string, scope: 'pair' | 'account', until: Date | null) {
    const minutes = until ? Math.max(1, Math.round((until.getTime() - clock.now().getTime()) / 60_000)) : 0;
    const outbox = createOutbox(deps.events ?? NO_EVENTS);
    outbox.notify(
      { userId: u.id },
      {
        kind: 'account_locked',
        titleZh: '您的账号因多次登录失败已被锁定',
        titleEn: 'Your account was locked after repeated failed sign-ins',
        bodyZh:
          scope === 'pair'
            ? `来自地址 ${ip} 的登录已暂停 ${minutes} 分钟；其他地址不受影响。如非本人操作，请联系安全管理员。`
            : `账号已锁定 ${minutes} 分钟（多个地址的失败登录）。如非本人操作，请联系安全管理员。`,
        bodyEn:
          scope === 'pair'
            ? `Sign-ins from ${ip} are paused for ${minutes} min; other addresses are not affected. If this was not you, tell the security admin.`
            : `The account is locked for ${minutes} min (failed sign-ins from several addresses). If this was not you, tell the security admin.`,
        objectType: 'user',
        objectId: u.id,
      },
    );
    // Failures from many addresses against one account look like a spread-out attack: the security admin hears too.
    if (scope === 'account')
      outbox.notify(
        { role: 'security_admin' },
        {
          kind: 'account_locked',
          titleZh: `账号 ${u.username} 因多个地址的失败登录已锁定 ${minutes} 分钟`,
          titleEn: `Account ${u.username} locked for ${minutes} min after failed sign-ins from several addresses`,
          objectType: 'user',
          objectId: u.id,
        },
      );
    await db.transaction(async (tx) => {
      await writeAudit(
        tx,
        { ...actorOf(u), ip },
        { action: 'auth.lockout', objectType: 'user', objectId: u.id, result: 'refused', after: { scope, minutes } },
      );
      await outbox.flush(tx);
    });
    outbox.afterCommit();
  }

  async function loginFailed(u: store.TUserRow, ip: string | null, why: 'password' | 'totp'): Promise<never> {
    await db.transaction((tx) =>
      writeAudit(
        tx,
        { ...actorOf(u), ip },
        { action: 'auth.login_failed', objectType: 'user', objectId: u.id, result: 'refused', after: { why } },
      ),
    );
    // A wrong second factor may say so: only the holder of the right password ever gets that far.
    throw why === 'totp' ? new AppError('totp_invalid', 401, 'totp') : new AppError('bad_credentials', 401);
  }

  async function staffLogin(username: string, password: string, totp: string | undefined, ip: string | null) {
    const u = await store.findUserByUsername(db, username);
    if (!u?.passwordHash || u.role === 'tourist' || u.disabled) return refuse(password);
    if (!(await takeAttempt(u, ip)).counted) return refuse(password);
    const ok = await verifyPassword(u.passwordHash, password).catch(() => false);
    if (!ok) return loginFailed(u, ip, 'password');
    if (u.totpSecret) {
      // The right password with a missing or wrong second factor is a failed attempt too (it stays counted).
      if (!totp) throw new AppError('totp_required', 401, 'totp');
      if (!totpValid(u.totpSecret, totp, clock.now())) return loginFailed(u, ip, 'totp');
    }
    await db.transaction(async (tx) => {
      await store.clearAttempts(tx, u.id, ip ?? 'unknown');
      await writeAudit(tx, { ...actorOf(u), ip }, { action: 'auth.login', objectType: 'user', objectId: u.id });
    });
    return startSession(u.id);
  }

  async function logout(session: TSessionInfo) {
    await db.transaction(async (tx) => {
      await store.deleteSession(tx, session.id);
      await writeAudit(tx, session.actor, { action: 'auth.logout', objectType: 'user', objectId: session.userId });
    });
  }

  async function changePassword(session: TSessionInfo, oldPassword: string, newPassword: string) {
    const u = await store.findUserById(db, session.userId);
    if (!u?.passwordHash || !(await verifyPassword(u.passwordHash, oldPassword).catch(() => false)))
      throw new AppError('bad_credentials', 401, 'oldPassword');
    if (!isStrongPassword(newPassword) || newPassword === oldPassword)
      throw new AppError('password_too_weak', 422, 'newPassword');
    const passwordHash = await hashPassword(newPassword);
    await db.transaction(async (tx) => {
      await store.updateUser(tx, u.id, { passwordHash, mustChangePassword: false });
      await writeAudit(tx, session.actor, { action: 'auth.change_password', objectType: 'user', objectId: u.id });
    });
  }

  async function giveConsent(session: TSessionInfo, version: string) {
    await db.transaction(async (tx) => {
      await store.updateUser(tx, session.userId, { consentVersion: version, consentAt: clock.now() });
      await writeAudit(tx, session.actor, {
        action: 'privacy.consent',
        objectType: 'user',
        objectId: session.userId,
        after: { version },
      });
    });
  }

  return {
    startSession,
    resolveSession,
    sendCode,
    touristLogin,
    staffLogin,
    takeAttempt,
    logout,
    changePassword,
    giveConsent,
  };
}

export type TAccountsService = ReturnType<typeof createAccountsService>;

const NO_EVENTS: TEventHub = { publish: () => {} } as unknown as TEventHub;

export function totpValid(secret: string, token: string, now: Date) {
  const t = new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret), digits: 6, period: 30 });
  return t.validate({ token, window: 1, timestamp: now.getTime() }) !== null;
}

export function actorOf(u: store.TUserRow): TActor {
  return {
    id: u.id,
    role: u.role as TRole,
    displayName: u.displayName,
    departmentId: u.departmentId,
    businessId: u.businessId,
    ip: null,
  };
}

// A valid argon2id hash of a random string, to equalise timing for unknown usernames.
const DUMMY_HASH = '$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0$0m6nWGgGzq7B3Vf9yF3WfA7m5n1l2o8Jc1q2R3s4T5U';
