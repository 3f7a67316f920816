import { eq } from 'drizzle-orm';
import * as OTPAuth from 'otpauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, loginStaff, type TSession, type TTestApp } from '../../test/build-test-app.js';
import { buildDepartment, buildUser, TEST_PASSWORD } from '../../test/factories.js';
import { users } from './accounts.tables.js';
import { installAdmin, resetAdmin } from './index.js';

// Issue 12, item 3: separated admin duties (三员分立) and activation codes instead of passwords chosen by others.
let t: TTestApp;
let sec: TSession;
let auditor: Awaited<ReturnType<typeof buildUser>>;
let sysadmin: Awaited<ReturnType<typeof buildUser>>;
let secName: string;
beforeAll(async () => {
  t = await buildTestApp();
  const s = await buildUser(t.database.db, { role: 'security_admin' });
  secName = s.username!;
  auditor = await buildUser(t.database.db, { role: 'audit_admin' });
  sysadmin = await buildUser(t.database.db, { role: 'system_admin' });
  sec = await loginStaff(t.app, s.username!, TEST_PASSWORD);
});
afterAll(() => t.close());

const NEW_PASSWORD = 'Own-Passw0rd!';
const post = (url: string, payload: object) => t.app.inject({ method: 'POST', url, payload });

describe('separated admin duties', () => {
  it('the security admin cannot create any admin duty, nor choose a password', async () => {
    for (const role of ['audit_admin', 'system_admin', 'security_admin']) {
      const r = await sec.inject({
        method: 'POST',
        url: '/api/admin/users',
        payload: { username: `x_${role}`, displayName: 'x', role },
      });
      expect(r.statusCode).toBe(400);
      expect(r.json().field).toBe('role');
    }
    const withPassword = await sec.inject({
      method: 'POST',
      url: '/api/admin/users',
      payload: { username: 'chosen_pw', displayName: 'x', role: 'dispatcher', password: 'Chosen-Passw0rd!' },
    });
    expect(withPassword.statusCode).toBe(400);
    expect(await t.database.db.$count(users, eq(users.username, 'x_audit_admin'))).toBe(0);
  });

  it('the security admin cannot reset, disable or re-role the audit or system admin', async () => {
    for (const target of [auditor, sysadmin]) {
      for (const payload of [{ resetPassword: true }, { disabled: true }, { role: 'dispatcher' }]) {
        const r = await sec.inject({ method: 'PUT', url: `/api/admin/users/${target.id}`, payload });
        expect(r.statusCode).toBe(403);
        expect(r.json().code).toBe('admin_duty_reserved');
        expect(JSON.stringify(r.json())).not.toMatch(/activationCode|tempPassword/);
      }
      // Their own credentials still work, untouched.
      expect((await loginStaff(t.app, target.username!, TEST_PASSWORD)).userId).toBe(target.id);
    }
    // Nor give a working account an admin duty.
    const staff = await buildUser(t.database.db, { role: 'dispatcher' });
    const r = await sec.inject({
      method: 'PUT',
      url: `/api/admin/users/${staff.id}`,
      payload: { role: 'audit_admin' },
    });
    expect(r.statusCode).toBe(400);
  });

  it('the installation command creates an audit admin, who activates with the code and enrols TOTP', async () => {
    const made = await installAdmin(t.database.db, t.clock, {
      role: 'audit_admin',
      username: 'auditor_two',
      displayName: '审计管理员二',
    });
    expect(made.activationCode).toMatch(/^[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{4}$/);
    const row = (await t.database.db.select().from(users).where(eq(users.id, made.id)))[0];
    expect(row.passwordHash).toBeNull();
    expect(row.activationCodeHash).not.toContain(made.activationCode);
    const check = await post('/api/auth/activation/check', { username: 'auditor_two', code: made.activationCode });
    expect(check.statusCode).toBe(200);
    expect(check.json().needsTotp).toBe(true);
    const totp = new OTPAuth.TOTP({
      secret: OTPAuth.Secret.fromBase32(check.json().totpSecret),
      digits: 6,
      period: 30,
    });
    const code = () => totp.generate({ timestamp: t.clock.now().getTime() });
    const noTotp = await post('/api/auth/activate', {
      username: 'auditor_two',
      code: made.activationCode,
      password: NEW_PASSWORD,
    });
    expect(noTotp.statusCode).toBe(401);
    const ok = await post('/api/auth/activate', {
      username: 'auditor_two',
      code: made.activationCode.toLowerCase(),
      password: NEW_PASSWORD,
      totp: code(),
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().role).toBe('audit_admin');
    // The code is spent; the password now needs the enrolled second factor.
    expect(
      (await post('/api/auth/activation/check', { username: 'auditor_two', code: made.activationCode })).statusCode,
    ).toBe(401);
    t.clock.advance(31_000);
    const login = await post('/api/auth/login', { username: 'auditor_two', password: NEW_PASSWORD, totp: code() });
    expect(login.statusCode).toBe(200);
    // Only the command resets it: a new code, the old password dead.
    const reset = await resetAdmin(t.database.db, t.clock, 'auditor_two');
    expect(reset.activationCode).not.toBe(made.activationCode);
    t.clock.advance(31_000);
    const old = await post('/api/auth/login', { username: 'auditor_two', password: NEW_PASSWORD, totp: code() });
    expect(old.statusCode).toBe(401);
    await expect(
      installAdmin(t.database.db, t.clock, { role: 'dispatcher', username: 'not_admin', displayName: 'x' }),
    ).rejects.toThrow();
  });
});

describe('activation codes', () => {
  it('a new account gets a one-time code; its holder sets their own password at first sign-in', async () => {
    const dept = await buildDepartment(t.database.db);
    const created = await sec.inject({
      method: 'POST',
      url: '/api/admin/users',
      payload: { username: 'new_staff', displayName: '新同事', role: 'department_staff', departmentId: dept.id },
    });
    expect(created.statusCode).toBe(201);
    const { activationCode, status, id } = created.json();
    expect(status).toBe('pending_activation');
    // Listed with its status; the code is never listed.
    const list = await sec.inject({ method: 'GET', url: '/api/admin/users?pageSize=200' });
    const listed = list.json().items.find((u: { id: string }) => u.id === id);
    expect(listed.status).toBe('pending_activation');
    expect(list.body).not.toContain(activationCode);
    // No password works before activation; a wrong code and an unknown name answer alike.
    expect((await post('/api/auth/login', { username: 'new_staff', password: 'anything1A' })).statusCode).toBe(401);
    const wrong = await post('/api/auth/activation/check', { username: 'new_staff', code: 'AAAA-AAAA-AAAA' });
    const unknown = await post('/api/auth/activation/check', { username: 'no_such', code: activationCode });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.body).toBe(unknown.body);
    const check = await post('/api/auth/activation/check', { username: 'new_staff', code: activationCode });
    expect(check.json()).toEqual({ username: 'new_staff', needsTotp: false });
    const weak = await post('/api/auth/activate', {
      username: 'new_staff',
      code: activationCode,
      password: 'abcdefgh',
    });
    expect(weak.statusCode).toBe(422);
    const ok = await post('/api/auth/activate', {
      username: 'new_staff',
      code: activationCode,
      password: NEW_PASSWORD,
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().mustChangePassword).toBe(false);
    expect((await loginStaff(t.app, 'new_staff', NEW_PASSWORD)).userId).toBe(id);
  });

  it('a reset issues a new activation code (never a password), ends sessions; codes expire', async () => {
    const u = await buildUser(t.database.db, { role: 'dispatcher' });
    const s = await loginStaff(t.app, u.username!, TEST_PASSWORD);
    const reset = await sec.inject({
      method: 'PUT',
      url: `/api/admin/users/${u.id}`,
      payload: { resetPassword: true },
    });
    expect(reset.statusCode).toBe(200);
    expect(reset.json().activationCode).toMatch(/^[2-9A-Z]{4}-/);
    expect(reset.json().tempPassword).toBeUndefined();
    expect(reset.json().status).toBe('pending_activation');
    expect((await s.inject({ method: 'GET', url: '/api/auth/me' })).statusCode).toBe(401);
    expect((await post('/api/auth/login', { username: u.username!, password: TEST_PASSWORD })).statusCode).toBe(401);
    t.clock.advance(73 * 3_600_000);
    sec = await loginStaff(t.app, secName, TEST_PASSWORD);
    const late = await post('/api/auth/activation/check', { username: u.username!, code: reset.json().activationCode });
    expect(late.statusCode).toBe(401);
    const list = await sec.inject({ method: 'GET', url: '/api/admin/users?pageSize=200' });
    expect(list.json().items.find((x: { id: string }) => x.id === u.id).status).toBe('activation_expired');
  });

  it('role change ends sessions; disable and unlock show in the status', async () => {
    const u = await buildUser(t.database.db, { role: 'dispatcher' });
    const s = await loginStaff(t.app, u.username!, TEST_PASSWORD);
    const r = await sec.inject({ method: 'PUT', url: `/api/admin/users/${u.id}`, payload: { role: 'leader' } });
    expect(r.json()).toMatchObject({ role: 'leader', status: 'active' });
    expect((await s.inject({ method: 'GET', url: '/api/auth/me' })).statusCode).toBe(401);
    for (let i = 0; i < 5; i++) await post('/api/auth/login', { username: u.username!, password: 'wrong' });
    const list = await sec.inject({ method: 'GET', url: '/api/admin/users?pageSize=200' });
    expect(list.json().items.find((x: { id: string }) => x.id === u.id).status).toBe('locked');
    const unlocked = await sec.inject({ method: 'PUT', url: `/api/admin/users/${u.id}`, payload: { unlock: true } });
    expect(unlocked.json().status).toBe('active');
    expect((await loginStaff(t.app, u.username!, TEST_PASSWORD)).userId).toBe(u.id);
    const off = await sec.inject({ method: 'PUT', url: `/api/admin/users/${u.id}`, payload: { disabled: true } });
    expect(off.json().status).toBe('disabled');
  });
});
