import { randomBytes } from 'node:crypto';
import type { TRole } from '@zhilv/contracts';
import * as OTPAuth from 'otpauth';
import type { TDb } from '../../db/client.js';
import type { TActor } from '../../platform/actor.js';
import { writeAudit } from '../../platform/audit.js';
import { systemClock, type TClock } from '../../platform/clock.js';
import { AppError, notFound } from '../../platform/errors.js';
import { maskPhone } from '../../platform/mask.js';
import { ADMIN_ROLES } from './accounts.service.js';
import * as store from './accounts.store.js';
import { hashPassword, isStrongPassword } from './passwords.js';

export type TUserInput = {
  username: string;
  displayName: string;
  role: TRole;
  departmentId?: string | null;
  businessId?: string | null;
  phone?: string | null;
  password: string;
};

const viewAt = (now: Date) => (u: store.TUserRow) => ({
  id: u.id,
  username: u.username,
  displayName: u.displayName,
  role: u.role,
  departmentId: u.departmentId,
  businessId: u.businessId,
  phoneMasked: maskPhone(u.phone),
  disabled: u.disabled,
  locked: !!u.lockedUntil && u.lockedUntil > now,
  mustChangePassword: u.mustChangePassword,
  totpEnabled: !!u.totpSecret,
  createdAt: u.createdAt.toISOString(),
});

/** Account administration by the security admin (三员分立: the system and audit admins cannot do this). */
export function createUsersService(db: TDb, opts: { demo: boolean; clock?: TClock }) {
  const clock = opts.clock ?? systemClock;
  /** A user as the admin sees it; locked or not by the app's clock. */
  const view = (u: store.TUserRow) => viewAt(clock.now())(u);
  const totpFor = (username: string, secret: string) =>
    new OTPAuth.TOTP({
      issuer: 'Zhilv 智旅',
      label: username,
      secret: OTPAuth.Secret.fromBase32(secret),
      digits: 6,
      period: 30,
    }).toString();

  function checkRoleFields(role: TRole, departmentId?: string | null, businessId?: string | null) {
    if ((role === 'department_staff' || role === 'department_head') && !departmentId)
      throw new AppError('validation_failed', 400, 'departmentId');
    if (role === 'business' && !businessId) throw new AppError('validation_failed', 400, 'businessId');
    if (role === 'tourist') throw new AppError('validation_failed', 400, 'role');
  }

  return {
    async list(page: number, pageSize: number, role?: string) {
      const { items, total } = await store.listUsers(db, page, pageSize, role);
      return { items: items.map(view), total, page, pageSize };
    },
    async create(actor: TActor, input: TUserInput) {
      checkRoleFields(input.role, input.departmentId, input.businessId);
      if (!isStrongPassword(input.password)) throw new AppError('password_too_weak', 422, 'password');
      const passwordHash = await hashPassword(input.password);
      // Admin roles get a second factor from the start; the secret is shown once, to set up the app.
      const totpSecret = ADMIN_ROLES.includes(input.role) ? new OTPAuth.Secret({ size: 20 }).base32 : null;
      return db.transaction(async (tx) => {
        if (await store.findUserByUsername(tx, input.username)) throw new AppError('username_taken', 409, 'username');
        const u = await store.insertUser(tx, {
          username: input.username,
          displayName: input.displayName,
          role: input.role,
          departmentId: input.departmentId ?? null,
          businessId: input.businessId ?? null,
          phone: input.phone ?? null,
          passwordHash,
          mustChangePassword: !opts.demo,
          totpSecret,
        });
        await writeAudit(tx, actor, { action: 'user.create', objectType: 'user', objectId: u.id, after: view(u) });
        return { ...view(u), totpUri: totpSecret ? totpFor(input.username, totpSecret) : null };
      });
    },
    /** Role change, disable, unlock, password reset. A role change or disable ends the account's sessions. */
    async update(
      actor: TActor,
      id: string,
      patch: {
        role?: TRole;
        departmentId?: string | null;
        businessId?: string | null;
        disabled?: boolean;
        unlock?: boolean;
        resetPassword?: boolean;
      },
    ) {
      if (id === actor.id && (patch.role || patch.disabled)) throw new AppError('forbidden', 403, 'id');
      return db.transaction(async (tx) => {
        const before = await store.findUserById(tx, id);
        if (!before || before.role === 'tourist') throw notFound();
        const role = patch.role ?? (before.role as TRole);
        checkRoleFields(role, patch.departmentId ?? before.departmentId, patch.businessId ?? before.businessId);
        let tempPassword: string | null = null;
        const values: Parameters<typeof store.updateUser>[2] = {};
        if (patch.role) values.role = patch.role;
        if (patch.departmentId !== undefined) values.departmentId = patch.departmentId;
        if (patch.businessId !== undefined) values.businessId = patch.businessId;
        if (patch.disabled !== undefined) values.disabled = patch.disabled;
        if (patch.unlock) Object.assign(values, { lockedUntil: null, failedLogins: 0 });
        if (patch.resetPassword) {
          tempPassword = `Zl-${randomBytes(6).toString('base64url')}9`;
          Object.assign(values, { passwordHash: await hashPassword(tempPassword), mustChangePassword: true });
        }
        if (patch.role && ADMIN_ROLES.includes(patch.role) && !before.totpSecret)
          values.totpSecret = new OTPAuth.Secret({ size: 20 }).base32;
        const after = await store.updateUser(tx, id, values);
        if (patch.role !== undefined || patch.disabled || patch.resetPassword) await store.deleteUserSessions(tx, id);
        await writeAudit(tx, actor, {
          action: 'user.update',
          objectType: 'user',
          objectId: id,
          before: view(before),
          after: view(after),
        });
        return { ...view(after), tempPassword };
      });
    },
  };
}
