import type { TRole } from '@zhilv/contracts';
import type { TDb } from '../../db/client.js';
import type { TActor } from '../../platform/actor.js';
import { writeAudit } from '../../platform/audit.js';
import type { TClock } from '../../platform/clock.js';
import { AppError, notFound } from '../../platform/errors.js';
import { maskPhone } from '../../platform/mask.js';
import { ADMIN_ROLES } from './accounts.service.js';
import * as store from './accounts.store.js';
import { activationPending, issueActivation } from './activation.js';

export type TUserInput = {
  username: string;
  displayName: string;
  role: TRole;
  departmentId?: string | null;
  businessId?: string | null;
  phone?: string | null;
};

export type TUserStatus = 'active' | 'locked' | 'disabled' | 'pending_activation' | 'activation_expired';

function statusOf(u: store.TUserRow, locked: boolean, now: Date): TUserStatus {
  if (u.disabled) return 'disabled';
  if (!u.passwordHash) return activationPending(u, now) ? 'pending_activation' : 'activation_expired';
  return locked ? 'locked' : 'active';
}

const view = (u: store.TUserRow, locked: boolean, now: Date) => ({
  id: u.id,
  username: u.username,
  displayName: u.displayName,
  role: u.role,
  departmentId: u.departmentId,
  businessId: u.businessId,
  phoneMasked: maskPhone(u.phone),
  status: statusOf(u, locked, now),
  disabled: u.disabled,
  locked,
  /** admin duties are managed by the installation command only (三员分立): the console offers no changes */
  adminDuty: ADMIN_ROLES.includes(u.role as TRole),
  totpEnabled: !!u.totpSecret,
  activationExpiresAt: u.passwordHash ? null : (u.activationExpiresAt?.toISOString() ?? null),
  createdAt: u.createdAt.toISOString(),
});

/**
 * Account administration by the security admin. Under 三员分立 it manages the working accounts only: it cannot
 * create an admin duty, give one, or reset, disable or re-role an admin account (the installation command
 * does that), and it never learns anyone's password — a new or reset account gets a one-time activation code
 * and its holder sets the password.
 */
export function createUsersService(db: TDb, clock: TClock) {
  function checkRoleFields(role: TRole, departmentId?: string | null, businessId?: string | null) {
    if (role === 'tourist' || ADMIN_ROLES.includes(role)) throw new AppError('admin_duty_reserved', 403, 'role');
    if ((role === 'department_staff' || role === 'department_head') && !departmentId)
      throw new AppError('validation_failed', 400, 'departmentId');
    if (role === 'business' && !businessId) throw new AppError('validation_failed', 400, 'businessId');
  }

  return {
    async list(page: number, pageSize: number, role?: string) {
      const now = clock.now();
      const { items, total } = await store.listUsers(db, page, pageSize, role);
      const locked = await store.lockedUserIds(
        db,
        items.map((r) => r.user.id),
        now,
      );
      return {
        items: items.map(({ user, ...names }) => ({ ...view(user, locked.has(user.id), now), ...names })),
        total,
        page,
        pageSize,
      };
    },

    async create(actor: TActor, input: TUserInput) {
      checkRoleFields(input.role, input.departmentId, input.businessId);
      const now = clock.now();
      return db.transaction(async (tx) => {
        if (await store.findUserByUsername(tx, input.username)) throw new AppError('username_taken', 409, 'username');
        const created = await store.insertUser(tx, {
          username: input.username,
          displayName: input.displayName,
          role: input.role,
          departmentId: input.departmentId ?? null,
          businessId: input.businessId ?? null,
          phone: input.phone ?? null,
        });
        const { code, values } = issueActivation(created.id, now);
        const u = await store.updateUser(tx, created.id, values);
        await writeAudit(tx, actor, {
          action: 'user.create',
          objectType: 'user',
          objectId: u.id,
          after: view(u, false, now),
        });
        return { ...view(u, false, now), activationCode: code };
      });
    },

    /**
     * Role change, disable, unlock, reset. A role change, disable or reset ends the account's sessions; a reset
     * answers a new activation code (the old password stops working), never a password.
     */
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
      if (id === actor.id && (patch.role || patch.disabled || patch.resetPassword))
        throw new AppError('forbidden', 403, 'id');
      const now = clock.now();
      return db.transaction(async (tx) => {
        const before = await store.findUserById(tx, id);
        if (!before || before.role === 'tourist') throw notFound();
        // Unlocking is the one thing the security admin may do to an admin account: it gives no credential.
        const onlyUnlock = !patch.role && patch.disabled === undefined && !patch.resetPassword;
        const touchesFields = patch.departmentId !== undefined || patch.businessId !== undefined;
        if (ADMIN_ROLES.includes(before.role as TRole) && !(onlyUnlock && !touchesFields))
          throw new AppError('admin_duty_reserved', 403, 'id');
        const role = patch.role ?? (before.role as TRole);
        const departmentId = patch.departmentId !== undefined ? patch.departmentId : before.departmentId;
        const businessId = patch.businessId !== undefined ? patch.businessId : before.businessId;
        if (!ADMIN_ROLES.includes(before.role as TRole)) checkRoleFields(role, departmentId, businessId);
        const values: Parameters<typeof store.updateUser>[2] = {};
        if (patch.role) {
          values.role = patch.role;
          // A department or shop belongs to the role it was given for.
          values.departmentId = role === 'department_staff' || role === 'department_head' ? departmentId : null;
          values.businessId = role === 'business' ? businessId : null;
        } else {
          if (patch.departmentId !== undefined) values.departmentId = patch.departmentId;
          if (patch.businessId !== undefined) values.businessId = patch.businessId;
        }
        if (patch.disabled !== undefined) values.disabled = patch.disabled;
        let activationCode: string | null = null;
        if (patch.resetPassword) {
          const issued = issueActivation(id, now);
          activationCode = issued.code;
          Object.assign(values, issued.values);
        }
        if (patch.unlock || patch.resetPassword) await store.clearAllAttempts(tx, id);
        const after = Object.keys(values).length ? await store.updateUser(tx, id, values) : before;
        if (patch.role !== undefined || patch.disabled || patch.resetPassword) await store.deleteUserSessions(tx, id);
        const locked = (await store.lockedUserIds(tx, [id], now)).has(id);
        await writeAudit(tx, actor, {
          action: patch.resetPassword ? 'user.reset' : patch.unlock && onlyUnlock ? 'user.unlock' : 'user.update',
          objectType: 'user',
          objectId: id,
          before: view(before, false, now),
          after: view(after, locked, now),
        });
        return { ...view(after, locked, now), activationCode };
      });
    },
  };
}
