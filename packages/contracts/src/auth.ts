import { z } from 'zod';
import { text } from './common.js';

export const ROLES = [
  'tourist',
  'business',
  'grid_worker',
  'department_staff',
  'department_head',
  'dispatcher',
  'leader',
  'volunteer',
  'system_admin',
  'security_admin',
  'audit_admin',
] as const;
export const ZRole = z.enum(ROLES);
export type TRole = z.infer<typeof ZRole>;

export const ROLE_LABELS: Record<TRole, { zh: string; en: string }> = {
  tourist: { zh: '游客', en: 'Tourist' },
  business: { zh: '经营主体', en: 'Business' },
  grid_worker: { zh: '网格员', en: 'Grid worker' },
  department_staff: { zh: '部门工作人员', en: 'Department staff' },
  department_head: { zh: '部门负责人', en: 'Department head' },
  dispatcher: { zh: '指挥中心调度员', en: 'Dispatcher' },
  leader: { zh: '领导', en: 'Leader' },
  volunteer: { zh: '志愿者', en: 'Volunteer' },
  system_admin: { zh: '系统管理员', en: 'System admin' },
  security_admin: { zh: '安全管理员', en: 'Security admin' },
  audit_admin: { zh: '审计管理员', en: 'Audit admin' },
};

/** Mainland mobile number: 11 digits starting with 1[3-9]. */
export const ZPhone = text().regex(/^1[3-9]\d{9}$/, 'invalid_phone');

export const ZSendCodeRequest = z.strictObject({ phone: ZPhone, purpose: z.enum(['login']).default('login') });
export const ZTouristLoginRequest = z.strictObject({ phone: ZPhone, code: text().regex(/^\d{6}$/) });
export const ZStaffLoginRequest = z.strictObject({
  username: text().min(1).max(64),
  password: text().min(1).max(128),
  totp: z
    .string()
    .regex(/^\d{6}$/)
    .optional(),
});
export const ZChangePasswordRequest = z.strictObject({
  oldPassword: text().min(1).max(128),
  newPassword: text().min(8).max(128),
});

/** First sign-in of a new or reset staff account: username + the one-time activation code it was given. */
export const ZActivationCheckRequest = z.strictObject({
  username: text().min(1).max(64),
  code: text().min(1).max(32),
});
export const ZActivateRequest = z.strictObject({
  username: text().min(1).max(64),
  code: text().min(1).max(32),
  password: text().min(8).max(128),
  totp: text()
    .regex(/^\d{6}$/)
    .optional(),
});
/** Who the security admin may create or re-role: working accounts, never an admin duty (三员分立). */
export const STAFF_ROLES_ASSIGNABLE = [
  'business',
  'grid_worker',
  'department_staff',
  'department_head',
  'dispatcher',
  'leader',
  'volunteer',
] as const satisfies readonly TRole[];
export type TUserStatus = 'active' | 'locked' | 'disabled' | 'pending_activation' | 'activation_expired';
export const USER_STATUS_LABELS: Record<TUserStatus, { zh: string; en: string }> = {
  active: { zh: '正常', en: 'Active' },
  locked: { zh: '已锁定', en: 'Locked' },
  disabled: { zh: '已停用', en: 'Disabled' },
  pending_activation: { zh: '待激活', en: 'Pending activation' },
  activation_expired: { zh: '激活码已过期', en: 'Activation code expired' },
};

/** What `GET /api/auth/me` answers: the signed-in account, personal data masked. */
export const ZMe = z.object({
  id: z.string(),
  role: ZRole,
  displayName: z.string(),
  username: z.string().nullable(),
  phoneMasked: z.string().nullable(),
  departmentId: z.string().nullable(),
  departmentName: z.string().nullable(),
  businessId: z.string().nullable(),
  mustChangePassword: z.boolean(),
  consentVersion: z.string().nullable(),
  csrfToken: z.string(),
});
export type TMe = z.infer<typeof ZMe>;
