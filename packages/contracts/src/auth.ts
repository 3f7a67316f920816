import { z } from 'zod';
import { text } from './common.js';
import { normalisePhone } from './phone.js';

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

/**
 * A mobile number from anywhere (issue 18): a mainland number as its 11 digits (with or without +86), any other
 * in E.164 with its country code (+852 9123 4567). The answer is the stored form (see `normalisePhone`).
 */
export const ZPhone = text()
  .max(32)
  .transform((s, ctx) => {
    const n = normalisePhone(s);
    if (n === null) ctx.addIssue({ code: 'custom', message: 'invalid_phone' });
    return n ?? '';
  });

/** An e-mail address, the second channel for a login code (a visitor whose SMS does not arrive). */
export const ZEmail = text()
  .trim()
  .max(254)
  .transform((s) => s.toLowerCase())
  .pipe(z.string().regex(/^[^\s@]{1,64}@[a-z0-9-]+(\.[a-z0-9-]+)+$/, 'invalid_email'));

/**
 * A login code goes to a phone by SMS or to an e-mail address. The code is bound to the address it went to: a
 * tourist who signs in with an e-mail address is the account of that address (never a phone's account).
 */
export const ZSendCodeRequest = z
  .strictObject({ phone: ZPhone.optional(), email: ZEmail.optional(), purpose: z.enum(['login']).default('login') })
  .refine((r) => (r.phone === undefined) !== (r.email === undefined), {
    message: 'phone_or_email',
    path: ['phone'],
  });
export const ZTouristLoginRequest = z
  .strictObject({ phone: ZPhone.optional(), email: ZEmail.optional(), code: text().regex(/^\d{6}$/) })
  .refine((r) => (r.phone === undefined) !== (r.email === undefined), {
    message: 'phone_or_email',
    path: ['phone'],
  });
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
