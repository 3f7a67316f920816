import { and, eq } from 'drizzle-orm';
import * as OTPAuth from 'otpauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, notifications } from '../../platform/platform.tables.js';
import { buildTestApp, loginStaff, type TTestApp } from '../../test/build-test-app.js';
import { buildUser, TEST_PASSWORD } from '../../test/factories.js';
import { otpCodes } from './accounts.tables.js';

// Issue 12, items 1, 2, 4, 6: forwarded addresses, limits under concurrency, TOTP failures, enumeration.
let t: TTestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

const login = (username: string, password: string, remoteAddress = '127.0.0.1', totp?: string) =>
  t.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    remoteAddress,
    payload: { username, password, ...(totp ? { totp } : {}) },
  });

describe('forwarded headers (TRUST_PROXY)', () => {
  it('40 code requests with 40 made-up X-Forwarded-For: limited at 10 a minute for the real address', async () => {
    const limited = await buildTestApp({ rateLimit: true });
    try {
      const codes: number[] = [];
      for (let i = 0; i < 40; i++) {
        const r = await limited.app.inject({
          method: 'POST',
          url: '/api/auth/code',
          remoteAddress: '10.9.9.9',
          headers: { 'x-forwarded-for': `203.0.113.${i + 1}` },
          payload: { phone: `1390001${String(i).padStart(4, '0')}` },
        });
        codes.push(r.statusCode);
      }
      expect(codes.filter((c) => c === 200)).toHaveLength(10);
      expect(codes.filter((c) => c === 429)).toHaveLength(30);
      // The code's record and the audit log hold the real address, not the made-up one.
      const sent = await limited.database.db.select().from(otpCodes).where(eq(otpCodes.phone, '13900010000'));
      expect(sent[0].ip).toBe('10.9.9.9');
      const code = (
        await limited.app.inject({
          method: 'POST',
          url: '/api/auth/code',
          remoteAddress: '10.9.9.10',
          headers: { 'x-forwarded-for': '198.51.100.7' },
          payload: { phone: '13900019999' },
        })
      ).json().demoCode;
      const ok = await limited.app.inject({
        method: 'POST',
        url: '/api/auth/tourist-login',
        remoteAddress: '10.9.9.10',
        headers: { 'x-forwarded-for': '198.51.100.7' },
        payload: { phone: '13900019999', code },
      });
      expect(ok.statusCode).toBe(200);
      const [row] = await limited.database.db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.action, 'auth.login'), eq(auditLog.actorId, ok.json().id)));
      expect(row.ip).toBe('10.9.9.10');
    } finally {
      await limited.close();
    }
  });

  it('a configured proxy is believed: its X-Forwarded-For is the client address', async () => {
    const proxied = await buildTestApp({ env: { TRUST_PROXY: '127.0.0.1, 10.0.0.0/8' } });
    try {
      const code = (
        await proxied.app.inject({
          method: 'POST',
          url: '/api/auth/code',
          remoteAddress: '10.1.2.3',
          headers: { 'x-forwarded-for': '198.51.100.8' },
          payload: { phone: '13900018888' },
        })
      ).json().demoCode;
      const ok = await proxied.app.inject({
        method: 'POST',
        url: '/api/auth/tourist-login',
        remoteAddress: '127.0.0.1',
        headers: { 'x-forwarded-for': '198.51.100.8' },
        payload: { phone: '13900018888', code },
      });
      const [row] = await proxied.database.db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.action, 'auth.login'), eq(auditLog.actorId, ok.json().id)));
      expect(row.ip).toBe('198.51.100.8');
    } finally {
      await proxied.close();
    }
  });
});

describe('lockout under concurrency', () => {
  it('3 bursts of 50 concurrent wrong passwords lock the account; the right password then does not sign in', async () => {
    const u = await buildUser(t.database.db, { role: 'dispatcher' });
    // One burst from one address, two spread over 50 addresses each.
    const bursts = [() => '10.20.0.1', (i: number) => `10.21.0.${i + 1}`, (i: number) => `10.22.0.${i + 1}`];
    for (const addressOf of bursts) {
      const answers = await Promise.all(
        Array.from({ length: 50 }, (_, i) => login(u.username!, `wrong-${i}`, addressOf(i))),
      );
      expect(answers.every((r) => r.statusCode === 401)).toBe(true);
    }
    for (const address of ['10.20.0.1', '10.21.0.1', '10.99.0.1']) {
      const right = await login(u.username!, TEST_PASSWORD, address);
      expect(right.statusCode).toBe(401);
    }
    // Only what the limits allow was ever compared: 5 from the first address, then 20 across addresses in all.
    const failed = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.objectId, u.id), eq(auditLog.action, 'auth.login_failed')));
    expect(failed.length).toBe(20);
  }, 60_000);

  it('200 concurrent guesses of one SMS code: exactly 5 are evaluated', async () => {
    const phone = '13900027777';
    const sent = await t.app.inject({ method: 'POST', url: '/api/auth/code', payload: { phone } });
    const code = sent.json().demoCode as string;
    const wrong = code === '000000' ? '000001' : '000000';
    const answers = await Promise.all(
      Array.from({ length: 200 }, () =>
        t.app.inject({ method: 'POST', url: '/api/auth/tourist-login', payload: { phone, code: wrong } }),
      ),
    );
    expect(answers.every((r) => r.statusCode === 401)).toBe(true);
    const [otp] = await t.database.db.select().from(otpCodes).where(eq(otpCodes.phone, phone));
    expect(otp.attempts).toBe(5);
    const right = await t.app.inject({ method: 'POST', url: '/api/auth/tourist-login', payload: { phone, code } });
    expect(right.statusCode).toBe(401);
  }, 60_000);
});

