import { createHash, randomInt, timingSafeEqual } from 'node:crypto';
import type { TRole } from '@zhilv/contracts';
import * as OTPAuth from 'otpauth';
import type { TDb } from '../../db/client.js';
import { writeAudit } from '../../platform/audit.js';
import type { TClock } from '../../platform/clock.js';
import { AppError } from '../../platform/errors.js';
import { ADMIN_ROLES, actorOf, type TAccountsService, totpValid } from './accounts.service.js';
import * as store from './accounts.store.js';
import { hashPassword, isStrongPassword } from './passwords.js';

/** How long an activation code stays good: long enough to reach its holder, short enough not to lie around. */
export const ACTIVATION_TTL_MS = 72 * 3_600_000;
// 32 symbols without 0/O, 1/I/L: read aloud or copied from a screen without mistakes; 12 of them ≈ 60 bits.
const ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
const LENGTH = 12;

const normalise = (code: string) => code.toUpperCase().replace(/[^0-9A-Z]/g, '');
const hashOf = (userId: string, code: string) =>
  createHash('sha256')
    .update(`${userId}:activation:${normalise(code)}`)
    .digest('hex');

/**
 * A fresh one-time activation code for an account: the code (shown once, to whoever issued it) and the values
 * that put it on the user row — its hash and expiry; the password and second factor are cleared, so whatever
 * the account had before no longer signs in.
 */
export function issueActivation(userId: string, now: Date) {
  let raw = '';
  for (let i = 0; i < LENGTH; i++) raw += ALPHABET[randomInt(ALPHABET.length)];
  const code = raw.match(/.{4}/g)!.join('-');
  return {
    code,
    values: {
      passwordHash: null,
      totpSecret: null,
      activationTotpSecret: null,
      mustChangePassword: false,
      activationCodeHash: hashOf(userId, code),
      activationExpiresAt: new Date(now.getTime() + ACTIVATION_TTL_MS),
    },
  };
}

export const activationPending = (u: store.TUserRow, now: Date) =>
  !!u.activationCodeHash && !!u.activationExpiresAt && u.activationExpiresAt > now;

const totpUri = (username: string, secret: string) =>
  new OTPAuth.TOTP({
    issuer: 'Zhilv 智旅',
    label: username,
    secret: OTPAuth.Secret.fromBase32(secret),
    digits: 6,
    period: 30,
  }).toString();

export type TActivationDeps = { db: TDb; clock: TClock; accounts: TAccountsService };

/**
 * First sign-in of a new or reset account: the holder gives username + activation code, sets their own
 * password and — admin roles — enrols an authenticator app. Every attempt counts against the same lockout as
 * a password, and every refusal is the same answer as an unknown account.
 */
export function createActivationService({ db, clock, accounts }: TActivationDeps) {
  async function account(username: string, code: string, ip: string | null) {
    const u = await store.findUserByUsername(db, username);
    const now = clock.now();
    const refuse = () => new AppError('activation_invalid', 401, 'code');
    if (!u || u.role === 'tourist' || u.disabled || !activationPending(u, now)) throw refuse();
    if (!(await accounts.takeAttempt(u, ip)).counted) throw refuse();
    if (!timingSafeEqual(Buffer.from(u.activationCodeHash!), Buffer.from(hashOf(u.id, code)))) {
      await db.transaction((tx) =>
        writeAudit(
          tx,
          { ...actorOf(u), ip },
          { action: 'auth.activation_failed', objectType: 'user', objectId: u.id, result: 'refused' },
        ),
      );
      throw refuse();
    }
    return u;
  }

  return {
    /** Step 1: the code is right. Admin roles get the authenticator secret to enrol (the same one until used). */
    async check(username: string, code: string, ip: string | null) {
      const u = await account(username, code, ip);
      if (!ADMIN_ROLES.includes(u.role as TRole)) return { username, needsTotp: false as const };
      let secret = u.activationTotpSecret;
      if (!secret) {
        secret = new OTPAuth.Secret({ size: 20 }).base32;
        await store.updateUser(db, u.id, { activationTotpSecret: secret });
      }
      return { username, needsTotp: true as const, totpSecret: secret, totpUri: totpUri(u.username!, secret) };
    },

    /** Step 2: code again, the new password (and a code from the enrolled app); answers a session token. */
    async activate(username: string, code: string, password: string, totp: string | undefined, ip: string | null) {
      const u = await account(username, code, ip);
      if (!isStrongPassword(password)) throw new AppError('password_too_weak', 422, 'password');
      const admin = ADMIN_ROLES.includes(u.role as TRole);
      if (admin) {
        if (!u.activationTotpSecret) throw new AppError('totp_required', 401, 'totp');
        if (!totp || !totpValid(u.activationTotpSecret, totp, clock.now()))
          throw new AppError('totp_invalid', 401, 'totp');
      }
      const passwordHash = await hashPassword(password);
      await db.transaction(async (tx) => {
        await store.updateUser(tx, u.id, {
          passwordHash,
          totpSecret: admin ? u.activationTotpSecret : null,
          activationTotpSecret: null,
          activationCodeHash: null,
          activationExpiresAt: null,
          mustChangePassword: false,
        });
        await store.clearAttempts(tx, u.id, ip ?? 'unknown');
        await writeAudit(tx, { ...actorOf(u), ip }, { action: 'auth.activate', objectType: 'user', objectId: u.id });
      });
      return accounts.startSession(u.id);
    },
  };
}

/**
 * The installation command's accounts (三员分立): the three admin duties are created — and reset — only by
 * whoever runs `npm run accounts` on the server, never through the API, so no admin can make or take over
 * another admin duty. Answers the activation code to hand to the person.
 */
export async function installAdmin(
  db: TDb,
  clock: TClock,
  input: { role: TRole; username: string; displayName: string },
) {
  if (!ADMIN_ROLES.includes(input.role)) throw new AppError('validation_failed', 400, 'role');
  if (!/^[a-z][a-z0-9_]{2,31}$/.test(input.username)) throw new AppError('validation_failed', 400, 'username');
  return db.transaction(async (tx) => {
    if (await store.findUserByUsername(tx, input.username)) throw new AppError('username_taken', 409, 'username');
    const u = await store.insertUser(tx, {
      role: input.role,
      username: input.username,
      displayName: input.displayName,
    });
    const { code, values } = issueActivation(u.id, clock.now());
    await store.updateUser(tx, u.id, values);
    await writeAudit(tx, INSTALLER, {
      action: 'user.install_admin',
      objectType: 'user',
      objectId: u.id,
      after: { username: u.username, role: u.role },
    });
    return { id: u.id, username: input.username, role: input.role, activationCode: code };
  });
}

/** Resets an admin account (lost password or authenticator): new activation code, sessions and locks ended. */
export async function resetAdmin(db: TDb, clock: TClock, username: string) {
  return db.transaction(async (tx) => {
    const u = await store.findUserByUsername(tx, username);
    if (!u || !ADMIN_ROLES.includes(u.role as TRole)) throw new AppError('not_found', 404, 'username');
    const { code, values } = issueActivation(u.id, clock.now());
    await store.updateUser(tx, u.id, { ...values, disabled: false });
    await store.deleteUserSessions(tx, u.id);
    await store.clearAllAttempts(tx, u.id);
    await writeAudit(tx, INSTALLER, { action: 'user.reset_admin', objectType: 'user', objectId: u.id });
    return { id: u.id, username, role: u.role, activationCode: code };
  });
}

const INSTALLER = {
  id: null,
  role: 'system' as const,
  displayName: 'installation command 安装命令',
  departmentId: null,
  businessId: null,
  ip: null,
};
