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