describe('second factor', () => {
  it('wrong TOTP codes after the right password count as failed logins: 12 of them → locked', async () => {
    const secret = new OTPAuth.Secret({ size: 20 }).base32;
    const u = await buildUser(t.database.db, { role: 'security_admin', totpSecret: secret });
    const totp = new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret), digits: 6, period: 30 });
    const good = () => totp.generate({ timestamp: t.clock.now().getTime() });
    const bad = () => String((Number(good()) + 500_000) % 1_000_000).padStart(6, '0');
    for (let i = 0; i < 12; i++) {
      const r = await login(u.username!, TEST_PASSWORD, '10.30.0.1', bad());
      expect(r.statusCode).toBe(401);
    }
    const failed = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.objectId, u.id), eq(auditLog.action, 'auth.login_failed')));
    expect(failed.length).toBe(5);
    expect((await login(u.username!, TEST_PASSWORD, '10.30.0.1', good())).statusCode).toBe(401);
    // Another address still signs in: the lock is the pair's.
    expect((await login(u.username!, TEST_PASSWORD, '10.30.0.2', good())).statusCode).toBe(200);
  });
});

describe('enumeration and lockout as denial of service', () => {
  it('a locked, a disabled and an unknown account get the same answer', async () => {
    const locked = await buildUser(t.database.db, { role: 'dispatcher' });
    const disabled = await buildUser(t.database.db, { role: 'dispatcher', disabled: true });
    for (let i = 0; i < 5; i++) await login(locked.username!, 'wrong');
    const a = await login(locked.username!, TEST_PASSWORD);
    const b = await login('nobody_here', TEST_PASSWORD);
    const c = await login(disabled.username!, TEST_PASSWORD);
    const d = await login(locked.username!, 'wrong');
    for (const r of [a, c, d]) {
      expect(r.statusCode).toBe(b.statusCode);
      expect(r.body).toBe(b.body);
    }
    expect(b.statusCode).toBe(401);
  });

  it('5 failures lock the (account, address) pair only, for a growing time; the owner is told', async () => {
    const u = await buildUser(t.database.db, { role: 'dispatcher' });
    for (let i = 0; i < 5; i++) expect((await login(u.username!, 'wrong', '10.40.0.1')).statusCode).toBe(401);
    expect((await login(u.username!, TEST_PASSWORD, '10.40.0.1')).statusCode).toBe(401);
    // The owner, from their own address, is not locked out by someone else's guesses.
    const owner = await loginStaff(t.app, u.username!, TEST_PASSWORD);
    const notices = await owner.inject({ method: 'GET', url: '/api/notifications' });
    expect(JSON.stringify(notices.json())).toContain('account_locked');
    const told = await t.database.db.select().from(notifications).where(eq(notifications.userId, u.id));
    expect(told).toHaveLength(1);
    expect(told[0].bodyZh).toContain('10.40.0.1');
    // First lock 5 minutes; the second, after 5 more failures, 10.
    t.clock.advance(5 * 60_000 + 1000);
    for (let i = 0; i < 5; i++) await login(u.username!, 'wrong', '10.40.0.1');
    t.clock.advance(6 * 60_000);
    expect((await login(u.username!, TEST_PASSWORD, '10.40.0.1')).statusCode).toBe(401);
    t.clock.advance(5 * 60_000);
    expect((await login(u.username!, TEST_PASSWORD, '10.40.0.1')).statusCode).toBe(200);
  });

  it('20 failures across addresses lock the account for every address until the lock ends', async () => {
    const u = await buildUser(t.database.db, { role: 'dispatcher' });
    for (let i = 0; i < 20; i++) await login(u.username!, 'wrong', `10.50.${i}.1`);
    expect((await login(u.username!, TEST_PASSWORD, '10.51.0.1')).statusCode).toBe(401);
    // The owner is told, and so is the security admin (a guess spread over addresses).
    const told = await t.database.db.select().from(notifications).where(eq(notifications.objectId, u.id));
    expect(told.map((n) => n.userId ?? n.role).sort()).toEqual([u.id, 'security_admin'].sort());
    t.clock.advance(16 * 60_000);
    expect((await login(u.username!, TEST_PASSWORD, '10.51.0.1')).statusCode).toBe(200);
  });
});
